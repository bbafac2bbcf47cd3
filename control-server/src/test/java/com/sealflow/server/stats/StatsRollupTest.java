package com.sealflow.server.stats;

import static com.sealflow.server.stats.History.HOUR;
import static com.sealflow.server.stats.History.T0;
import static com.sealflow.server.stats.History.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.Dialect;
import com.sealflow.server.evidence.EvidenceListener;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rollup kept event by event by the projection (its deltas folded into the day rows) equals the rollup built afresh
 * from the read model (the backfill), periods that end inside a day (read partly from the read model) agree with whole
 * days, and the histogram's percentiles stay within the documented error.
 */
class StatsRollupTest {

    private static final String[] TABLES = {
        "SELECT day_no, flow_key, department_id, submitted, approved, rejected, withdrawn, cancelled, returned, ended, dur_sum "
            + "FROM stats_flow_day WHERE submitted <> 0 ORDER BY day_no, flow_key, department_id",
        "SELECT day_no, flow_key, bucket, n FROM stats_flow_hist WHERE n <> 0 ORDER BY day_no, flow_key, bucket",
        "SELECT day_no, flow_key, node_id, node_name, kind, total, passed, rejected, returned, withdrawn, dur_sum, overdue, max_ms "
            + "FROM stats_node_day WHERE total <> 0 ORDER BY day_no, flow_key, node_id",
        "SELECT day_no, flow_key, node_id, bucket, n FROM stats_node_hist WHERE n <> 0 ORDER BY day_no, flow_key, node_id, bucket",
        "SELECT day_no, seal_id, device_id, presses, flagged FROM stats_press_day WHERE presses <> 0 ORDER BY day_no, seal_id, device_id"};

