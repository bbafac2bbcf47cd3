package com.sealflow.protocol.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.protocol.serial.Cobs;
import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Frame;
import com.sealflow.protocol.serial.FrameCodec;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.StreamDecoder;
import com.sealflow.protocol.serial.UnlockMac;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LinkEndpointTest {

    private static final LinkConfig CONFIG = new LinkConfig(100, 2, 10_000);
    private static final Message PRESS = new Message.Press(7, 1000, 2);

    private final AtomicLong now = new AtomicLong(5_000);
    private final List<Message> received = new ArrayList<>();
    private ErrorCode answer = ErrorCode.OK;
    private final LinkEndpoint link = new LinkEndpoint(CONFIG, now::get, m -> {
        received.add(m);
        return answer;
    });

    /** Decodes what the endpoint wrote; skips the leading delimiter. */
    private static List<Frame> written(LinkEndpoint endpoint) {
        StreamDecoder decoder = new StreamDecoder();
        List<Frame> frames = new ArrayList<>();
        endpoint.takeOutgoing().forEach(bytes -> frames.addAll(decoder.feed(bytes)));
        return frames;
    }

    private void deliver(Frame frame) {
        link.receive(FrameCodec.encode(frame));
    }

    @Test
    void reliableFrameIsSentAtOnceAndSettledByAck() {
        int seq = link.send(PRESS);
        assertThat(seq).isEqualTo(1);
        assertThat(written(link)).containsExactly(Frame.of(1, PRESS));
        assertThat(link.pendingCount()).isEqualTo(1);

        deliver(Frame.answer(1, ErrorCode.OK));

        assertThat(link.takeEvents()).containsExactly(new LinkEvent.Acknowledged(1, PRESS));
        assertThat(link.pendingCount()).isZero();
        assertThat(link.nextDeadlineMillis()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void retransmitsAfterTimeoutThenGivesUpAndMovesOn() {
        link.send(PRESS);
        Message second = new Message.Door(true);
        link.send(second);
        assertThat(written(link)).extracting(Frame::seq).containsExactly(1);

        now.addAndGet(99);
        link.tick();
        assertThat(written(link)).as("not yet due").isEmpty();

        now.addAndGet(1);
        link.tick();
        assertThat(written(link)).singleElement().satisfies(f -> {
            assertThat(f.seq()).isEqualTo(1);
            assertThat(f.retransmission()).isTrue();
        });
        now.addAndGet(100);
        link.tick();
        assertThat(written(link)).hasSize(1);
        assertThat(link.retransmissions()).isEqualTo(2);

        now.addAndGet(100);
        link.tick();
        assertThat(link.takeEvents()).containsExactly(new LinkEvent.GaveUp(1, PRESS, 3));
        assertThat(written(link)).containsExactly(Frame.of(2, second));
        assertThat(link.nextDeadlineMillis()).isEqualTo(now.get() + 100);
    }

    @Test
    void laterFramesWaitForTheOneInFlightAndKeepTheirOrder() {
        link.send(PRESS);
        link.send(new Message.Press(7, 1001, 1));
        link.send(new Message.Heartbeat());
        assertThat(written(link)).extracting(Frame::seq).containsExactly(1, 0);

        deliver(Frame.answer(1, ErrorCode.OK));
        assertThat(written(link)).extracting(Frame::seq).containsExactly(2);
    }

    @Test
    void nackEndsRetransmissionAndReportsTheCode() {
        link.send(PRESS);
        written(link);
        deliver(Frame.answer(1, ErrorCode.NO_SESSION));
        assertThat(link.takeEvents()).containsExactly(new LinkEvent.Refused(1, PRESS, ErrorCode.NO_SESSION));
        now.addAndGet(1_000);
        link.tick();
        assertThat(written(link)).isEmpty();
    }

    @Test
    void staleAnswerForAnotherSeqIsIgnored() {
        link.send(PRESS);
        deliver(Frame.answer(99, ErrorCode.OK));
        assertThat(link.takeEvents()).isEmpty();
        assertThat(link.pendingCount()).isEqualTo(1);
    }

    @Test
    void retransmittedFrameReachesTheHandlerOnceAndIsAckedEachTime() {
        Frame press = Frame.of(41, PRESS);
        deliver(press);
        deliver(press.asRetransmission());
        deliver(press.asRetransmission());

        assertThat(received).containsExactly(PRESS);
        assertThat(written(link)).containsExactly(Frame.answer(41, ErrorCode.OK), Frame.answer(41, ErrorCode.OK),
                Frame.answer(41, ErrorCode.OK));
        assertThat(link.duplicatesSuppressed()).isEqualTo(2);
    }

    @Test
    void repeatOfARefusedFrameGetsTheSameNackWithoutAskingTheHandlerAgain() {
        answer = ErrorCode.BAD_MAC;
        Frame unlock = Frame.of(3, UnlockMac.sign(new byte[32], "d", 1, 0, 1, 60, 1));
        deliver(unlock);
        answer = ErrorCode.OK;
        deliver(unlock.asRetransmission());
        assertThat(received).hasSize(1);
        assertThat(written(link)).extracting(Frame::message).containsExactly(new Message.Nack(ErrorCode.BAD_MAC),
                new Message.Nack(ErrorCode.BAD_MAC));
    }

    @Test
    void handlerFailureLeavesTheFrameUnansweredSoTheRetransmissionRetries() {
        List<Message> seen = new ArrayList<>();
        boolean[] fail = {true};
        LinkEndpoint flaky = new LinkEndpoint(CONFIG, now::get, m -> {
            seen.add(m);
            if (fail[0]) {
                throw new IllegalStateException("journal full");
            }
            return ErrorCode.OK;
        });
        Frame press = Frame.of(8, PRESS);
        assertThatThrownBy(() -> flaky.receive(FrameCodec.encode(press))).isInstanceOf(IllegalStateException.class);
        assertThat(written(flaky)).isEmpty();
        fail[0] = false;
        flaky.receive(FrameCodec.encode(press.asRetransmission()));
        assertThat(seen).hasSize(2);
        assertThat(written(flaky)).containsExactly(Frame.answer(8, ErrorCode.OK));
    }

    @Test
    void nextSeqIsDeliveredNormally() {
        deliver(Frame.of(41, PRESS));
        deliver(Frame.of(42, new Message.Press(7, 1001, 1)));
        assertThat(received).hasSize(2);
    }

    @Test
    void helloIsAlwaysDeliveredAndClearsDedupMemory() {
        Message hello = new Message.Hello("SF-DEV-0001", "1.0", 0, 0, 0, 0, List.of(1));
        deliver(Frame.of(1, PRESS));
        // The peer rebooted and numbers from 1 again.
        deliver(Frame.of(1, hello));
        deliver(Frame.of(2, PRESS));
        assertThat(received).containsExactly(PRESS, hello, PRESS);
    }

    @Test
    void dedupMemoryExpiresSoARestartedPeerIsNotSilenced() {
        deliver(Frame.of(5, PRESS));
        now.addAndGet(CONFIG.dedupMemoryMillis() + 1);
        deliver(Frame.of(5, PRESS));
        assertThat(received).hasSize(2);
    }

    @Test
    void unreliableMessagesAreDeliveredWithoutAnswer() {
        deliver(Frame.of(0, new Message.Heartbeat()));
        assertThat(received).containsExactly(new Message.Heartbeat());
        assertThat(written(link)).isEmpty();
    }

    @Test
    void undecodableFrameThatWantsAnAnswerIsNacked() {
        byte[] raw = {1, 0x7F, Frame.FLAG_ACK_REQUESTED, 9, 0, 0, 0, 0, 0, 0, 0, 0};
        long crc = FrameCodec.crc32c(raw, 0, 8);
        for (int i = 0; i < 4; i++) {
            raw[8 + i] = (byte) (crc >>> (8 * i));
        }
        byte[] stuffed = Cobs.encode(raw);
        link.receive(stuffed);
        link.receive(new byte[] {0});
        assertThat(written(link)).containsExactly(Frame.answer(9, ErrorCode.UNKNOWN_TYPE));
        assertThat(received).isEmpty();
    }

    @Test
    void sequenceNumbersWrapToOneNeverZero() {
        for (int i = 1; i <= 0xFFFF; i++) {
            int seq = link.send(PRESS);
            assertThat(seq).isEqualTo(i);
            link.takeOutgoing();
            deliver(Frame.answer(seq, ErrorCode.OK));
        }
        assertThat(link.send(PRESS)).isEqualTo(1);
    }

    @Test
    void lastHeardTracksValidFramesOnly() {
        assertThat(link.lastHeardMillis()).isEqualTo(-1);
        link.receive(new byte[] {0x13, 0x37, 0});
        assertThat(link.lastHeardMillis()).as("noise is not the peer").isEqualTo(-1);
        now.set(7_000);
        deliver(Frame.of(0, new Message.Heartbeat()));
        assertThat(link.lastHeardMillis()).isEqualTo(7_000);
    }

    @Test
    void firstOutputStartsWithADelimiterToCutOffLineNoise() {
        link.send(new Message.Heartbeat());
        assertThat(link.takeOutgoing().get(0)).containsExactly(0);
    }

    @Test
    void answersCannotBeSentByHand() {
        assertThatThrownBy(() -> link.send(new Message.Ack())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portReopenedRestartsTheFrameInFlight() {
        link.send(PRESS);
        written(link);
        link.portReopened();
        assertThat(written(link)).containsExactly(Frame.of(1, PRESS));
    }
}
