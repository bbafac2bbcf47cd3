package com.sealflow.protocol.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sealflow.protocol.serial.Discard;
import com.sealflow.protocol.serial.DiscardReason;
import com.sealflow.protocol.serial.Frame;
import com.sealflow.protocol.serial.FrameCodec;
import com.sealflow.protocol.serial.MessageType;
import com.sealflow.protocol.serial.StreamDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pins {@code firmware-protocol/test-vectors.json} in both directions against the Java codec. */
class WireVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode vectors() throws IOException {
        return MAPPER.readTree(Files.readString(Path.of(WireVectorCatalog.FILE), StandardCharsets.UTF_8));
    }

    @Test
    void committedFileIsTheCatalog() throws IOException {
        String fresh = WireVectorCatalog.json();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", WireVectorCatalog.FILE), fresh, StandardCharsets.UTF_8);
        assertThat(Files.readString(Path.of(WireVectorCatalog.FILE), StandardCharsets.UTF_8))
                .as("test-vectors.json differs from WireVectorCatalog (fresh copy in target/test-vectors.json)")
                .isEqualTo(fresh);
    }

    @Test
    void coversEveryMessageTypeAndEveryDiscardReason() throws IOException {
        JsonNode file = vectors();
        assertThat(file.get("valid").size() + file.get("invalid").size()).isGreaterThanOrEqualTo(30);
        Set<MessageType> types = EnumSet.noneOf(MessageType.class);
        file.get("valid").forEach(v -> types.add(MessageType.valueOf(v.get("type").asText())));
        assertThat(types).containsExactlyInAnyOrder(MessageType.values());
        Set<DiscardReason> reasons = EnumSet.noneOf(DiscardReason.class);
        file.get("invalid").forEach(v -> reasons.add(DiscardReason.valueOf(v.get("reason").asText())));
        assertThat(reasons).containsExactlyInAnyOrder(DiscardReason.values());
        Set<String> names = new HashSet<>();
        file.get("valid").forEach(v -> assertThat(names.add(v.get("name").asText())).as(v.get("name").asText()).isTrue());
        file.get("invalid").forEach(v -> assertThat(names.add(v.get("name").asText())).as(v.get("name").asText()).isTrue());
    }

    @Test
    void everyValidVectorDecodesToExactlyItsStatedMeaning() throws IOException {
        for (JsonNode vector : vectors().get("valid")) {
            String name = vector.get("name").asText();
            List<Discard> discards = new ArrayList<>();
            List<Frame> frames = new StreamDecoder(discards::add).feed(HEX.parseHex(vector.get("hex").asText()));
            assertThat(discards).as(name).isEmpty();
            assertThat(frames).as(name).hasSize(1);
            ObjectNode stated = vector.deepCopy();
            stated.remove("name");
            stated.remove("hex");
            JsonNode decoded = MAPPER.readTree(MAPPER.writeValueAsString(WireMeaning.describe(frames.get(0))));
            assertThat(decoded).as(name).isEqualTo(stated);
            assertThat(frames.get(0)).as(name).isEqualTo(WireMeaning.frame(vector));
        }
    }

    @Test
    void everyStatedMeaningEncodesToExactlyItsHex() throws IOException {
        for (JsonNode vector : vectors().get("valid")) {
            Frame frame = WireMeaning.frame(vector);
            assertThat(HEX.formatHex(FrameCodec.encode(frame))).as(vector.get("name").asText()).isEqualTo(vector.get("hex").asText());
        }
    }

    @Test
    void everyInvalidVectorIsDiscardedForItsStatedReasonWithoutThrowing() throws IOException {
        for (JsonNode vector : vectors().get("invalid")) {
            String name = vector.get("name").asText();
            byte[] wire = HEX.parseHex(vector.get("hex").asText());
            DiscardReason reason = DiscardReason.valueOf(vector.get("reason").asText());
            assertThat(wire[wire.length - 1]).as(name + " ends with the delimiter").isZero();
            for (int i = 0; i < wire.length - 1; i++) {
                assertThat(wire[i]).as(name + " is one run").isNotZero();
            }
            List<Discard> discards = new ArrayList<>();
            StreamDecoder decoder = new StreamDecoder(discards::add);
            assertThatCode(() -> assertThat(decoder.feed(wire)).as(name).isEmpty()).doesNotThrowAnyException();
            assertThat(discards).as(name).extracting(Discard::reason).containsExactly(reason);
            // Byte by byte, the same.
            List<Discard> slow = new ArrayList<>();
            StreamDecoder byteWise = new StreamDecoder(slow::add);
            for (byte b : wire) {
                assertThat(byteWise.feed(new byte[] {b})).as(name).isEmpty();
            }
            assertThat(slow).as(name).extracting(Discard::reason).containsExactly(reason);
        }
    }
}
