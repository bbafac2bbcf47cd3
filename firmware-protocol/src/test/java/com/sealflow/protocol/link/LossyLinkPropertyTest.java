package com.sealflow.protocol.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Host and MCU endpoints over a channel that drops and corrupts whole writes. */
class LossyLinkPropertyTest {

    private static final LinkConfig CONFIG = new LinkConfig(50, 50, 60_000);

    @Property(tries = 60)
    void everyMessageArrivesExactlyOnceInOrder(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int lossPercent) {
        Random random = new Random(seed);
        AtomicLong clock = new AtomicLong();
        List<Message> atMcu = new ArrayList<>();
        List<Message> atHost = new ArrayList<>();
        LinkEndpoint host = new LinkEndpoint(CONFIG, clock::get, m -> record(atHost, m));
        LinkEndpoint mcu = new LinkEndpoint(CONFIG, clock::get, m -> record(atMcu, m));

        List<Message> presses = new ArrayList<>();
        List<Message> locks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            presses.add(new Message.Press(1, 100 + i, 29 - i));
            locks.add(new Message.Lock(i));
        }
        presses.forEach(mcu::send);
        locks.forEach(host::send);

        for (int step = 0; step < 20_000 && (host.pendingCount() > 0 || mcu.pendingCount() > 0); step++) {
            carry(host, mcu, random, lossPercent);
            carry(mcu, host, random, lossPercent);
            clock.addAndGet(10);
            host.tick();
            mcu.tick();
        }

        assertThat(atHost).isEqualTo(presses);
        assertThat(atMcu).isEqualTo(locks);
        assertThat(host.takeEvents()).allMatch(e -> e instanceof LinkEvent.Acknowledged).hasSize(30);
        assertThat(mcu.takeEvents()).allMatch(e -> e instanceof LinkEvent.Acknowledged).hasSize(30);
    }

    private static ErrorCode record(List<Message> sink, Message message) {
        if (!(message instanceof Message.Heartbeat)) {
            sink.add(message);
        }
        return ErrorCode.OK;
    }

    private static void carry(LinkEndpoint from, LinkEndpoint to, Random random, int lossPercent) {
        for (byte[] write : from.takeOutgoing()) {
            int roll = random.nextInt(100);
            if (roll < lossPercent / 2) {
                continue;
            }
            byte[] copy = write.clone();
            if (roll < lossPercent && copy.length > 1) {
                copy[random.nextInt(copy.length - 1)] ^= (byte) (1 + random.nextInt(255));
            }
            // Arbitrary read boundaries, as a UART driver would deliver them.
            int cut = random.nextInt(copy.length + 1);
            to.receive(copy, 0, cut);
            to.receive(copy, cut, copy.length - cut);
        }
    }
}
