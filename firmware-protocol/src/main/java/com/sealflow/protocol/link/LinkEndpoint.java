package com.sealflow.protocol.link;

import com.sealflow.protocol.serial.Discard;
import com.sealflow.protocol.serial.DiscardReason;
import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Frame;
import com.sealflow.protocol.serial.FrameCodec;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.StreamDecoder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One end of the reliable serial link, the same on host and MCU side. Pure: no threads, no I/O,
 * time from an injected monotonic clock. The owner feeds received bytes to {@link #receive},
 * calls {@link #tick} no later than {@link #nextDeadlineMillis}, and writes whatever
 * {@link #takeOutgoing} returns to the port.
 *
 * <p>Reliable frames (types with {@code needsAck}) are sent stop-and-wait: one in flight, the
 * rest queued in order, each retransmitted until ACK, NACK or {@code maxRetries}. Reliable seqs run
 * 1..65535 and wrap to 1; 0 marks frames that need no answer. The receiver answers every reliable
 * frame, passes it to the handler once, and answers a repeat of the last seq with the same answer
 * without calling the handler again, so a retransmitted PRESS or UNLOCK acts once. HELLO is always
 * delivered and clears that memory, because it means the peer restarted its numbering.
 *
 * <p>Not thread-safe: drive it from one thread or lock around it.
 */
public final class LinkEndpoint {

    /** Application side of the link. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Called once per received message (never for ACK/NACK). For reliable messages the return
         * value is the answer: {@link ErrorCode#OK} sends ACK, anything else NACK with that code, so
         * do durable work (journal the press) before returning. Ignored for other messages. If it
         * throws, the frame stays unanswered and the peer's retransmission offers it again.
         */
        ErrorCode onMessage(Message message);
    }

    private final LinkConfig config;
    private final LongSupplier clock;
    private final Handler handler;
    private final StreamDecoder decoder = new StreamDecoder(this::onDiscard);
    private final Deque<Frame> queue = new ArrayDeque<>();
    private final List<byte[]> outgoing = new ArrayList<>();
    private final List<LinkEvent> events = new ArrayList<>();
    private int nextSeq = 1;
    private int attempts;
    private long deadline = Long.MAX_VALUE;
    private int lastReceivedSeq = -1;
    private ErrorCode lastAnswer;
    private long lastReceivedAt;
    private boolean needsLeadingDelimiter = true;
    private long lastHeardAt = -1;
    private long retransmissions;
    private long duplicates;

    public LinkEndpoint(LinkConfig config, LongSupplier monotonicMillis, Handler handler) {
        this.config = Objects.requireNonNull(config);
        this.clock = Objects.requireNonNull(monotonicMillis);
        this.handler = Objects.requireNonNull(handler);
    }

    /**
     * Sends {@code message}: at once if it needs no answer or nothing is in flight, else after
     * the frames queued before it.
     *
     * @return the seq that {@link LinkEvent}s for this frame will carry, or 0 for an unreliable frame
     */
    public int send(Message message) {
        if (message instanceof Message.Ack || message instanceof Message.Nack) {
            throw new IllegalArgumentException("the link answers by itself; ACK and NACK are not sent by hand");
        }
        if (!message.type().needsAck()) {
            transmit(Frame.of(0, message));
            return 0;
        }
        int seq = nextSeq;
        nextSeq = nextSeq == 0xFFFF ? 1 : nextSeq + 1;
        queue.addLast(Frame.of(seq, message));
        if (queue.size() == 1) {
            startHead();
        }
        return seq;
    }

    /** Feeds bytes read from the port. Never throws on their content. */
    public void receive(byte[] data, int offset, int length) {
        for (Frame frame : decoder.feed(data, offset, length)) {
            onFrame(frame);
        }
    }

    public void receive(byte[] data) {
        receive(data, 0, data.length);
    }

    /** Retransmits or gives up on the frame in flight once its deadline has passed. */
    public void tick() {
        Frame head = queue.peekFirst();
        if (head == null || clock.getAsLong() < deadline) {
            return;
        }
        if (attempts > config.maxRetries()) {
            queue.removeFirst();
            events.add(new LinkEvent.GaveUp(head.seq(), head.message(), attempts));
            startHead();
            return;
        }
        retransmissions++;
        sendHead(head.asRetransmission());
    }

    /** When {@link #tick} next has work: the monotonic time, or {@link Long#MAX_VALUE} if nothing is in flight. */
    public long nextDeadlineMillis() {
        return queue.isEmpty() ? Long.MAX_VALUE : deadline;
    }

    /** Wire bytes to write to the port, in order; the list is handed over and cleared. */
    public List<byte[]> takeOutgoing() {
        List<byte[]> out = List.copyOf(outgoing);
        outgoing.clear();
        return out;
    }

    /** Outcomes of reliable frames since the last call. */
    public List<LinkEvent> takeEvents() {
        List<LinkEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }

    /** Reliable frames not yet answered, including the one in flight. */
    public int pendingCount() {
        return queue.size();
    }

    /**
     * Monotonic time of the last valid frame from the peer, or -1 before the first. The link
     * counts as down after 3 s (host) / 5 s (MCU) of silence: PROTOCOL.md section 10.
     */
    public long lastHeardMillis() {
        return lastHeardAt;
    }

    public long retransmissions() {
        return retransmissions;
    }

    /** Repeated reliable frames answered again without reaching the handler. */
    public long duplicatesSuppressed() {
        return duplicates;
    }

    public StreamDecoder decoder() {
        return decoder;
    }

    /**
     * After the port was reopened: forgets partial input and restarts the frame in flight from
     * its first attempt. Queued frames and the dedup memory are kept.
     */
    public void portReopened() {
        decoder.reset();
        needsLeadingDelimiter = true;
        if (!queue.isEmpty()) {
            startHead();
        }
    }

    private void onFrame(Frame frame) {
        lastHeardAt = clock.getAsLong();
        Message message = frame.message();
        if (message instanceof Message.Ack || message instanceof Message.Nack) {
            onAnswer(frame);
            return;
        }
        if (!frame.ackRequested()) {
            handler.onMessage(message);
            return;
        }
        long now = clock.getAsLong();
        boolean repeat = frame.seq() == lastReceivedSeq && now - lastReceivedAt <= config.dedupMemoryMillis();
        if (repeat && !(message instanceof Message.Hello)) {
            duplicates++;
            lastReceivedAt = now;
            transmit(Frame.answer(frame.seq(), lastAnswer));
            return;
        }
        ErrorCode answer = Objects.requireNonNull(handler.onMessage(message), "handler must return an ErrorCode");
        lastReceivedSeq = frame.seq();
        lastAnswer = answer;
        lastReceivedAt = now;
        transmit(Frame.answer(frame.seq(), answer));
    }

    private void onAnswer(Frame answer) {
        Frame head = queue.peekFirst();
        if (head == null || head.seq() != answer.ack()) {
            return; // a late answer to a frame already settled
        }
        queue.removeFirst();
        if (answer.message() instanceof Message.Nack nack) {
            events.add(new LinkEvent.Refused(head.seq(), head.message(), nack.code()));
        } else {
            events.add(new LinkEvent.Acknowledged(head.seq(), head.message()));
        }
        startHead();
    }

    private void onDiscard(Discard discard) {
        // A frame with a good CRC that we cannot use would otherwise be retransmitted to no end.
        if (!discard.senderAwaitsAnswer()) {
            return;
        }
        ErrorCode code = discard.reason() == DiscardReason.UNKNOWN_TYPE ? ErrorCode.UNKNOWN_TYPE
                : discard.reason() == DiscardReason.UNSUPPORTED_VERSION ? ErrorCode.UNSUPPORTED_VERSION
                : ErrorCode.BAD_PAYLOAD;
        transmit(Frame.answer(discard.seq(), code));
    }

    private void startHead() {
        attempts = 0;
        Frame head = queue.peekFirst();
        if (head != null) {
            sendHead(head);
        }
    }

    private void sendHead(Frame frame) {
        attempts++;
        deadline = clock.getAsLong() + config.ackTimeoutMillis();
        transmit(frame);
    }

    private void transmit(Frame frame) {
        if (needsLeadingDelimiter) {
            // Ends whatever noise the line carried before we started, so our first frame survives it.
            outgoing.add(new byte[] {0});
            needsLeadingDelimiter = false;
        }
        outgoing.add(FrameCodec.encode(frame));
    }
}
