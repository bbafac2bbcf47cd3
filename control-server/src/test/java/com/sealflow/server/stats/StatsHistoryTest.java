package com.sealflow.server.stats;

import static com.sealflow.server.stats.History.HOUR;
import static com.sealflow.server.stats.History.T0;
import static com.sealflow.server.stats.History.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.Dialect;
import com.sealflow.server.evidence.EvidenceListener;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 100 requests through the real engine with chosen durations and endings, so every figure is known in advance.
 * Request i (1..100) waits i hours at 部门负责人 (limit 24 h). Then: i % 10 == 0 is rejected there; at 法务审核
 * (limit 48 h) i % 10 == 5 is withdrawn after 1 h, i % 10 == 3 is returned to the applicant after 2 h, i % 10 == 7 is
 * rejected after 3 h, the rest are approved after 2 h. Odd i are filed by alice (销售部), even i by bob (研发部).
 */
class StatsHistoryTest {

    static List<Long> generate(History h, String flow, List<Long> ended) {
        for (int i = 1; i <= 100; i++) {
            String applicant = i % 2 == 1 ? h.alice.id() : h.bob.id();
            String id = h.start(flow, applicant, "req-" + i);
            h.after(HOUR.multipliedBy(i));
            if (i % 10 == 0) {
                h.reject(id);
                ended.add(HOUR.multipliedBy(i).toMillis());
                continue;
            }
            h.approve(id);
            int r = i % 10;
            long legal = r == 5 ? 1 : r == 7 ? 3 : 2;
            h.after(HOUR.multipliedBy(legal));
            switch (r) {
                case 5 -> h.withdraw(id, applicant);
                case 3 -> h.returnToApplicant(id);
                case 7 -> h.reject(id);
                default -> h.approve(id);
            }
            if (r != 3) {
                ended.add(HOUR.multipliedBy(i + legal).toMillis());
            }
        }
        return ended;
    }

