package com.sealflow.protocol.bench;

import com.sealflow.protocol.serial.Frame;
import com.sealflow.protocol.serial.FrameCodec;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.StreamDecoder;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * StreamDecoder throughput on one thread, in frames per second: a stream of typical PRESS frames
 * (24 wire bytes each, counters and seq advancing) fed in reads of {@code readSize} bytes — 64 as a
 * USB-serial read returns them, 1 MiB as a bulk replay. Built and run only on demand (PROTOCOL.md 13):
 * {@code ./mvnw -q -pl firmware-protocol -Pjmh package -DskipTests && java -jar firmware-protocol/target/benchmarks.jar -f 1 -wi 3 -i 5 -t 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StreamDecoderBenchmark {

    /** Frames in the stream; one benchmark invocation decodes all of them. */
    static final int FRAMES = 65_536;

    @Param({"64", "1048576"})
    int readSize;

    private byte[] stream;
    private StreamDecoder decoder;

    @Setup
    public void setUp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            Message.Press press = new Message.Press(1000 + i / 50, 1_000_000 + i, 49 - i % 50);
            out.writeBytes(FrameCodec.encode(Frame.of(1 + i % 65_535, press)));
        }
        stream = out.toByteArray();
        decoder = new StreamDecoder();
        if (decodeAll() != FRAMES) {
            throw new IllegalStateException("the stream does not decode to " + FRAMES + " frames");
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int decodePressFrames() {
        return decodeAll();
    }

    private int decodeAll() {
        int frames = 0;
        for (int offset = 0; offset < stream.length; offset += readSize) {
            frames += decoder.feed(stream, offset, Math.min(readSize, stream.length - offset)).size();
        }
        return frames;
    }
}
