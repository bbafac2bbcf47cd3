package com.sealflow.server.evidence;

import static com.sealflow.server.device.DeviceFixture.await;
import static com.sealflow.server.evidence.EvidenceIntakeTest.sha;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.evidence.EvidenceIntakeTest.Kit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A chain gap's CHAIN_BROKEN flag is resolved once every missing event has arrived and links (cmd/resend, late
 * redelivery): kept in the history as GAP_REPAIRED, no longer open, the flagged event verified again and its press no
 * longer flagged. A gap filled only in part, or by an event that does not link, stays open.
 */
class GapRepairTest extends VertxPerClass {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aGapFlagIsResolvedOnlyWhenEveryMissingEventHasArrivedAndLinks(Dialect dialect) throws Exception {
        try (Kit k = new Kit(dialect, 5)) {
            k.send(k.agent.next("HEALTH", Map.of(), null));
            JsonObject lost1 = k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 1), sha(1));
            JsonObject lost2 = k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 2), sha(2));
            JsonObject after = k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 3), sha(3));
            k.send(after);
            JsonObject gap = only(open(k));
            assertThat(gap.getString("kind")).isEqualTo("CHAIN_BROKEN");
            assertThat(gap.getJsonObject("missingSeqs")).isEqualTo(new JsonObject().put("from", 2L).put("to", 3L));
            assertThat(flagsOfPress(k, 3)).containsExactly("CHAIN_BROKEN");
            assertThat(event(k, after).getBoolean("verified")).isFalse();

            k.send(lost2);
            assertThat(open(k)).as("one of two missing events is not enough").hasSize(1);
            k.send(lost1);
            assertThat(open(k)).as("every missing event arrived and links").isEmpty();
            JsonObject repaired = only(await(k.queries.anomalies(null, false, 100)));
            assertThat(repaired.getString("id")).isEqualTo(gap.getString("id"));
            assertThat(repaired.getString("resolution")).isEqualTo(Anomalies.GAP_REPAIRED);
            assertThat(repaired.getLong("resolvedAt")).isEqualTo(k.f.clock.millis());
            assertThat(repaired.getString("detail")).contains("seq 2..3 arrived and links");
            assertThat(k.kinds()).as("kept in the history").containsExactly("CHAIN_BROKEN");
            assertThat(flagsOfPress(k, 3)).isEmpty();
            assertThat(flagsOfPress(k, 1)).isEmpty();
            assertThat(event(k, after).getBoolean("verified")).isTrue();
            assertThat(event(k, after).getJsonArray("flags")).isEmpty();
            assertThat(await(k.f.db.execute("SELECT COUNT(*) AS n FROM press WHERE flagged = 1")).iterator().next().getLong("n"))
                .isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aGapFilledByAnEventThatDoesNotLinkStaysOpen(Dialect dialect) throws Exception {
        try (Kit k = new Kit(dialect, 5)) {
            k.send(k.agent.next("HEALTH", Map.of(), null));
            // a second chain from here (same key): its seq 2 links back to seq 1 but not forward to the genuine seq 3
            FakeAgent fork = new FakeAgent("SD-01", k.agent.keys, k.agent.at);
            fork.seq = k.agent.seq;
            fork.prevHash = k.agent.prevHash;
            JsonObject genuine2 = k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 1), sha(1));
            k.send(k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 2), sha(2)));
            assertThat(open(k)).hasSize(1);

            k.send(fork.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 1), sha(9)));
            k.send(genuine2);
            assertThat(open(k).stream().map(o -> ((JsonObject) o).getString("kind")).sorted().toList())
                .as("the gap is not repaired by events that do not link; each is flagged")
                .containsExactly("CHAIN_BROKEN", "COUNTER_BACKWARDS", "COUNTER_BACKWARDS");
        }
    }

    private static JsonArray open(Kit k) {
        return await(k.queries.anomalies(null, true, 100));
    }

    private static JsonObject only(JsonArray a) {
        assertThat(a).hasSize(1);
        return a.getJsonObject(0);
    }

    private static List<Object> flagsOfPress(Kit k, long counter) {
        return k.presses().stream().map(o -> (JsonObject) o).filter(p -> p.getLong("counter") == counter).findFirst().orElseThrow()
            .getJsonArray("flags").getList();
    }

    private static JsonObject event(Kit k, JsonObject envelope) {
        return await(k.queries.deviceEvents("SD-01", 100)).stream().map(o -> (JsonObject) o)
            .filter(e -> e.getString("eventId").equals(envelope.getString("eventId"))).findFirst().orElseThrow();
    }
}
