package com.sealflow.protocol.serial;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns serial reads of any size into frames. Bytes accumulate until a 0x00 delimiter; each
 * delimited run is decoded or discarded (reported to the listener and counted), and decoding
 * resumes after that delimiter, so noise, cut frames and merged reads cost at most the frames
 * they touch. Runs longer than {@link Frame#MAX_ENCODED_LENGTH} are dropped without buffering
 * them. Not thread-safe: feed it from the one thread that reads the port.
 */
public final class StreamDecoder {

    private final byte[] buffer = new byte[Frame.MAX_ENCODED_LENGTH];
    private final Consumer<Discard> listener;
    private final Map<DiscardReason, Long> discards = new EnumMap<>(DiscardReason.class);
    private int buffered;
    private long oversizeRun;
    private long framesDecoded;
    private long bytesDiscarded;

    public StreamDecoder() {
        this(discard -> { });
    }

    /** @param listener told about every discarded run, on the feeding thread */
    public StreamDecoder(Consumer<Discard> listener) {
        this.listener = listener;
    }

    public List<Frame> feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    /** Consumes {@code length} bytes and returns the frames they completed, in order. */
    public List<Frame> feed(byte[] chunk, int offset, int length) {
        List<Frame> frames = new ArrayList<>(2);
        for (int i = offset; i < offset + length; i++) {
            byte b = chunk[i];
            if (b == 0) {
                endOfRun(frames);
            } else if (oversizeRun > 0) {
                oversizeRun++;
            } else if (buffered == buffer.length) {
                oversizeRun = buffered + 1;
                buffered = 0;
            } else {
                buffer[buffered++] = b;
            }
        }
        return frames;
    }

    private void endOfRun(List<Frame> frames) {
        if (oversizeRun > 0) {
            discard(Discard.untrusted(DiscardReason.OVERSIZE, (int) Math.min(oversizeRun, Integer.MAX_VALUE)));
            oversizeRun = 0;
            return;
        }
        if (buffered == 0) {
            return; // back-to-back delimiters are idle fill, not an error
        }
        FrameCodec.DecodeResult result = FrameCodec.decode(buffer, 0, buffered);
        buffered = 0;
        if (result.ok()) {
            framesDecoded++;
            frames.add(result.frame());
        } else {
            discard(result.discard());
        }
    }

    private void discard(Discard discard) {
        discards.merge(discard.reason(), 1L, Long::sum);
        bytesDiscarded += discard.length();
        listener.accept(discard);
    }

    /** Drops a partly received frame, e.g. after the port was reopened. */
    public void reset() {
        buffered = 0;
        oversizeRun = 0;
    }

    public long framesDecoded() {
        return framesDecoded;
    }

    public long discarded(DiscardReason reason) {
        return discards.getOrDefault(reason, 0L);
    }

    public long discardedTotal() {
        return discards.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Bytes thrown away in discarded runs (delimiters not counted): a measure of line noise. */
    public long bytesDiscarded() {
        return bytesDiscarded;
    }

    /** Bytes waiting for a delimiter. */
    public int pendingBytes() {
        return oversizeRun > 0 ? (int) Math.min(oversizeRun, Integer.MAX_VALUE) : buffered;
    }
}
