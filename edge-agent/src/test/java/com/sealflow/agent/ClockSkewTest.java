package com.sealflow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sealflow.agent.testkit.AgentHarness;
import com.sealflow.agent.testkit.Await;
import com.sealflow.agent.testkit.OneAgentPerTest;
import com.sealflow.protocol.link.LinkEvent;
import com.sealflow.protocol.serial.ErrorCode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The agent's wall clock a day ahead, a day behind, at 1970, a little off, and jumping while a token is armed. The
 * server's clock is the real one ({@code System.currentTimeMillis()}); the agent's is {@link AgentHarness#clock}.
 * Design (TokenChecks): TTL runs on the monotonic clock from receipt; the wall clock voids a token past its notAfter
 * (EXPIRED) and exposes one issued beyond the tolerance in the future (CLOCK_SKEW); presses carry the skew estimate
 * and a flag when it says the device is behind by more than the tolerance (default 120 s): delivery delay raises the
 * estimate, so a clock ahead cannot be told from a token that waited.
 */
class ClockSkewTest extends OneAgentPerTest {

    private static final long DAY = 86_400_000L;
    private static final long TOLERANCE = 120_000L;

    ClockSkewTest() {
        super("skew-", 10);
    }

    /** A token as the server issues it, on the server's (true) clock, signed. */
    private String issued(int presses) {
        return tokens.sign(tokens.token(dev, AgentHarness.CUSTODIAN, presses, System.currentTimeMillis(), 300_000));
    }

    private JsonNode lastEvent(String type) throws Exception {
        cloud.await(s -> s.events(dev).stream().anyMatch(e -> type.equals(e.path("type").asText())), Duration.ofSeconds(15), type);
        return cloud.events(dev).stream().filter(e -> type.equals(e.path("type").asText())).reduce((a, b) -> b).orElseThrow();
    }

    private JsonNode forcedPress() throws Exception {
        assertThat(h.mcu.press().get(10, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
        JsonNode press = lastEvent("PRESS");
        assertThat(press.path("body").path("forced").asBoolean()).isTrue();
        return press;
    }

    private JsonNode sessionPress(String cmd) throws Exception {
        cloud.awaitResult(cmd, "ACCEPTED");
        assertThat(h.mcu.auth(AgentHarness.PIN).get(10, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
        Await.until(() -> h.mcu.sessionId() != 0, Duration.ofSeconds(10), "session open");
        assertThat(h.mcu.press().get(10, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
        JsonNode press = lastEvent("PRESS");
        assertThat(press.path("body").path("forced").asBoolean()).isFalse();
        return press;
    }

    @Test
    void agentADayBehindRefusesTokensAsClockSkewAndFlagsItsPresses() throws Exception {
        h.clock.shiftWallMillis(-DAY);
        assertThat(rejection(unlock(issued(1)))).isEqualTo("CLOCK_SKEW");
        assertThat(lastEvent("TOKEN_REFUSED").path("body").path("reason").asText()).isEqualTo("CLOCK_SKEW");
        assertThat(h.agent.status().clockSkewMs()).isBetween(-DAY, -DAY + 30_000);
        assertThat(h.mcu.unlocks()).isEmpty();

        JsonNode press = forcedPress();
        assertThat(press.path("body").path("clockSkewFlag").asBoolean()).isTrue();
        assertThat(press.path("body").path("clockSkewMs").asLong()).isBetween(-DAY, -DAY + 30_000);
        assertThat(press.path("at").asLong()).isLessThan(System.currentTimeMillis() - DAY + 30_000);
        h.agent.reportHealth();
        assertThat(lastEvent("HEALTH").path("body").path("clockSkewMs").asLong()).isBetween(-DAY, -DAY + 30_000);
    }

    @Test
    void agentADayAheadFindsEveryTokenExpiredAndStampsItsEventsInTheFuture() throws Exception {
        h.clock.shiftWallMillis(DAY);
        assertThat(rejection(unlock(issued(1)))).isEqualTo("EXPIRED");
        assertThat(h.mcu.unlocks()).isEmpty();
        // A token past its notAfter may equally have arrived late: the agent does not guess a skew from it. The server
        // flags these events itself (EvidenceIntake: event time beyond its own clock plus the tolerance).
        assertThat(h.agent.status().clockSkewMs()).isNull();
        JsonNode press = forcedPress();
        assertThat(press.path("at").asLong()).isGreaterThan(System.currentTimeMillis() + DAY - 30_000);
        assertThat(press.path("body").path("clockSkewFlag").asBoolean()).isFalse();
    }

    @Test
    void agentAt1970KeepsWorkingRefusesTokensAndJournalsPresses() throws Exception {
        h.clock.shiftWallMillis(1_000 - System.currentTimeMillis());
        assertThat(h.clock.wallMillis()).isBetween(0L, 60_000L);
        String cmd = unlock(issued(1));
        assertThat(rejection(cmd)).isEqualTo("CLOCK_SKEW");
        assertThat(h.mcu.unlocks()).isEmpty();
        JsonNode press = forcedPress();
        assertThat(press.path("at").asLong()).isBetween(0L, DAY);
        assertThat(press.path("body").path("clockSkewFlag").asBoolean()).isTrue();
        assertThat(press.path("body").path("clockSkewMs").asLong()).isLessThan(-System.currentTimeMillis() + 60_000);
        h.agent.tick();
        h.agent.reportHealth();
        assertThat(lastEvent("HEALTH").path("body").path("clockSkewMs").asLong()).isLessThan(-40L * 365 * DAY);
        assertThat(h.agent.status().mqttConnected()).isTrue();
        Await.until(() -> h.agent.status().unpublishedEvents() == 0, Duration.ofSeconds(15), "journal published at 1970");
        assertThat(h.agent.journal().depth().events()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aClockAheadWithinTheTokenWindowIsAcceptedAndReportedButNotFlaggedByTheAgent() throws Exception {
        // 200 s ahead looks exactly like a token that waited 200 s (next test): only the server, seeing the event time
        // beyond its own clock, can tell (ClockSkewEndToEndTest, DelayedUnlockTest)
        h.clock.shiftWallMillis(200_000);
        JsonNode press = sessionPress(unlock(issued(1)));
        assertThat(press.path("body").path("clockSkewFlag").asBoolean()).isFalse();
        assertThat(press.path("body").path("clockSkewMs").asLong()).isBetween(200_000L, 230_000L);
        assertThat(h.mcu.unlocks()).hasSize(1);
    }

    @Test
    void aTokenThatWaitedIsNotTakenForAClockBehindOrFlagged() throws Exception {
        String late = tokens.sign(tokens.token(dev, AgentHarness.CUSTODIAN, 1, System.currentTimeMillis() - 200_000, 300_000));
        JsonNode press = sessionPress(unlock(late));
        assertThat(press.path("body").path("clockSkewFlag").asBoolean()).isFalse();
        assertThat(press.path("body").path("clockSkewMs").asLong()).isBetween(200_000L, 230_000L);
    }

    @Test
    void skewWithinTheToleranceIsAcceptedAndReportedButNotFlagged() throws Exception {
        h.clock.shiftWallMillis(-60_000);
        JsonNode press = sessionPress(unlock(issued(1)));
        assertThat(press.path("body").path("clockSkewFlag").asBoolean()).isFalse();
        assertThat(press.path("body").path("clockSkewMs").asLong()).isBetween(-60_000L, -60_000L + TOLERANCE / 4);
    }

    @Test
    void aWallClockThatJumpsADayWhileATokenIsArmedVoidsIt() throws Exception {
        String ahead = unlock(issued(1));
        cloud.awaitResult(ahead, "ACCEPTED");
        h.clock.shiftWallMillis(DAY);
        LinkEvent auth = h.mcu.auth(AgentHarness.PIN).get(10, TimeUnit.SECONDS);
        assertThat(auth).isInstanceOfSatisfying(LinkEvent.Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.NOT_ALLOWED));
        assertThat(rejection(ahead)).isEqualTo("EXPIRED");

        h.clock.shiftWallMillis(-DAY);
        String behind = unlock(issued(1));
        cloud.awaitResult(behind, "ACCEPTED");
        h.clock.shiftWallMillis(-DAY);
        auth = h.mcu.auth(AgentHarness.PIN).get(10, TimeUnit.SECONDS);
        assertThat(auth).isInstanceOfSatisfying(LinkEvent.Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.NOT_ALLOWED));
        assertThat(rejection(behind)).isEqualTo("CLOCK_SKEW");
        assertThat(h.mcu.unlocks()).isEmpty();
    }
}
