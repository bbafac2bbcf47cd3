package com.sealflow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sealflow.agent.testkit.AcceptedSocketTransport;
import com.sealflow.agent.testkit.AgentHarness;
import com.sealflow.agent.testkit.AgentTestBed;
import com.sealflow.agent.testkit.Await;
import com.sealflow.agent.testkit.ChildAgent;
import com.sealflow.agent.testkit.Envelopes;
import com.sealflow.agent.testkit.FakeMcu;
import com.sealflow.protocol.evidence.EvidenceChain;
import com.sealflow.protocol.link.LinkEvent;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.SessionEndReason;
import com.sealflow.protocol.token.UnlockToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's armed tokens and running session live in its journal: a child-JVM agent killed with SIGKILL (power loss,
 * crash) takes them up again on restart. A session is resumed with only the presses left (the MCU's one grant is never
 * renewed); tokens whose time ran out meanwhile are refused; a used token replayed after the restart stays refused.
 */
class SessionRestartTest extends AgentTestBed {

    @TempDir
    Path dir;

    @Test
    void aSessionCutByAnAgentCrashIsResumedWithOnlyThePressesLeft() throws Exception {
        String dev = "dev-resume";
        ChildAgent agent = new ChildAgent(dir, dev, broker.url(), server.baseUrl(), List.of(tokens.tokenKey()));
        UnlockToken t = tokens.token(dev, AgentHarness.CUSTODIAN, 3, System.currentTimeMillis(), 300_000);
        String wireToken = tokens.sign(t);
        long sessionId;
        long unlockCounter;
        long pressCounter;
        try (Running first = Running.start(agent, 1, 500)) {
            unlock(dev, dev + "-c1", wireToken, "ACCEPTED");
            first.authenticate();
            Await.until(() -> first.mcu.unlocks().size() == 1, Duration.ofSeconds(60), "UNLOCK at the MCU");
            assertThat(first.mcu.press().get(60, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
            sessionId = first.mcu.sessionId();
            unlockCounter = first.mcu.lastUnlockCounter();
            pressCounter = first.mcu.pressCounter();
        }

        try (Running second = Running.start(agent, 2, pressCounter, m -> m.holdingSession(sessionId, 2, 1, unlockCounter))) {
            JsonNode resumed = awaitEvent(dev, "SESSION_RESUMED");
            assertThat(resumed.path("body").path("sessionId").asLong()).isEqualTo(sessionId);
            assertThat(resumed.path("body").path("pressesUsed").asInt()).isEqualTo(1);
            assertThat(resumed.path("body").path("pressesAllowed").asInt()).isEqualTo(3);

            // The used token replayed after the restart, and one with a rolled-back counter: both refused.
            assertThat(unlock(dev, dev + "-c2", wireToken, "REJECTED").path("reason").asText()).isEqualTo("ALREADY_USED");
            String rolledBack = tokens.sign(tokens.withCounter(tokens.token(dev, AgentHarness.CUSTODIAN, 1,
                    System.currentTimeMillis(), 300_000), t.counter() - 1));
            assertThat(unlock(dev, dev + "-c3", rolledBack, "REJECTED").path("reason").asText()).isEqualTo("COUNTER_NOT_INCREASING");

            for (int i = 0; i < 2; i++) {
                assertThat(second.mcu.press().get(60, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
            }
            assertThat(second.mcu.unlocks()).as("no second UNLOCK for the resumed session").isEmpty();
            // An MCU claiming a fourth press of a three-press grant: flagged, and told to lock.
            assertThat(second.mcu.pressBeyondGrant().get(60, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
            Await.until(() -> second.mcu.received().stream().anyMatch(m -> m instanceof Message.Lock l && l.sessionId() == sessionId),
                    Duration.ofSeconds(60), "LOCK for the press beyond the grant");
            assertThat(second.mcu.endSession(SessionEndReason.LOCKED_BY_HOST).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(LinkEvent.Acknowledged.class);
            assertThat(cloud.awaitResult(dev + "-c1", "DONE").path("pressesUsed").asInt()).isEqualTo(4);
            awaitAllUpTo(dev, awaitEvent(dev, "SESSION_ENDED").path("seq").asLong());
        }

        List<JsonNode> events = distinctBySeq(dev);
        assertThat(events).extracting(e -> e.path("type").asText()).containsSubsequence("SESSION_STARTED", "PRESS",
                "SESSION_RESUMED", "PRESS", "PRESS", "PRESS", "SESSION_ENDED");
        List<JsonNode> presses = events.stream().filter(e -> "PRESS".equals(e.path("type").asText())).toList();
        assertThat(presses).hasSize(4).allSatisfy(p -> {
            assertThat(p.path("body").path("tokenId").asText()).isEqualTo(t.tokenId());
            assertThat(p.path("body").path("forced").asBoolean()).isFalse();
        });
        assertThat(presses).extracting(p -> p.path("body").path("beyondAllowed").asBoolean()).containsExactly(false, false, false, true);
        assertThat(EvidenceChain.verify(events.stream().map(Envelopes::toSigned).toList(), dev, agent.keys().publicKey()).ok())
                .as("one chain across the crash").isTrue();
    }

    @Test
    void armedTokensOutliveACrashUnlessTheirTimeRanOut() throws Exception {
        String dev = "dev-rearm";
        ChildAgent agent = new ChildAgent(dir, dev, broker.url(), server.baseUrl(), List.of(tokens.tokenKey()));
        long shortAcceptedAt;
        try (Running first = Running.start(agent, 1, 100)) {
            unlock(dev, dev + "-long", tokens.sign(tokens.token(dev, AgentHarness.CUSTODIAN, 2, System.currentTimeMillis(), 300_000)),
                    "ACCEPTED");
            unlock(dev, dev + "-short", tokens.sign(tokens.token(dev, "u-other", 1, System.currentTimeMillis(), 2_000)), "ACCEPTED");
            shortAcceptedAt = System.nanoTime();
        }
        Await.until(() -> System.nanoTime() - shortAcceptedAt > 2_200_000_000L, Duration.ofSeconds(5), "the short token's TTL");
        try (Running second = Running.start(agent, 2, 100)) {
            assertThat(cloud.awaitResult(dev + "-short", "REJECTED").path("reason").asText()).isEqualTo("EXPIRED");
            second.authenticate();
            Await.until(() -> second.mcu.unlocks().size() == 1, Duration.ofSeconds(60), "UNLOCK for the token armed before the crash");
            assertThat(second.mcu.unlocks().get(0).presses()).isEqualTo(2);
        }
    }

    @Test
    void aPowerLossOfTheWholeDeviceEndsTheSessionWithThePressesUsed() throws Exception {
        String dev = "dev-powerloss";
        ChildAgent agent = new ChildAgent(dir, dev, broker.url(), server.baseUrl(), List.of(tokens.tokenKey()));
        long sessionId;
        long unlockCounter;
        long pressCounter;
        try (Running first = Running.start(agent, 1, 700)) {
            unlock(dev, dev + "-c1", tokens.sign(tokens.token(dev, AgentHarness.CUSTODIAN, 5, System.currentTimeMillis(), 300_000)),
                    "ACCEPTED");
            first.authenticate();
            Await.until(() -> first.mcu.unlocks().size() == 1, Duration.ofSeconds(60), "UNLOCK at the MCU");
            for (int i = 0; i < 2; i++) {
                assertThat(first.mcu.press().get(60, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
            }
            sessionId = first.mcu.sessionId();
            unlockCounter = first.mcu.lastUnlockCounter();
            pressCounter = first.mcu.pressCounter();
        }
        // The MCU rebooted too: it kept its counters in flash and reports the session the outage cut short.
        try (Running second = Running.start(agent, 2, pressCounter, m -> m.holdingSession(sessionId, 3, 2, unlockCounter))) {
            awaitEvent(dev, "SESSION_RESUMED");
            second.mcu.endSession(SessionEndReason.POWER).get(60, TimeUnit.SECONDS);
            assertThat(cloud.awaitResult(dev + "-c1", "DONE").path("pressesUsed").asInt()).isEqualTo(2);
            JsonNode ended = awaitEvent(dev, "SESSION_ENDED").path("body");
            assertThat(ended.path("reason").asText()).isEqualTo("POWER");
            assertThat(ended.path("pressesUsed").asInt()).isEqualTo(2);
            // Locked now: the next press is forced, and a new approval arms the device afresh.
            second.mcu.press().get(60, TimeUnit.SECONDS);
            unlock(dev, dev + "-c2", tokens.sign(tokens.token(dev, AgentHarness.CUSTODIAN, 1, System.currentTimeMillis(), 300_000)),
                    "ACCEPTED");
            second.authenticate();
            Await.until(() -> second.mcu.unlocks().size() == 1, Duration.ofSeconds(60), "UNLOCK for the new approval");
            assertThat(second.mcu.unlocks().get(0).unlockCounter()).isGreaterThan(unlockCounter);
            cloud.await(s -> distinctBySeq(dev).stream().filter(e -> "SESSION_STARTED".equals(e.path("type").asText())).count() == 2,
                    Duration.ofSeconds(30), "the new session");
            awaitAllUpTo(dev, distinctBySeq(dev).stream().mapToLong(e -> e.path("seq").asLong()).max().orElseThrow());
        }
        List<JsonNode> presses = distinctBySeq(dev).stream().filter(e -> "PRESS".equals(e.path("type").asText())).toList();
        assertThat(presses).extracting(p -> p.path("body").path("forced").asBoolean()).containsExactly(false, false, true);
    }

    private static JsonNode unlock(String dev, String commandId, String wireToken, String state) throws Exception {
        sendUnlock(dev, commandId, wireToken);
        return cloud.awaitResult(commandId, state);
    }

    private static JsonNode awaitEvent(String dev, String type) throws InterruptedException {
        cloud.await(s -> s.events(dev).stream().anyMatch(e -> type.equals(e.path("type").asText())), Duration.ofSeconds(30), type);
        return cloud.events(dev).stream().filter(e -> type.equals(e.path("type").asText())).findFirst().orElseThrow();
    }

    /** Waits until every event of the chain from seq 1 to {@code seq} has arrived (backlog replays may come late). */
    private static void awaitAllUpTo(String dev, long seq) throws InterruptedException {
        cloud.await(s -> distinctBySeq(dev).stream().mapToLong(e -> e.path("seq").asLong()).filter(q -> q <= seq).count() == seq,
                Duration.ofSeconds(30), "events 1.." + seq + " of " + dev);
    }

    /** What a receiver keeps: one copy per event (QoS 1 may deliver twice), in seq order. */
    private static List<JsonNode> distinctBySeq(String dev) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        cloud.events(dev).forEach(e -> byId.putIfAbsent(e.path("eventId").asText(), e));
        return byId.values().stream().sorted(Comparator.comparingLong(e -> e.path("seq").asLong())).toList();
    }

    /** One run of the child agent with its MCU; closing it is the SIGKILL. */
    private record Running(Process process, FakeMcu mcu, AcceptedSocketTransport wire) implements AutoCloseable {

        static Running start(ChildAgent agent, int nth, long pressCounter) throws Exception {
            return start(agent, nth, pressCounter, m -> m);
        }

        static Running start(ChildAgent agent, int nth, long pressCounter, UnaryOperator<FakeMcu> prepare) throws Exception {
            AcceptedSocketTransport wire = new AcceptedSocketTransport();
            Process process = agent.start(wire);
            FakeMcu mcu = prepare.apply(new FakeMcu(wire, agent.deviceId(), agent.linkKey()).startingAt(pressCounter));
            mcu.start();
            mcu.awaitHostHello();
            cloud.await(s -> s.all().stream().filter(r -> r.topic().endsWith(agent.deviceId() + "/status")
                    && "ONLINE".equals(r.json().path("state").asText())).count() >= nth, Duration.ofSeconds(60), "agent online");
            return new Running(process, mcu, wire);
        }

        /**
         * The custodian types the PIN. A freshly started JVM on a heavily loaded machine can take longer than the link's
         * retransmit budget (1.5 s) for its first PBKDF2 check, so the MCU gives up on that AUTH; like a person at the
         * keypad, the test then types again (the agent may have acted on an earlier one meanwhile and answer BUSY).
         */
        void authenticate() throws Exception {
            for (int attempt = 0; attempt < 5 && mcu.unlocks().isEmpty(); attempt++) {
                LinkEvent answer = mcu.auth(AgentHarness.PIN).get(60, TimeUnit.SECONDS);
                if (attempt == 0 && !(answer instanceof LinkEvent.GaveUp)) {
                    assertThat(answer).isInstanceOf(LinkEvent.Acknowledged.class);
                }
                if (!(answer instanceof LinkEvent.GaveUp)) {
                    return;
                }
            }
        }

        @Override
        public void close() throws Exception {
            ChildAgent.kill(process);
            mcu.close();
        }
    }
}
