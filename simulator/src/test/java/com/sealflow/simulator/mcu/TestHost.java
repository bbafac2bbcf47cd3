package com.sealflow.simulator.mcu;

import com.sealflow.protocol.link.LinkConfig;
import com.sealflow.protocol.link.LinkEndpoint;
import com.sealflow.protocol.link.LinkEvent;
import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** The agent's end of the link, wired to a simulated MCU in memory, on a hand-driven clock. */
final class TestHost {

    final AtomicLong clock = new AtomicLong(1_000);
    final List<Message> received = new ArrayList<>();
    final List<LinkEvent> events = new ArrayList<>();
    final LinkEndpoint link;
    final SimulatedMcu mcu;
    /** False = what the host sends is lost on the wire. */
    boolean hostToMcu = true;
    /** False = what the MCU sends is lost on the wire. */
    boolean mcuToHost = true;
    Function<Message, ErrorCode> answer = m -> ErrorCode.OK;

    TestHost(McuSpec spec) {
        link = new LinkEndpoint(LinkConfig.DEFAULT, clock::get, m -> {
            received.add(m);
            return answer.apply(m);
        });
        mcu = new SimulatedMcu(spec, clock::get);
        mcu.attach(bytes -> {
            if (mcuToHost) {
                link.receive(bytes);
                pumpHost();
            }
        });
        pumpHost();
    }

    int send(Message message) {
        int seq = link.send(message);
        pumpHost();
        return seq;
    }

    /** Moves time on in small steps, ticking both ends. */
    void advance(long millis) {
        for (long t = 0; t < millis; t += 10) {
            clock.addAndGet(10);
            link.tick();
            pumpHost();
            mcu.tick();
        }
    }

    private void pumpHost() {
        List<byte[]> out = link.takeOutgoing();
        events.addAll(link.takeEvents());
        if (hostToMcu) {
            out.forEach(b -> mcu.receive(b, 0, b.length));
        }
    }

    <T extends Message> List<T> received(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    ErrorCode answerTo(int seq) {
        for (LinkEvent e : events) {
            if (e.seq() == seq) {
                return e instanceof LinkEvent.Refused r ? r.code() : e instanceof LinkEvent.Acknowledged ? ErrorCode.OK : null;
            }
        }
        return null;
    }
}
