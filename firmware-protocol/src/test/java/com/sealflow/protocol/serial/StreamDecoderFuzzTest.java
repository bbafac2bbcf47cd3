package com.sealflow.protocol.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sealflow.protocol.link.LinkConfig;
import com.sealflow.protocol.link.LinkEndpoint;

/**
 * Whatever arrives on the wire, the decoder and the link neither throw nor lose sync. In a plain
 * build this replays the seeds under StreamDecoderFuzzTestInputs; to fuzz for real see PROTOCOL.md.
 */
class StreamDecoderFuzzTest {

    private static final Frame MARKER = Frame.of(4242, new Message.Press(1, 2, 3));

    @FuzzTest(maxDuration = "60s")
    void garbageNeverThrowsAndTheNextFrameAfterADelimiterDecodes(FuzzedDataProvider data) {
        StreamDecoder decoder = new StreamDecoder();
        LinkEndpoint link = new LinkEndpoint(LinkConfig.DEFAULT, () -> 0L, message -> ErrorCode.OK);
        while (data.remainingBytes() > 0) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 300));
            decoder.feed(chunk);
            link.receive(chunk);
            link.takeOutgoing();
        }
        // Whatever the garbage left half-buffered ends at this delimiter; the frame after it must decode.
        decoder.feed(new byte[] {0});
        assertThat(decoder.feed(FrameCodec.encode(MARKER))).containsExactly(MARKER);
    }
}
