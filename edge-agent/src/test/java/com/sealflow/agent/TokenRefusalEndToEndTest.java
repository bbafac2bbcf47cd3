package com.sealflow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sealflow.agent.testkit.AgentHarness;
import com.sealflow.agent.testkit.OneAgentPerTest;
import com.sealflow.agent.testkit.TestSubscriber;
import com.sealflow.agent.testkit.TokenFactory;
import com.sealflow.protocol.link.LinkEvent;
import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.token.UnlockToken;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bad tokens sent as the server would (MQTT cmd/unlock) to a running agent: REJECTED{reason} + TOKEN_REFUSED, no UNLOCK. */
class TokenRefusalEndToEndTest extends OneAgentPerTest {

    TokenRefusalEndToEndTest() {
        super("dev-", 12);
    }

    private UnlockToken fresh() {
        return tokens.token(dev, AgentHarness.CUSTODIAN, 1, h.clock.wallMillis(), 300_000);
    }

    /**
     * Forged signature, tampered signature, tampered field (more presses), unknown key id, another device's token, a
     * replayed token id, a rolled-back counter, expired, issued in the future beyond the skew tolerance, garbage. Revoked
     * tokens: {@link #revokedTokenNeverUnlocksAndCannotComeBack}; replays after a restart: {@link SessionRestartTest}.
     */
    @Test
    void everyKindOfBadTokenIsRefusedWithItsReason() throws Exception {
        var forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        UnlockToken good = fresh();
        String goodWire = tokens.sign(good);
        String tampered = TokenFactory.tamper(tokens.sign(fresh()));

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(unlock(tokens.signWith(fresh(), forger, TokenFactory.KID)), "BAD_SIGNATURE");
        expected.put(unlock(tampered), "BAD_SIGNATURE");
        UnlockToken honest = fresh();
        expected.put(unlock(tokens.withAlteredField(honest, TokenFactory.morePresses(honest))), "BAD_SIGNATURE");
        expected.put(unlock(tokens.signWith(fresh(), forger, "k-unknown")), "UNKNOWN_KEY");
        expected.put(unlock(tokens.sign(tokens.token("some-other-device", AgentHarness.CUSTODIAN, 1, h.clock.wallMillis(), 300_000))),
                "WRONG_DEVICE");
        String accepted = unlock(goodWire);
        cloud.awaitResult(accepted, "ACCEPTED");
        expected.put(unlock(goodWire), "ALREADY_USED");
        expected.put(unlock(tokens.sign(tokens.withCounter(fresh(), good.counter() - 1))), "COUNTER_NOT_INCREASING");
        expected.put(unlock(tokens.sign(tokens.token(dev, AgentHarness.CUSTODIAN, 1, h.clock.wallMillis() - 3_600_000, 600_000))),
                "EXPIRED");
        expected.put(unlock(tokens.sign(tokens.token(dev, AgentHarness.CUSTODIAN, 1, h.clock.wallMillis() + 3_600_000, 600_000))),
                "CLOCK_SKEW");
        expected.put(unlock("garbage!"), "BAD_FORMAT");

        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(rejection(e.getKey())).as("command %s", e.getKey()).isEqualTo(e.getValue());
        }
        cloud.await(s -> refusals(s).size() >= expected.size(), Duration.ofSeconds(10), "TOKEN_REFUSED events");
        assertThat(refusals(cloud)).containsExactlyInAnyOrderElementsOf(expected.values());
        assertThat(h.agent.status().armedTokens()).containsExactly(good.tokenId());
        assertThat(h.mcu.unlocks()).isEmpty();
    }

    private List<String> refusals(TestSubscriber s) {
        return s.events(dev).stream().filter(e -> "TOKEN_REFUSED".equals(e.path("type").asText()))
                .map(e -> e.path("body").path("reason").asText()).toList();
    }

    @Test
    void revokedTokenNeverUnlocksAndCannotComeBack() throws Exception {
        UnlockToken t = fresh();
        String wire = tokens.sign(t);
        String cmd = unlock(wire);
        cloud.awaitResult(cmd, "ACCEPTED");
        cloud.command(dev, "revoke", Map.of("commandId", dev + "-rv", "tokenId", t.tokenId()));
        cloud.awaitResult(dev + "-rv", "DONE");
        assertThat(cloud.awaitResult(cmd, "REJECTED").path("reason").asText()).isEqualTo("REVOKED");
        assertThat(h.agent.status().armedTokens()).isEmpty();

        LinkEvent auth = h.mcu.auth(AgentHarness.PIN).get(10, TimeUnit.SECONDS);
        assertThat(auth).isInstanceOfSatisfying(LinkEvent.Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.NOT_ALLOWED));
        assertThat(h.mcu.unlocks()).isEmpty();

        // A token revoked before it arrived (withdrawal raced the unlock command) is refused on arrival.
        UnlockToken early = fresh();
        cloud.command(dev, "revoke", Map.of("commandId", dev + "-rv2", "tokenId", early.tokenId()));
        cloud.awaitResult(dev + "-rv2", "DONE");
        assertThat(rejection(unlock(tokens.sign(early)))).isEqualTo("REVOKED");
        assertThat(rejection(unlock(wire))).isEqualTo("REVOKED");
    }

    @Test
    void armedTokenExpiresByTheMonotonicClockEvenIfTheWallClockStandsStill() throws Exception {
        UnlockToken t = tokens.token(dev, AgentHarness.CUSTODIAN, 1, h.clock.wallMillis(), 60_000);
        String cmd = unlock(tokens.sign(t));
        cloud.awaitResult(cmd, "ACCEPTED");
        h.clock.advanceMonoMillis(61_000);
        h.clock.shiftWallMillis(-61_000);
        LinkEvent auth = h.mcu.auth(AgentHarness.PIN).get(10, TimeUnit.SECONDS);
        assertThat(auth).isInstanceOfSatisfying(LinkEvent.Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.NOT_ALLOWED));
        assertThat(h.mcu.unlocks()).isEmpty();
        assertThat(rejection(cmd)).isEqualTo("EXPIRED");
        cloud.await(s -> refusals(s).contains("EXPIRED"), Duration.ofSeconds(10), "TOKEN_REFUSED EXPIRED");
    }

    @Test
    void anUnusedArmedTokenLapsesOnTickWithoutAnyAuth() throws Exception {
        UnlockToken t = tokens.token(dev, AgentHarness.CUSTODIAN, 1, h.clock.wallMillis(), 60_000);
        String cmd = unlock(tokens.sign(t));
        cloud.awaitResult(cmd, "ACCEPTED");
        h.agent.tick();
        assertThat(h.agent.status().armedTokens()).containsExactly(t.tokenId());
        h.clock.advanceMonoMillis(60_001);
        h.agent.tick();
        assertThat(h.agent.status().armedTokens()).isEmpty();
        assertThat(rejection(cmd)).isEqualTo("EXPIRED");
    }

    @Test
    void theAgentLocksASessionTheMcuFailedToEndWithinItsTimeLimit() throws Exception {
        String cmd = unlock(tokens.sign(tokens.token(dev, AgentHarness.CUSTODIAN, 3, h.clock.wallMillis(), 600_000)));
        cloud.awaitResult(cmd, "ACCEPTED");
        assertThat(h.mcu.auth(AgentHarness.PIN).get(10, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
        h.agent.tick();
        assertThat(h.agent.session().activeToken()).isNotNull();
        h.clock.advanceMonoMillis(300_000 + 6_000);
        h.agent.tick();
        assertThat(h.agent.session().activeToken()).isNull();
        assertThat(cloud.awaitResult(cmd, "DONE").path("pressesUsed").asInt()).isZero();
        com.sealflow.agent.testkit.Await.until(() -> h.mcu.received().stream().anyMatch(m -> m instanceof Message.Lock),
                Duration.ofSeconds(10), "LOCK at the MCU");
        cloud.await(s -> s.events(dev).stream().anyMatch(e -> "TIME_LIMIT_AGENT".equals(e.path("body").path("reason").asText())),
                Duration.ofSeconds(10), "SESSION_ENDED by the watchdog");
    }

    @Test
    void aRedeliveredCommandIsAnsweredWithItsFirstResultAndNotRunAgain() throws Exception {
        UnlockToken t = fresh();
        Map<String, Object> payload = Map.of("commandId", dev + "-dup", "token", tokens.sign(t));
        cloud.command(dev, "unlock", payload);
        cloud.awaitResult(dev + "-dup", "ACCEPTED");
        cloud.command(dev, "unlock", payload);
        cloud.await(s -> s.results(dev + "-dup").size() == 2, Duration.ofSeconds(10), "second answer");
        assertThat(cloud.results(dev + "-dup")).extracting(j -> j.path("state").asText()).containsExactly("ACCEPTED", "ACCEPTED");
        assertThat(h.agent.status().armedTokens()).containsExactly(t.tokenId());
        assertThat(refusals(cloud)).isEmpty();
    }

    @Test
    void revokingATokenInUseLocksTheDeviceAndTheSessionReportsDone() throws Exception {
        UnlockToken t = tokens.token(dev, AgentHarness.CUSTODIAN, 3, h.clock.wallMillis(), 600_000);
        String cmd = unlock(tokens.sign(t));
        cloud.awaitResult(cmd, "ACCEPTED");
        assertThat(h.mcu.auth(AgentHarness.PIN).get(10, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
        com.sealflow.agent.testkit.Await.until(() -> h.mcu.sessionId() != 0, Duration.ofSeconds(10), "session open");
        h.mcu.press().get(10, TimeUnit.SECONDS);
        cloud.command(dev, "revoke", Map.of("commandId", dev + "-rv", "tokenId", t.tokenId()));
        cloud.awaitResult(dev + "-rv", "DONE");
        com.sealflow.agent.testkit.Await.until(() -> h.mcu.received().stream().anyMatch(m -> m instanceof Message.Lock),
                Duration.ofSeconds(10), "LOCK at the MCU");
        h.mcu.endSession(com.sealflow.protocol.serial.SessionEndReason.LOCKED_BY_HOST).get(10, TimeUnit.SECONDS);
        assertThat(cloud.awaitResult(cmd, "DONE").path("pressesUsed").asInt()).isEqualTo(1);
    }

    @Test
    void anUnlockTheMcuRefusesEndsTheSessionAsRejected() throws Exception {
        h.mcu.otherLinkKey(true);
        String cmd = unlock(tokens.sign(fresh()));
        cloud.awaitResult(cmd, "ACCEPTED");
        assertThat(h.mcu.auth(AgentHarness.PIN).get(10, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
        assertThat(rejection(cmd)).isEqualTo("DEVICE_BAD_MAC");
        assertThat(h.mcu.unlocks()).isEmpty();
        com.sealflow.agent.testkit.Await.until(() -> h.agent.session().activeToken() == null, Duration.ofSeconds(10),
                "session closed");
        assertThat(cloud.results(cmd)).extracting(j -> j.path("state").asText()).doesNotContain("DONE");
    }

    @Test
    void keyRotationByConfigCommandAndPing() throws Exception {
        var k2 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String signedByK2 = tokens.signWith(fresh(), k2, "k2");
        assertThat(rejection(unlock(signedByK2))).isEqualTo("UNKNOWN_KEY");
        cloud.command(dev, "config", Map.of("commandId", dev + "-cfg", "tokenKeys", List.of(Map.of("kid", "k2",
                "publicKey", java.util.Base64.getEncoder().encodeToString(k2.getPublic().getEncoded())))));
        cloud.awaitResult(dev + "-cfg", "DONE");
        cloud.awaitResult(unlock(tokens.signWith(fresh(), k2, "k2")), "ACCEPTED");
        cloud.awaitResult(unlock(tokens.sign(fresh())), "ACCEPTED");
        var k3 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        cloud.command(dev, "config", Map.of("commandId", dev + "-cfg3", "deviceId", dev, "name", "config", "params",
                Map.of("trustedKeys", Map.of("k3", java.util.Base64.getEncoder().encodeToString(k3.getPublic().getEncoded())))));
        cloud.awaitResult(dev + "-cfg3", "DONE");
        cloud.awaitResult(unlock(tokens.signWith(fresh(), k3, "k3")), "ACCEPTED");
        cloud.command(dev, "ping", Map.of("commandId", dev + "-ping"));
        cloud.awaitResult(dev + "-ping", "DONE");
    }

    @Test
    void storeBelowItsFloorRefusesNewUnlocksButKeepsJournalingPresses() throws Exception {
        h.freeBytes.set(1024);
        String cmd = unlock(tokens.sign(fresh()));
        assertThat(rejection(cmd)).isEqualTo("STORE_FULL");
        assertThat(h.agent.status().storeFull()).isTrue();
        // Evidence still wins over space: a forced press is journaled (and flagged), never dropped.
        assertThat(h.mcu.press().get(10, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
        cloud.await(s -> s.events(dev).stream().anyMatch(e -> "PRESS".equals(e.path("type").asText())
                && e.path("body").path("forced").asBoolean()), Duration.ofSeconds(10), "forced PRESS event");
        h.freeBytes.set(Long.MAX_VALUE / 2);
        String again = unlock(tokens.sign(fresh()));
        JsonNode ok = cloud.awaitResult(again, "ACCEPTED");
        assertThat(ok.path("reason").isNull()).isTrue();
    }
}
