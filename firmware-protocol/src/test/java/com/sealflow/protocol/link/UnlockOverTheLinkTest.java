package com.sealflow.protocol.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Frame;
import com.sealflow.protocol.serial.FrameCodec;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.SampleMessages;
import com.sealflow.protocol.serial.StreamDecoder;
import com.sealflow.protocol.serial.UnlockMac;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The UNLOCK rules of PROTOCOL.md section 8 and 9, played between a host and a minimal MCU. */
class UnlockOverTheLinkTest {

    private static final String DEVICE = "SF-DEV-0001";
    private static final byte[] LINK_KEY = new byte[32];
    private static final LinkConfig CONFIG = LinkConfig.DEFAULT;

    private final AtomicLong clock = new AtomicLong();
    private final List<Message.Unlock> unlocksActedOn = new ArrayList<>();
    private long lastUnlockCounter = 41;
    private boolean sessionRunning;

    /** MCU check order: BAD_MAC, REPLAYED, BAD_ARGUMENT, BUSY. */
    private ErrorCode mcu(Message message) {
        if (!(message instanceof Message.Unlock unlock)) {
            return ErrorCode.OK;
        }
        if (!UnlockMac.verify(LINK_KEY, DEVICE, unlock)) {
            return ErrorCode.BAD_MAC;
        }
        if (unlock.unlockCounter() <= lastUnlockCounter) {
            return ErrorCode.REPLAYED;
        }
        if (unlock.presses() == 0 || unlock.sessionId() == 0) {
            return ErrorCode.BAD_ARGUMENT;
        }
        if (sessionRunning) {
            return ErrorCode.BUSY;
        }
        lastUnlockCounter = unlock.unlockCounter();
        sessionRunning = true;
        unlocksActedOn.add(unlock);
        return ErrorCode.OK;
    }

    private final LinkEndpoint mcuLink = new LinkEndpoint(CONFIG, clock::get, this::mcu);
    private final LinkEndpoint host = new LinkEndpoint(CONFIG, clock::get, m -> ErrorCode.OK);

    private List<byte[]> hostToMcu() {
        List<byte[]> wire = host.takeOutgoing();
        wire.forEach(mcuLink::receive);
        return wire;
    }

    private void mcuToHost() {
        mcuLink.takeOutgoing().forEach(host::receive);
    }

    @Test
    void validUnlockIsAckedAndActedOnOnceEvenWhenTheAckIsLost() {
        int seq = host.send(UnlockMac.sign(LINK_KEY, DEVICE, 7, 0, 3, 180, 42));
        hostToMcu();
        mcuLink.takeOutgoing(); // the ACK is lost on the line
        clock.addAndGet(CONFIG.ackTimeoutMillis());
        host.tick();
        hostToMcu();
        mcuToHost();
        assertThat(unlocksActedOn).hasSize(1);
        assertThat(host.takeEvents()).containsExactly(new LinkEvent.Acknowledged(seq, unlocksActedOn.get(0)));
    }

    @Test
    void recordedUnlockReplayedInANewFrameIsRefused() {
        host.send(UnlockMac.sign(LINK_KEY, DEVICE, 7, 0, 3, 180, 42));
        List<byte[]> recorded = hostToMcu();
        mcuToHost();
        sessionRunning = false; // the session has ended; an attacker replays the recorded UNLOCK

        StreamDecoder decoder = new StreamDecoder();
        Frame original = recorded.stream().flatMap(b -> decoder.feed(b).stream()).findFirst().orElseThrow();
        mcuLink.receive(FrameCodec.encode(Frame.of(original.seq() + 1, original.message())));

        assertThat(unlocksActedOn).hasSize(1);
        assertThat(answers(mcuLink)).containsExactly(new Message.Nack(ErrorCode.REPLAYED));
    }

    @Test
    void unlockWithoutTheLinkKeyIsRefused() {
        host.send(UnlockMac.sign(SampleMessages.bytes(1, 32), DEVICE, 7, 0, 3, 180, 42));
        hostToMcu();
        mcuToHost();
        assertThat(unlocksActedOn).isEmpty();
        assertThat(host.takeEvents()).singleElement().isInstanceOfSatisfying(LinkEvent.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo(ErrorCode.BAD_MAC));
    }

    @Test
    void secondUnlockDuringASessionIsBusy() {
        host.send(UnlockMac.sign(LINK_KEY, DEVICE, 7, 0, 3, 180, 42));
        host.send(UnlockMac.sign(LINK_KEY, DEVICE, 8, 0, 1, 60, 43));
        for (int i = 0; i < 2; i++) {
            hostToMcu();
            mcuToHost();
        }
        assertThat(host.takeEvents()).extracting(e -> e.getClass().getSimpleName()).containsExactly("Acknowledged", "Refused");
        assertThat(unlocksActedOn).extracting(Message.Unlock::sessionId).containsExactly(7L);
    }

    private static List<Message> answers(LinkEndpoint endpoint) {
        StreamDecoder decoder = new StreamDecoder();
        List<Message> out = new ArrayList<>();
        endpoint.takeOutgoing().forEach(b -> decoder.feed(b).forEach(f -> out.add(f.message())));
        return out;
    }
}
