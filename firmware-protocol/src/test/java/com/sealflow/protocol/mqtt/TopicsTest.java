package com.sealflow.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.protocol.evidence.DeviceEvent;
import com.sealflow.protocol.evidence.EvidenceChain;
import com.sealflow.protocol.evidence.EvidenceCodec;
import com.sealflow.protocol.evidence.SignedDeviceEvent;
import com.sealflow.protocol.vectors.TestKeys;
import com.sealflow.protocol.vectors.VectorFixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void namesFollowTheDesign() {
        assertThat(Topics.command("D1", CommandNames.UNLOCK)).isEqualTo("sealflow/v1/dev/D1/cmd/unlock");
        assertThat(Topics.commandResult("D1", "c-9")).isEqualTo("sealflow/v1/dev/D1/cmd-res/c-9");
        assertThat(Topics.events("D1")).isEqualTo("sealflow/v1/dev/D1/evt");
        assertThat(Topics.status("D1")).isEqualTo("sealflow/v1/dev/D1/status");
        assertThat(Topics.commandFilter("D1")).isEqualTo("sealflow/v1/dev/D1/cmd/+");
        assertThat(Topics.sharedFilter("servers", Topics.EVENTS)).isEqualTo("$share/servers/sealflow/v1/dev/+/evt");
        assertThat(Topics.deviceAclPattern("D1")).isEqualTo("sealflow/v1/dev/D1/#");
    }

    @Test
    void parseTakesTopicsApart() {
        assertThat(Topics.parse("sealflow/v1/dev/D1/cmd/unlock")).isEqualTo(new Topics.ParsedTopic("D1", "cmd", "unlock"));
        assertThat(Topics.parse("sealflow/v1/dev/D1/cmd-res/c-9")).isEqualTo(new Topics.ParsedTopic("D1", "cmd-res", "c-9"));
        assertThat(Topics.parse("sealflow/v1/dev/D1/evt")).isEqualTo(new Topics.ParsedTopic("D1", "evt", null));
        assertThat(Topics.parse("sealflow/v1/dev/D1/status")).isEqualTo(new Topics.ParsedTopic("D1", "status", null));
        for (String foreign : new String[] {null, "other/v1/dev/D1/evt", "sealflow/v1/dev//evt", "sealflow/v1/dev/D1/evt/x",
            "sealflow/v1/dev/D1/cmd", "sealflow/v1/dev/D1/cmd/", "sealflow/v1/dev/D1/nope"}) {
            assertThat(Topics.parse(foreign)).as(foreign).isNull();
        }
    }

    @Test
    void wildcardsAndSlashesCannotEscapeTheDeviceSubtree() {
        for (String bad : new String[] {"+", "#", "a/b", "", null}) {
            assertThatThrownBy(() -> Topics.events(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void eventEnvelopeRebuildsTheSignedEventEvenAfterJsonTurnedLongsIntoInts() {
        SignedDeviceEvent signed = EvidenceCodec.sign(VectorFixtures.press(), TestKeys.DEVICE_PRIVATE);
        DeviceEventEnvelope envelope = DeviceEventEnvelope.of(signed);
        Map<String, Object> asParsedFromJson = new HashMap<>(envelope.body());
        asParsedFromJson.put("sessionId", 7);
        DeviceEventEnvelope received = new DeviceEventEnvelope(envelope.eventId(), envelope.deviceId(), envelope.seq(), envelope.type(),
                envelope.at(), envelope.monotonicMs(), asParsedFromJson, envelope.signature(), envelope.hash(), envelope.prevHash());
        assertThat(received.toSignedEvent()).isEqualTo(signed);
        assertThat(EvidenceChain.verify(List.of(received.toSignedEvent()), VectorFixtures.DEVICE_ID, TestKeys.DEVICE_PUBLIC).ok()).isTrue();
        assertThat(received.prevHash()).isEqualTo(DeviceEvent.GENESIS);
    }

    @Test
    void commandFactoriesFillParams() {
        assertThat(CommandEnvelope.unlock("c1", "D1", "tok", 5).params()).containsEntry("token", "tok");
        assertThat(CommandEnvelope.revoke("c2", "D1", "t-1", "WITHDRAWN", 5).params()).containsEntry("tokenId", "t-1");
        assertThat(CommandEnvelope.ping("c3", "D1", 5).name()).isEqualTo("ping");
        assertThat(new CommandEnvelope("c4", "D1", "config", 5, null).params()).isEmpty();
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("reason", null);
        assertThat(new CommandEnvelope("c5", "D1", "revoke", 5, withNull).params()).containsEntry("reason", null);
        assertThat(CommandResult.rejected("c1", "D1", "EXPIRED", 9).state()).isEqualTo(CommandResult.State.REJECTED);
    }
}
