package com.sealflow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sealflow.agent.journal.SealedEvent;
import com.sealflow.agent.testkit.AgentHarness;
import com.sealflow.agent.testkit.AgentTestBed;
import com.sealflow.agent.testkit.Await;
import com.sealflow.agent.testkit.TcpProxy;
import com.sealflow.protocol.link.LinkEvent;
import com.sealflow.protocol.token.UnlockToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Network cut between agent and broker: presses are journaled and ACKed, then replayed in order, none lost or repeated. */
class OutageReplayTest extends AgentTestBed {

    private static void startSession(AgentHarness h, String dev, int presses) throws Exception {
        UnlockToken t = tokens.token(dev, AgentHarness.CUSTODIAN, presses, h.clock.wallMillis(), 600_000);
        cloud.command(dev, "unlock", Map.of("commandId", dev + "-c1", "token", tokens.sign(t)));
        cloud.awaitResult(dev + "-c1", "ACCEPTED");
        assertThat(h.mcu.auth(AgentHarness.PIN).get(10, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
        Await.until(() -> h.mcu.sessionId() != 0, Duration.ofSeconds(10), "session open at the MCU");
    }

    private static List<Long> pressSeqs(String dev) {
        return cloud.events(dev).stream().filter(e -> "PRESS".equals(e.path("type").asText())).map(e -> e.path("seq").asLong()).toList();
    }

    @Test
    void pressesDuringAnOutageAreReplayedInOrderExactlyOnce(@TempDir Path dir) throws Exception {
        String dev = "dev-outage-1";
        try (TcpProxy net = new TcpProxy(broker.port());
             AgentHarness h = new AgentHarness(dir, dev, AgentHarness.Wire.TCP, net.url(), server.baseUrl(), tokens, new Properties())) {
            h.awaitReady();
            startSession(h, dev, 10);
            assertThat(h.mcu.press().get(10, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
            cloud.await(s -> pressSeqs(dev).size() == 1, Duration.ofSeconds(10), "first press published");
            // the subscriber can see the press before its PUBACK reaches the agent; a cut in between leaves it to replay
            Await.until(() -> h.agent.status().unpublishedEvents() == 0, Duration.ofSeconds(10), "first press acknowledged");

            net.cut();
            Await.until(() -> !h.agent.status().mqttConnected(), Duration.ofSeconds(10), "agent notices the cut");
            for (int i = 0; i < 6; i++) {
                assertThat(h.mcu.press().get(10, TimeUnit.SECONDS)).as("press ACKed while offline")
                        .isInstanceOf(LinkEvent.Acknowledged.class);
            }
            assertThat(h.agent.status().unpublishedEvents()).isEqualTo(6);
            assertThat(pressSeqs(dev)).hasSize(1);

            net.restore();
            cloud.await(s -> pressSeqs(dev).size() >= 7, Duration.ofSeconds(30), "replay of 6 presses");
            Await.until(() -> h.agent.status().unpublishedEvents() == 0, Duration.ofSeconds(10), "journal fully published");

            List<JsonNode> events = cloud.events(dev);
            Map<String, Integer> perId = new HashMap<>();
            events.forEach(e -> perId.merge(e.path("eventId").asText(), 1, Integer::sum));
            assertThat(perId.values()).as("no event published twice").allMatch(n -> n == 1);
            List<Long> seqs = events.stream().map(e -> e.path("seq").asLong()).toList();
            assertThat(seqs).as("published in seq order").isSorted();
            List<Long> journaled = h.agent.journal().all().stream().map(SealedEvent::seq).toList();
            assertThat(seqs).as("every journaled event arrived").containsExactlyElementsOf(journaled);
        }
    }

    @Test
    void liveEventsOvertakeARateLimitedReplay(@TempDir Path dir) throws Exception {
        String dev = "dev-outage-2";
        Properties slowReplay = new Properties();
        slowReplay.setProperty("replay.rate-per-second", "4");
        try (TcpProxy net = new TcpProxy(broker.port());
             AgentHarness h = new AgentHarness(dir, dev, AgentHarness.Wire.TCP, net.url(), server.baseUrl(), tokens, slowReplay)) {
            h.awaitReady();
            startSession(h, dev, 20);
            cloud.await(s -> s.events(dev).size() == 1, Duration.ofSeconds(10), "SESSION_STARTED published");
            net.cut();
            Await.until(() -> !h.agent.status().mqttConnected(), Duration.ofSeconds(10), "agent notices the cut");
            for (int i = 0; i < 12; i++) {
                h.mcu.press().get(10, TimeUnit.SECONDS);
            }
            long lastBacklogSeq = h.agent.status().lastSeq();
            net.restore();
            cloud.await(s -> pressSeqs(dev).size() >= 1, Duration.ofSeconds(30), "replay started");
            h.mcu.press().get(10, TimeUnit.SECONDS);
            long liveSeq = lastBacklogSeq + 1;
            cloud.await(s -> pressSeqs(dev).contains(liveSeq) && pressSeqs(dev).contains(lastBacklogSeq), Duration.ofSeconds(30),
                    "live press and the whole backlog");
            List<Long> order = pressSeqs(dev);
            assertThat(order.indexOf(liveSeq)).as("live press %d published before backlog end %d: %s", liveSeq, lastBacklogSeq, order)
                    .isLessThan(order.indexOf(lastBacklogSeq));
            assertThat(order.stream().filter(s -> s != liveSeq).toList()).as("backlog itself in seq order").isSorted();
            assertThat(order).doesNotHaveDuplicates().hasSize(13);
        }
    }
}
