package com.sealflow.server.evidence;

import static com.sealflow.server.device.DeviceFixture.await;
import static com.sealflow.server.evidence.EvidenceIntakeTest.sha;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.evidence.EvidenceIntakeTest.Kit;
import com.sealflow.server.stats.StatsProbe;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The statistics side of a resolved flag: the real intake tells the statistics projection of presses and flags; when
 * a chain gap is repaired the dashboards' anomaly count and flagged presses drop by exactly that flag, in the rollup
 * (whole days) and in the read model (a period ending inside a day) alike, and nothing moves when the same events
 * arrive again or the resolution is told again.
 */
class ResolvedFlagStatsTest extends VertxPerClass {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRepairedGapLeavesTheDashboardsExactlyOnce(Dialect dialect) throws Exception {
        try (Kit k = new Kit(dialect, 5)) {
            StatsProbe stats = new StatsProbe(k.f.db, k.f.clock);
            k.intake.addListener(stats.listener());
            k.send(k.agent.next("HEALTH", Map.of(), null));
            JsonObject lost1 = k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 1), sha(1));
            JsonObject lost2 = k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 2), sha(2));
            JsonObject overtaking = k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 3), sha(3));
            Map<String, Object> skewed = new HashMap<>(FakeAgent.press(k.tokenId, "req-1", 4));
            skewed.put("clockSkewMs", -3_600_000L);
            JsonObject alsoSkewed = k.agent.next("PRESS", skewed, sha(4));
            long[] day = StatsProbe.dayOf(k.agent.at);
            long[] ragged = {day[0] + 1, k.agent.at + 1};

            k.send(overtaking);
            k.send(alsoSkewed);
            assertThat(kinds(k, true)).containsExactly("CHAIN_BROKEN", "CLOCK_SKEW");
            expect(stats, day, ragged, 2, 2, 2);

            k.send(lost2);
            expect(stats, day, ragged, 3, 2, 2);
            k.send(lost1);
            assertThat(kinds(k, true)).as("the gap is repaired").containsExactly("CLOCK_SKEW");
            assertThat(kinds(k, false)).containsExactly("CHAIN_BROKEN");
            // the repaired flag is gone from both counts; the skewed press keeps its own flag
            expect(stats, day, ragged, 4, 1, 1);
            assertThat(stats.seals(day[0], day[1])).hasSize(1);
            assertThat(stats.seals(day[0], day[1]).getJsonObject(0).getLong("flagged")).isEqualTo(1);

            // the same events again (QoS 1 repeats, cmd/resend): nothing moves
            for (JsonObject again : List.of(lost1, lost2, overtaking, alsoSkewed, lost1.copy())) {
                k.send(again);
            }
            expect(stats, day, ragged, 4, 1, 1);

            // the resolution and the flag told again: counted once
            JsonObject repaired = await(k.queries.anomalies(null, false, 10)).getJsonObject(0);
            EvidenceListener.Anomaly flag = new EvidenceListener.Anomaly(repaired.getString("kind"), "SD-01",
                repaired.getString("pressId"), repaired.getLong("at"), repaired.getString("id"));
            await(k.f.db.inTransaction(tx -> stats.listener().onAnomalyResolved(tx, flag)));
            await(k.f.db.inTransaction(tx -> stats.listener().onAnomalyResolved(tx, flag)));
            expect(stats, day, ragged, 4, 1, 1);
            JsonObject skew = await(k.queries.anomalies(null, true, 10)).getJsonObject(0);
            EvidenceListener.Anomaly open = new EvidenceListener.Anomaly(skew.getString("kind"), "SD-01", skew.getString("pressId"),
                skew.getLong("at"), skew.getString("id"));
            await(k.f.db.inTransaction(tx -> stats.listener().onAnomaly(tx, open)));
            expect(stats, day, ragged, 4, 1, 1);

            List<String> kept = stats.pressRollup();
            assertThat(kept).hasSize(1);
            assertThat(stats.rebuiltPressRollup()).as("the rollup equals one built afresh from the read model")
                .containsExactlyElementsOf(kept);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void resolvingOneOfTwoLikeFlagsTakesBackOnlyThatOne(Dialect dialect) throws Exception {
        try (Kit k = new Kit(dialect, 5)) {
            StatsProbe stats = new StatsProbe(k.f.db, k.f.clock);
            long at = k.f.clock.millis();
            long[] day = StatsProbe.dayOf(at);
            long[] ragged = {day[0] + 1, at + 1};
            // two flags about the device alike in everything but their ids (two events of one millisecond)
            EvidenceListener.Anomaly first = new EvidenceListener.Anomaly("CHAIN_BROKEN", "SD-01", null, at, "flag-1");
            EvidenceListener.Anomaly second = new EvidenceListener.Anomaly("CHAIN_BROKEN", "SD-01", null, at, "flag-2");
            await(k.f.db.inTransaction(tx -> stats.listener().onAnomaly(tx, first).compose(v -> stats.listener().onAnomaly(tx, second))));
            expect(stats, day, ragged, 0, 0, 2);
            for (int i = 0; i < 3; i++) {
                await(k.f.db.inTransaction(tx -> stats.listener().onAnomalyResolved(tx, first)));
                expect(stats, day, ragged, 0, 0, 1);
            }
            await(k.f.db.inTransaction(tx -> stats.listener().onAnomalyResolved(tx, second)));
            expect(stats, day, ragged, 0, 0, 0);
        }
    }

    private static void expect(StatsProbe stats, long[] day, long[] ragged, long presses, long flagged, long anomalies) {
        JsonObject want = new JsonObject().put("pressesTotal", presses).put("flaggedPresses", flagged).put("anomalies", anomalies);
        assertThat(stats.totals(day[0], day[1])).as("whole day (rollup)").isEqualTo(want);
        assertThat(stats.totals(ragged[0], ragged[1])).as("part of a day (read model)").isEqualTo(want);
    }

    private static List<String> kinds(Kit k, boolean open) {
        return await(k.queries.anomalies(null, open, 100)).stream().map(o -> ((JsonObject) o).getString("kind")).sorted().toList();
    }
}
