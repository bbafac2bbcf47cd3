package com.sealflow.simulator.mcu;

import com.sealflow.protocol.link.LinkEndpoint;
import com.sealflow.protocol.link.LinkEvent;
import com.sealflow.protocol.serial.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The MCU's reliable frames, handed to the link one at a time so their order survives retries:
 * a frame the link gave up on is sent again (new seq) until the host answers, and PRESS,
 * SESSION_END and TAMPER not yet answered are kept in "flash" across a power loss
 * (PROTOCOL.md §5: the MCU never drops them). Not thread-safe: the MCU's lock guards it.
 */
final class ReliableOutbox {

    private final Deque<Entry> queue = new ArrayDeque<>();
    private final List<Entry> flash = new ArrayList<>();
    private Entry inFlight;

    /** A frame the host answered, and how long it took from queueing. */
    record Settled(Message message, LinkEvent answer, long nanosSinceQueued) {
    }

    private record Entry(Message message, long queuedAt) {
    }

    void add(Message message) {
        queue.addLast(new Entry(message, System.nanoTime()));
    }

    /** Before everything queued (HELLO after boot); after the frame in flight, which the link owns. */
    void addFirst(Message message) {
        queue.addFirst(new Entry(message, System.nanoTime()));
    }

    /** Hands the next frame to the link when none is in flight. */
    void pump(LinkEndpoint link) {
        if (inFlight == null && !queue.isEmpty()) {
            inFlight = queue.removeFirst();
            link.send(inFlight.message());
        }
    }

    /** The frame this link event settles, or null (a retry, or an event for an older link). */
    Settled onEvent(LinkEvent event, LinkEndpoint link) {
        if (inFlight == null || event.message() != inFlight.message()) {
            return null;
        }
        if (event instanceof LinkEvent.GaveUp) {
            link.send(inFlight.message()); // never give up on evidence: same message, next seq
            return null;
        }
        Settled settled = new Settled(inFlight.message(), event, System.nanoTime() - inFlight.queuedAt());
        inFlight = null;
        return settled;
    }

    /** Frames waiting for an answer, including the one in flight. */
    int size() {
        return queue.size() + (inFlight == null ? 0 : 1);
    }

    /** Power lost: RAM is gone, unanswered evidence stays in flash. */
    void powerLost() {
        if (inFlight != null) {
            queue.addFirst(inFlight);
            inFlight = null;
        }
        flash.clear();
        queue.stream().filter(e -> e.message() instanceof Message.Press || e.message() instanceof Message.SessionEnd
                || e.message() instanceof Message.Tamper).forEach(flash::add);
        queue.clear();
    }

    /** After boot: the evidence kept in flash goes out again, in its order. */
    void restoreFromFlash() {
        queue.addAll(flash);
        flash.clear();
    }
}