    /** Nearest rank, the textbook way, over the durations the test itself chose. */
    private static double hoursAt(List<Long> values, double q) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.size());
        return Math.round(sorted.get(rank - 1) / 360_000.0) / 10.0;
    }

    /** The documented error of a histogram percentile (one bucket's width), plus the rounding to 0.1 h. */
    static org.assertj.core.data.Offset<Double> withinBucket(double exactHours) {
        return org.assertj.core.data.Offset.offset(exactHours * (Buckets.RATIO - 1) + 0.05);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void figuresOfAKnownHistory(Dialect dialect) {
        try (History h = new History(dialect)) {
            String flow = h.deploy("seal-use", Duration.ofHours(24));
            List<Long> ended = generate(h, flow, new ArrayList<>());
            Range all = new Range(T0, h.clock.millis() + 1);

            JsonObject s = await(h.stats.summary(all, null));
            assertThat(s.getLong("total")).isEqualTo(100);
            assertThat(s.getLong("approved")).isEqualTo(60);
            assertThat(s.getLong("rejected")).isEqualTo(20);
            assertThat(s.getLong("withdrawn")).isEqualTo(10);
            assertThat(s.getLong("inProgress")).isEqualTo(10);
            assertThat(s.getLong("returned")).isEqualTo(10);
            assertThat(s.getDouble("passRate")).isEqualTo(0.75);
            assertThat(s.getDouble("returnRate")).isEqualTo(0.1);
            assertThat(s.getDouble("withdrawRate")).isEqualTo(0.1);
            assertThat(ended).hasSize(90);
            // percentiles come from the rollup's histogram: within a bucket's width of the textbook value
            assertThat(s.getDouble("p50DurationHours")).isCloseTo(hoursAt(ended, 0.5), withinBucket(hoursAt(ended, 0.5)));
            assertThat(s.getDouble("p90DurationHours")).isCloseTo(hoursAt(ended, 0.9), withinBucket(hoursAt(ended, 0.9)));
            double avg = ended.stream().mapToLong(Long::longValue).average().orElseThrow() / 3_600_000.0;
            assertThat(s.getDouble("avgDurationHours")).isEqualTo(Math.round(avg * 10) / 10.0);
            assertThat(s.getJsonArray("daily").stream().mapToLong(o -> ((JsonObject) o).getLong("submitted")).sum()).isEqualTo(100);

            Map<String, JsonObject> nodes = byKey(await(h.stats.nodes(flow, all)), "nodeId");
            JsonObject dept = nodes.get("dept");
            assertThat(dept.getString("name")).isEqualTo("部门负责人");
            assertThat(dept.getLong("count")).isEqualTo(100);
            assertThat(dept.getDouble("avgHours")).isEqualTo(50.5);
            assertThat(dept.getDouble("p50Hours")).isCloseTo(50.0, withinBucket(50.0));
            assertThat(dept.getDouble("p90Hours")).isCloseTo(90.0, withinBucket(90.0));
            assertThat(dept.getDouble("maxHours")).isEqualTo(100.0);
            assertThat(dept.getDouble("timeLimitHours")).isEqualTo(24.0);
            assertThat(dept.getLong("overdue")).isEqualTo(76);
            assertThat(dept.getDouble("overdueRate")).isEqualTo(0.76);
            assertThat(dept.getDouble("passRate")).isEqualTo(0.9);
            assertThat(dept.getDouble("rejectRate")).isEqualTo(0.1);

            JsonObject legal = nodes.get("legal");
            assertThat(legal.getLong("count")).isEqualTo(90);
            assertThat(legal.getDouble("avgHours")).isEqualTo(2.0);
            assertThat(legal.getDouble("p50Hours")).isCloseTo(2.0, withinBucket(2.0));
            assertThat(legal.getDouble("p90Hours")).isCloseTo(3.0, withinBucket(3.0));
            assertThat(legal.getLong("passed")).isEqualTo(60);
            assertThat(legal.getLong("rejected")).isEqualTo(10);
            assertThat(legal.getLong("returned")).isEqualTo(10);
            assertThat(legal.getLong("withdrawn")).isEqualTo(10);
            assertThat(legal.getDouble("withdrawRate")).isEqualTo(0.1111);
            assertThat(legal.getLong("overdue")).isZero();

            JsonArray ranking = await(h.stats.bottlenecks(all, 10));
            assertThat(ranking.stream().map(o -> ((JsonObject) o).getString("nodeId")).toList()).containsExactly("dept", "legal");
            assertThat(ranking.getJsonObject(0).getInteger("rank")).isEqualTo(1);
            assertThat(ranking.getJsonObject(0).getString("flowName")).isEqualTo("用印申请");

            Map<String, JsonObject> depts = byKey(await(h.stats.departments(all)), "name");
            assertThat(depts.get("销售部").getLong("total")).isEqualTo(50);
            assertThat(depts.get("销售部").getLong("approved")).isEqualTo(20);
            assertThat(depts.get("销售部").getLong("rejected")).isEqualTo(10);
            assertThat(depts.get("销售部").getLong("withdrawn")).isEqualTo(10);
            assertThat(depts.get("研发部").getLong("approved")).isEqualTo(40);
            assertThat(depts.get("研发部").getLong("rejected")).isEqualTo(10);

            JsonObject f = await(h.stats.flows(all)).getJsonObject(0);
            assertThat(f.getString("name")).isEqualTo("用印申请");
            assertThat(f.getLong("total")).isEqualTo(100);

            JsonArray weeks = await(h.stats.trend(all, flow, true));
            assertThat(weeks.stream().mapToLong(o -> ((JsonObject) o).getLong("submitted")).sum()).isEqualTo(100);
            assertThat(weeks.stream().mapToLong(o -> ((JsonObject) o).getLong("approved")).sum()).isEqualTo(60);
            assertThat(weeks.getJsonObject(0).getString("date")).isEqualTo("2027-01-04");

            Range firstDay = new Range(T0, T0 + Duration.ofDays(1).toMillis());
            // request 1 starts at T0 and leaves 部门负责人 at T0+1h; request 2 starts at T0+3h; ... the first day holds 1..5
            assertThat(await(h.stats.summary(firstDay, null)).getLong("total")).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void pressesPerSealAndDevice(Dialect dialect) {
        try (History h = new History(dialect)) {
            long day = Duration.ofDays(1).toMillis();
            press(h, "p1", "dev-1", "seal-a", T0 + 1000);
            press(h, "p2", "dev-1", "seal-a", T0 + 2000);
            press(h, "p3", "dev-1", "seal-a", T0 + day + 1000);
            press(h, "p4", "dev-2", "seal-b", T0 + 5000);
            await(h.db.inTransaction(tx -> h.projection.onAnomaly(tx, new EvidenceListener.Anomaly("MISSING_PHOTO", "dev-1", "p3",
                T0 + day + 2000))));
            await(h.db.inTransaction(tx -> h.projection.onAnomaly(tx, new EvidenceListener.Anomaly("TAMPER", "dev-2", null, T0 + 6000))));
            Range tenDays = new Range(T0, T0 + 10 * day);
            Map<String, JsonObject> seals = byKey(await(h.stats.seals(tenDays)), "sealId");
            assertThat(seals.get("seal-a").getLong("presses")).isEqualTo(3);
            assertThat(seals.get("seal-a").getLong("flagged")).isEqualTo(1);
            assertThat(seals.get("seal-a").getLong("activeDays")).isEqualTo(2);
            assertThat(seals.get("seal-a").getDouble("utilisation")).isEqualTo(0.2);
            assertThat(seals.get("seal-b").getLong("presses")).isEqualTo(1);
            JsonObject totals = await(h.stats.summary(tenDays, null));
            assertThat(totals.getLong("pressesTotal")).isEqualTo(4);
            assertThat(totals.getLong("flaggedPresses")).isEqualTo(1);
            assertThat(totals.getLong("anomalies")).isEqualTo(2);
        }
    }

    private static void press(History h, String id, String device, String seal, long at) {
        await(h.db.inTransaction(tx -> h.projection.onPress(tx, new EvidenceListener.Press(id, device, seal, "req", at))));
    }

    static Map<String, JsonObject> byKey(JsonArray a, String key) {
        return a.stream().map(o -> (JsonObject) o).collect(Collectors.toMap(o -> o.getString(key), o -> o));
    }
}