    /** The day rows of every rollup table, one line a row, after folding the deltas into them. */
    static List<String> snapshot(History h) {
        await(new RollupFolder(h.db).fold());
        List<String> out = new ArrayList<>();
        for (String sql : TABLES) {
            for (Row r : await(h.db.execute(sql))) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.size(); i++) {
                    Object v = r.getValue(i);
                    line.append(v instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(v)).append('|');
                }
                out.add(line.toString());
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void rollupEqualsARebuildFromTheReadModel(Dialect dialect) {
        try (History h = new History(dialect)) {
            String flow = h.deploy("seal-use", Duration.ofHours(24));
            String pair = h.deploySequential("pair-flow");
            StatsHistoryTest.generate(h, flow, new ArrayList<>());
            for (int i = 0; i < 12; i++) {
                String id = h.start(pair, i % 2 == 0 ? h.alice.id() : h.bob.id(), "pair-" + i);
                h.after(HOUR.multipliedBy(1 + i % 3));
                h.approve(id);
                h.after(Duration.ofMinutes(30 + 20L * i));
                if (i % 4 == 3) {
                    h.reject(id);
                } else {
                    h.approve(id);
                }
                h.after(Duration.ofHours(5));
            }
            long at = h.clock.millis();
            for (int i = 0; i < 6; i++) {
                String press = "p" + i;
                long when = at - Duration.ofHours(30L * i).toMillis();
                await(h.db.inTransaction(tx -> h.projection.onPress(tx, new EvidenceListener.Press(press, "dev-" + (press.hashCode() % 2),
                    press.endsWith("3") ? null : "seal-a", "req", when))));
            }
            await(h.db.inTransaction(tx -> h.projection.onAnomaly(tx, new EvidenceListener.Anomaly("MISSING_PHOTO", "dev-1", "p2", at))));
            // presses and their flags told in one transaction, as the intake's group commit does (written as one batch),
            // with a flag on an earlier press, one on no press, and a press told twice (it keeps one contribution)
            await(h.db.inTransaction(tx -> {
                Future<Void> told = Future.succeededFuture();
                for (int i = 6; i < 12; i++) {
                    String press = "p" + i;
                    long when = at - Duration.ofHours(7L * i).toMillis();
                    told = told.compose(v -> h.projection.onPress(tx, new EvidenceListener.Press(press, "dev-" + (press.hashCode() % 2),
                        press.endsWith("9") ? null : "seal-b", null, when)));
                    if (i % 2 == 0) {
                        told = told.compose(v -> h.projection.onAnomaly(tx, new EvidenceListener.Anomaly("PRESS_WITHOUT_SESSION",
                            "dev-" + (press.hashCode() % 2), press, when)));
                    }
                }
                return told.compose(v -> h.projection.onAnomaly(tx, new EvidenceListener.Anomaly("MISSING_PHOTO", "dev-1", "p6", at)))
                    .compose(v -> h.projection.onAnomaly(tx, new EvidenceListener.Anomaly("TAMPER", "dev-1", null, at)))
                    .compose(v -> h.projection.onPress(tx, new EvidenceListener.Press("p1", "dev-" + ("p1".hashCode() % 2), "seal-a",
                        "req", at - Duration.ofHours(30).toMillis())))
                    .compose(v -> h.projection.onAnomaly(tx, new EvidenceListener.Anomaly("CLOCK_SKEW", "dev-1", "p1", at)))
                    .compose(v -> h.projection.onAnomaly(tx, new EvidenceListener.Anomaly("MISSING_PHOTO", "dev-1", "p3", at)));
            }));
            Row pressRows = await(h.db.execute("SELECT COUNT(*) AS n, SUM(flagged) AS f FROM stats_press")).iterator().next();
            assertThat(pressRows.getLong("n")).isEqualTo(12);
            // p1, p2, p3, p6, p8, p10
            assertThat(pressRows.getLong("f")).isEqualTo(6);
            assertThat(await(h.db.execute("SELECT COUNT(*) AS n FROM stats_anomaly")).iterator().next().getLong("n")).isEqualTo(8);

            List<String> kept = snapshot(h);
            assertThat(kept).isNotEmpty();
            await(h.rollup.rebuild());
            assertThat(snapshot(h)).containsExactlyElementsOf(kept);

            JsonArray pairNodes = await(h.stats.nodes(pair, new Range(T0, h.clock.millis() + 1)));
            JsonObject node = pairNodes.getJsonObject(0);
            // one stay per request from the first task to the second, never split by the hand-over between the two
            assertThat(node.getLong("count")).isEqualTo(12);
            assertThat(node.getLong("rejected")).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aNodeInTurnRejectedAtItsFirstTaskCountsOneStay(Dialect dialect) {
        try (History h = new History(dialect)) {
            String pair = h.deploySequential("pair-flow");
            String id = h.start(pair, h.alice.id(), "pair-0");
            h.after(HOUR);
            // the rejection closes the stay; the second person's task, still waiting its turn, ends at the same instant
            h.reject(id);
            List<String> kept = snapshot(h);
            assertThat(kept).contains("20824|pair-flow|pair|会签|APPROVAL|1|0|1|0|0|3600000|0|3600000|");
            await(h.rollup.rebuild());
            assertThat(snapshot(h)).containsExactlyElementsOf(kept);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aPeriodEndingInsideADayAgreesWithWholeDays(Dialect dialect) {
        try (History h = new History(dialect)) {
            String flow = h.deploy("seal-use", Duration.ofHours(24));
            StatsHistoryTest.generate(h, flow, new ArrayList<>());
            long day = Duration.ofDays(1).toMillis();
            long end = T0 + ((h.clock.millis() - T0) / day + 1) * day;
            Range whole = new Range(T0, end);
            // the same stays, but the period starts and ends inside days: those parts are read from the read model
            Range ragged = new Range(T0 - 1, end + 1);
            assertThat(await(h.stats.nodes(flow, ragged))).isEqualTo(await(h.stats.nodes(flow, whole)));
            assertThat(kpis(await(h.stats.summary(ragged, null)))).isEqualTo(kpis(await(h.stats.summary(whole, null))));
            assertThat(await(h.stats.flows(ragged))).isEqualTo(await(h.stats.flows(whole)));
            assertThat(await(h.stats.departments(ragged))).isEqualTo(await(h.stats.departments(whole)));
            // a period inside one day only reads the read model: request 1 starts at T0 (left out), 2 at T0+3h, 3 at T0+7h,
            // 4 at T0+12h (left out)
            Range morning = new Range(T0 + 1, T0 + 12 * HOUR.toMillis());
            assertThat(await(h.stats.summary(morning, null)).getLong("total")).isEqualTo(2);
        }
    }

    private static JsonObject kpis(JsonObject summary) {
        JsonObject o = summary.copy();
        o.remove("daily");
        o.remove("from");
        o.remove("to");
        return o;
    }

    @Test
    void histogramPercentilesStayWithinOneBucketOfTheExactValue() {
        SplittableRandom r = new SplittableRandom(11);
        double worst = 0;
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + r.nextInt(trial < 200 ? 20 : 5000);
            double typical = Math.exp(r.nextDouble() * Math.log(30 * 86_400_000.0));
            long[] values = new long[n];
            long[] counts = Buckets.empty();
            for (int i = 0; i < n; i++) {
                values[i] = Math.max(0, (long) (typical * Math.exp(r.nextGaussian() * 1.2)));
                counts[Buckets.of(values[i])]++;
            }
            Arrays.sort(values);
            long[] est = Buckets.p50p90(counts);
            long[] exact = {values[(n + 1) / 2 - 1], values[(9 * n + 9) / 10 - 1]};
            for (int k = 0; k < 2; k++) {
                long err = Math.abs(est[k] - exact[k]);
                if (exact[k] >= Buckets.MIN_MS && exact[k] < Buckets.MAX_MS) {
                    assertThat((double) err).isLessThanOrEqualTo(exact[k] * (Buckets.RATIO - 1));
                    worst = Math.max(worst, err / (double) exact[k]);
                } else if (exact[k] < Buckets.MIN_MS) {
                    assertThat(err).isLessThan(Buckets.MIN_MS);
                }
            }
        }
        assertThat(worst).isLessThan(0.142);
        assertThat(Buckets.RATIO - 1).isLessThan(0.142);
        for (int b = 1; b <= Buckets.COUNT + 1; b++) {
            assertThat(Buckets.of(Buckets.lower(b))).isEqualTo(b);
            assertThat(Buckets.of(Buckets.lower(b) - 1)).isEqualTo(b - 1);
        }
    }
}
