package com.sealflow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sealflow.agent.testkit.AgentHarness;
import com.sealflow.agent.testkit.AgentTestBed;
import com.sealflow.agent.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cmd/resend}: the server lost events it had been sent (it died before storing them) and asks for a range
 * again; the agent publishes exactly that range once more from its journal, the same signed envelopes.
 */
class ResendCommandTest extends AgentTestBed {

    @Test
    void aResendPublishesTheAskedRangeAgainFromTheJournal(@TempDir Path dir) throws Exception {
        String dev = "dev-resend";
        try (AgentHarness h = new AgentHarness(dir, dev, AgentHarness.Wire.TCP, broker.url(), server.baseUrl(), tokens,
                new Properties())) {
            h.awaitReady();
            for (int i = 0; i < 4; i++) {
                h.agent.reportHealth();
            }
            cloud.await(s -> s.events(dev).size() >= 4, Duration.ofSeconds(15), "four events published");
            Await.until(() -> h.agent.status().unpublishedEvents() == 0, Duration.ofSeconds(10), "all marked published");
            List<JsonNode> first = cloud.events(dev);
            long from = first.get(1).path("seq").asLong();
            long to = first.get(2).path("seq").asLong();

            cloud.command(dev, "resend", Map.of("commandId", dev + "-r1", "params", Map.of("fromSeq", from, "toSeq", to)));
            cloud.awaitResult(dev + "-r1", "DONE");
            cloud.await(s -> s.events(dev).size() >= first.size() + 2, Duration.ofSeconds(15), "the range published again");
            Await.until(() -> h.agent.status().unpublishedEvents() == 0, Duration.ofSeconds(10), "queue drained again");

            // a periodic HEALTH may come in between: it has a newer seq than anything published before
            List<JsonNode> again = cloud.events(dev).subList(first.size(), cloud.events(dev).size()).stream()
                .filter(e -> e.path("seq").asLong() <= to).toList();
            assertThat(again).extracting(e -> e.path("seq").asLong()).containsExactly(from, to);
            assertThat(again.get(0).toString()).as("the same signed envelope").isEqualTo(first.get(1).toString());
            assertThat(again.get(1).toString()).isEqualTo(first.get(2).toString());

            cloud.command(dev, "resend", Map.of("commandId", dev + "-r2", "fromSeq", 5, "toSeq", 2));
            assertThat(cloud.awaitResult(dev + "-r2", "REJECTED").path("reason").asText()).isEqualTo("BAD_FORMAT");
            cloud.command(dev, "resend", Map.of("commandId", dev + "-r3", "fromSeq", 1, "toSeq", 1_000_000));
            assertThat(cloud.awaitResult(dev + "-r3", "REJECTED").path("reason").asText()).isEqualTo("BAD_FORMAT");
            assertThat(cloud.events(dev).stream().filter(e -> e.path("seq").asLong() <= to)).hasSize(first.stream()
                .filter(e -> e.path("seq").asLong() <= to).toList().size() + 2);
        }
    }
}
