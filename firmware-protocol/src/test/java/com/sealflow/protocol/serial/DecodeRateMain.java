package com.sealflow.protocol.serial;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Protocol decode rate: a plain main, not a test (figures are never asserted in unit tests).
 * {@code ./mvnw -q -pl firmware-protocol test-compile && java -cp firmware-protocol/target/classes:firmware-protocol/target/test-classes
 * com.sealflow.protocol.serial.DecodeRateMain}
 */
public final class DecodeRateMain {

    private DecodeRateMain() {
    }

    public static void main(String[] args) {
        List<Frame> frames = SampleMessages.frames();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 1_000; i++) {
            frames.forEach(f -> stream.writeBytes(FrameCodec.encode(f)));
        }
        byte[] bytes = stream.toByteArray();
        long framesPerPass = (long) frames.size() * 1_000;
        for (int round = 0; round < 5; round++) {
            StreamDecoder decoder = new StreamDecoder();
            long start = System.nanoTime();
            int passes = 20;
            long decoded = 0;
            for (int pass = 0; pass < passes; pass++) {
                for (int offset = 0; offset < bytes.length; offset += 64) {
                    decoded += decoder.feed(bytes, offset, Math.min(64, bytes.length - offset)).size();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (decoded != framesPerPass * passes) {
                throw new IllegalStateException("decoded " + decoded + " frames, expected " + framesPerPass * passes);
            }
            System.out.printf("round %d: %.0f frames/s, %.1f MB/s (64-byte reads)%n", round, decoded / seconds,
                    bytes.length * (double) passes / seconds / 1e6);
        }
    }
}
