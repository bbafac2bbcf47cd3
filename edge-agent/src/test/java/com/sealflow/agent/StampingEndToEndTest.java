package com.sealflow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sealflow.agent.journal.PhotoStore;
import com.sealflow.agent.journal.SealedEvent;
import com.sealflow.agent.testkit.AgentHarness;
import com.sealflow.agent.testkit.AgentTestBed;
import com.sealflow.agent.testkit.Await;
import com.sealflow.agent.testkit.Envelopes;
import com.sealflow.protocol.evidence.ChainVerification;
import com.sealflow.protocol.evidence.EvidenceChain;
import com.sealflow.protocol.link.LinkEvent;
import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.SessionEndReason;
import com.sealflow.protocol.token.UnlockToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The happy path through real parts: broker, HTTP, pty (socat + jSerialComm) or TCP, mock GPIO, synthetic camera. */
class StampingEndToEndTest extends AgentTestBed {

    @BeforeAll
    static void serverAnswersNotFoundFirst() {
        server.notFoundFirst(true);
    }

    @ParameterizedTest
    @EnumSource(AgentHarness.Wire.class)
    void tokenAuthUnlockPressesJournaledPublishedAndUploaded(AgentHarness.Wire wire, @TempDir Path dir) throws Exception {
        String dev = "dev-e2e-" + wire.name().toLowerCase();
        try (AgentHarness h = new AgentHarness(dir, dev, wire, broker.url(), server.baseUrl(), tokens, new Properties())) {
            h.awaitReady();
            cloud.await(s -> s.all().stream().anyMatch(r -> r.topic().endsWith(dev + "/status")
                    && "ONLINE".equals(r.json().path("state").asText())), Duration.ofSeconds(10), "retained ONLINE status");

            String cmd = dev + "-c1";
            UnlockToken t = tokens.token(dev, AgentHarness.CUSTODIAN, 2, h.clock.wallMillis(), 300_000);
            cloud.command(dev, "unlock", Map.of("commandId", cmd, "token", tokens.sign(t), "issuedAt", t.issuedAt(),
                    "expiresAt", t.notAfter()));
            cloud.awaitResult(cmd, "ACCEPTED");
            assertThat(h.agent.status().armedTokens()).containsExactly(t.tokenId());
            assertThat(h.gpio.relayUnlocked()).isFalse();

            LinkEvent wrongPin = h.mcu.auth("9999").get(10, TimeUnit.SECONDS);
            assertThat(wrongPin).isInstanceOfSatisfying(LinkEvent.Refused.class,
                    r -> assertThat(r.code()).isEqualTo(ErrorCode.NOT_ALLOWED));
            assertThat(h.mcu.unlocks()).isEmpty();

            assertThat(h.mcu.auth(AgentHarness.PIN).get(10, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
            Await.until(() -> h.mcu.unlocks().size() == 1, Duration.ofSeconds(10), "UNLOCK at the MCU");
            Message.Unlock unlock = h.mcu.unlocks().get(0);
            assertThat(unlock.presses()).isEqualTo(2);
            assertThat(unlock.sessionId()).isEqualTo(h.mcu.sessionId());

            // At the instant each PRESS ACK reaches the MCU, its event and fsynced photo must already be in the journal.
            List<String> ackCheck = new CopyOnWriteArrayList<>();
            h.mcu.onAnswer(ev -> {
                if (ev.message() instanceof Message.Press p) {
                    ackCheck.add(journaledWithPhoto(h, p.pressCounter()));
                }
            });
            assertThat(h.mcu.press().get(10, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
            assertThat(h.agent.session().remainingPresses()).isEqualTo(1);
            assertThat(h.mcu.press().get(10, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
            assertThat(ackCheck).containsExactly("ok", "ok");
            assertThat(h.agent.session().pressesUsed()).isEqualTo(2);

            // The grant is used up: the MCU keeps the mechanism locked, so a third press can only be forced.
            assertThat(h.mcu.remaining()).isZero();
            assertThat(h.mcu.press().get(10, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
            assertThat(h.mcu.used()).as("the MCU counted no third press in the session").isEqualTo(2);
            assertThat(h.agent.session().pressesUsed()).as("nor did the agent").isEqualTo(2);
            assertThat(h.agent.lastPhoto()).hasValueSatisfying(p -> assertThat(p).exists());

            assertThat(h.mcu.endSession(SessionEndReason.PRESSES_USED).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(LinkEvent.Acknowledged.class);
            JsonNode done = cloud.awaitResult(cmd, "DONE");
            assertThat(done.path("pressesUsed").asInt()).isEqualTo(2);

            cloud.await(s -> s.events(dev).stream().anyMatch(e -> "SESSION_ENDED".equals(e.path("type").asText())),
                    Duration.ofSeconds(10), "SESSION_ENDED event");
            List<JsonNode> events = cloud.events(dev);
            assertThat(events).extracting(e -> e.path("type").asText())
                    .containsExactly("AUTH_FAILED", "SESSION_STARTED", "PRESS", "PRESS", "PRESS", "SESSION_ENDED");
            ChainVerification chain = EvidenceChain.verify(events.stream().map(Envelopes::toSigned).toList(), dev, h.keys.publicKey());
            assertThat(chain.ok()).as("chain %s", chain).isTrue();
            List<JsonNode> allPresses = events.stream().filter(e -> "PRESS".equals(e.path("type").asText())).toList();
            JsonNode extra = allPresses.get(2).path("body");
            assertThat(extra.path("forced").asBoolean()).as("the press beyond the grant is flagged as forced").isTrue();
            assertThat(extra.path("sessionId").asLong()).isZero();
            assertThat(extra.path("tokenId").isNull()).isTrue();
            List<JsonNode> presses = allPresses.subList(0, 2);
            for (JsonNode p : presses) {
                assertThat(p.path("body").path("forced").asBoolean()).isFalse();
                assertThat(p.path("body").path("tokenId").asText()).isEqualTo(t.tokenId());
                assertThat(p.path("photoSha256").asText()).isEqualTo(p.path("body").path("photoSha256").asText()).hasSize(64);
            }

            Await.until(() -> presses.stream().allMatch(p -> server.photos().containsKey(p.path("eventId").asText())),
                    Duration.ofSeconds(15), "both photos uploaded");
            for (JsonNode p : presses) {
                assertThat(server.puts().get(p.path("eventId").asText())).as("404 first, then retried").isEqualTo(2);
                byte[] jpeg = server.photos().get(p.path("eventId").asText());
                assertThat(PhotoStore.sha256Hex(jpeg)).isEqualTo(p.path("photoSha256").asText());
                assertThat(jpeg[0] & 0xff).isEqualTo(0xFF);
                assertThat(jpeg[1] & 0xff).isEqualTo(0xD8);
            }
            Await.until(() -> h.agent.status().photosPending() == 0 && h.agent.status().unpublishedEvents() == 0,
                    Duration.ofSeconds(10), "queue drained");
        }
    }

    @Test
    void heartbeatsKeepTheMcuLinkAliveAndASilentMcuIsNoticedAndRejoined(@TempDir Path dir) throws Exception {
        String dev = "dev-heartbeat";
        try (AgentHarness h = new AgentHarness(dir, dev, AgentHarness.Wire.PTY, broker.url(), server.baseUrl(), tokens,
                new Properties())) {
            h.awaitReady();
            int before = h.mcu.heartbeats();
            Await.until(() -> h.mcu.heartbeats() >= before + 2, Duration.ofSeconds(5), "HEARTBEAT from an idle agent");
            h.mcu.silent(true);
            Await.until(() -> !h.agent.status().mcuUp(), Duration.ofSeconds(10), "agent notices the silent MCU");
            assertThat(h.agent.status().lastErrors().get("device")).contains("no frame from the MCU");
            h.mcu.silent(false);
            Await.until(() -> h.agent.status().mcuUp(), Duration.ofSeconds(10), "HELLO again, link back up");
        }
    }

    @Test
    void cabinetRelayFollowsTheSessionAndGpioSensorsBecomeEvents(@TempDir Path dir) throws Exception {
        String dev = "dev-cabinet";
        Properties cabinet = new Properties();
        cabinet.setProperty("device.kind", "CABINET");
        try (AgentHarness h = new AgentHarness(dir, dev, AgentHarness.Wire.TCP, broker.url(), server.baseUrl(), tokens, cabinet)) {
            h.awaitReady();
            h.gpio.simulateDoor(true);
            h.gpio.simulateSlot(2, true);
            UnlockToken t = tokens.token(dev, AgentHarness.CUSTODIAN, 1, h.clock.wallMillis(), 300_000);
            cloud.command(dev, "unlock", Map.of("commandId", dev + "-c1", "token", tokens.sign(t)));
            cloud.awaitResult(dev + "-c1", "ACCEPTED");
            assertThat(h.gpio.relayUnlocked()).isFalse();
            assertThat(h.mcu.auth(AgentHarness.PIN).get(10, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
            assertThat(h.gpio.relayUnlocked()).isTrue();
            h.gpio.simulateSlot(2, false);
            h.mcu.endSession(SessionEndReason.ENDED_AT_DEVICE).get(10, TimeUnit.SECONDS);
            assertThat(cloud.awaitResult(dev + "-c1", "DONE").path("pressesUsed").asInt()).isZero();
            assertThat(h.gpio.relayUnlocked()).isFalse();
            // QoS 1 is at least once: an event may come twice (the server stores it once by its id), so count ids
            cloud.await(s -> s.events(dev).stream().filter(e -> "SLOT".equals(e.path("type").asText()))
                    .map(e -> e.path("eventId").asText()).distinct().count() == 2, Duration.ofSeconds(10), "two SLOT events");
            List<JsonNode> events = cloud.events(dev);
            JsonNode door = events.stream().filter(e -> "DOOR".equals(e.path("type").asText())).findFirst().orElseThrow();
            assertThat(door.path("body").path("open").asBoolean()).isTrue();
            assertThat(door.path("body").path("sessionActive").asBoolean()).as("door opened without a session").isFalse();
            JsonNode slot = events.stream().filter(e -> "SLOT".equals(e.path("type").asText())).reduce((a, b) -> b).orElseThrow();
            assertThat(slot.path("body").path("slot").asInt()).isEqualTo(2);
            assertThat(slot.path("body").path("present").asBoolean()).isFalse();
            assertThat(slot.path("body").path("sessionActive").asBoolean()).isTrue();

            h.freeBytes.set(123_456_789L);
            h.agent.reportHealth();
            cloud.await(s -> s.events(dev).stream().anyMatch(e -> "HEALTH".equals(e.path("type").asText())), Duration.ofSeconds(10),
                    "HEALTH event");
            JsonNode health = cloud.events(dev).stream().filter(e -> "HEALTH".equals(e.path("type").asText())).findFirst().orElseThrow();
            assertThat(health.path("body").path("storeFreeBytes").asLong()).isEqualTo(123_456_789L);
            assertThat(health.path("body").has("queueDepth")).isTrue();
            assertThat(health.path("body").path("clockSkewMs").isIntegralNumber()).as("skew estimated from the token").isTrue();

            h.agent.close();
            cloud.await(s -> s.all().stream().anyMatch(r -> r.topic().endsWith(dev + "/status")
                    && "OFFLINE".equals(r.json().path("state").asText())), Duration.ofSeconds(10), "graceful OFFLINE status");
        }
    }

    /** "ok" if the PRESS with this counter is journaled and its photo is on disk with the journaled hash. */
    private static String journaledWithPhoto(AgentHarness h, long pressCounter) {
        try {
            for (SealedEvent e : h.agent.journal().all()) {
                if ("PRESS".equals(e.type()) && e.envelope().contains("\"pressCounter\":" + pressCounter)) {
                    Path photo = Path.of(e.photoPath());
                    return Files.exists(photo) && PhotoStore.sha256Hex(Files.readAllBytes(photo)).equals(e.photoSha256())
                            ? "ok" : "photo missing or wrong for press " + pressCounter;
                }
            }
            return "press " + pressCounter + " not journaled when ACKed";
        } catch (Exception e) {
            return e.toString();
        }
    }
}
