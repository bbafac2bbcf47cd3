package com.sealflow.server.stats;

import static com.sealflow.server.stats.History.HOUR;
import static com.sealflow.server.stats.History.T0;
import static com.sealflow.server.stats.History.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.Dialect;
import com.sealflow.server.evidence.EvidenceListener;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The intake tells the projection a transaction's presses together ({@link PressBatch}): the same presses and flags
 * told in one transaction give the same figures as told one press (with its flags) per transaction.
 */
class PressBatchTest {

    private static final int PRESSES = 40;

    /** One press and the flags raised on it, as the intake tells them. */
    private record Told(EvidenceListener.Press press, List<EvidenceListener.Anomaly> flags) {
    }

    /** 40 presses of three devices on two seals (and none), over two days, a quarter with one flag, some with two. */
    private static List<Told> presses() {
        List<Told> out = new ArrayList<>();
        for (int i = 0; i < PRESSES; i++) {
            String id = "press-" + i;
            String device = "dev-" + (i % 3);
            long at = T0 + HOUR.toMillis() * (i * 47 % 40) + i;
            List<EvidenceListener.Anomaly> flags = new ArrayList<>();
            if (i % 4 == 1) {
                flags.add(new EvidenceListener.Anomaly("PRESS_WITHOUT_SESSION", device, id, at, "flag-a-" + i));
            }
            if (i % 8 == 1 || i % 5 == 0) {
                flags.add(new EvidenceListener.Anomaly("MISSING_PHOTO", device, id, at, "flag-b-" + i));
            }
            out.add(new Told(new EvidenceListener.Press(id, device, i % 5 == 4 ? null : "seal-" + (i % 2), "req-" + i, at), flags));
        }
        return out;
    }

    private static Future<Void> tell(History h, SqlConnection tx, Told t) {
        Future<Void> f = h.projection.onPress(tx, t.press());
        for (EvidenceListener.Anomaly a : t.flags()) {
            f = f.compose(v -> h.projection.onAnomaly(tx, a));
        }
        return f;
    }

    /** Everything a user can see of the presses, and the rollup's rows. */
    private static List<Object> figures(History h) {
        long day = Duration.ofDays(1).toMillis();
        Range whole = new Range(T0, T0 + 3 * day);
        // cut inside both days: the edges are read from the read model, the middle from the rollup
        Range ragged = new Range(T0 + 5 * HOUR.toMillis() + 1, T0 + day + 7 * HOUR.toMillis());
        List<Object> out = new ArrayList<>(StatsRollupTest.snapshot(h));
        for (Range r : List.of(whole, ragged)) {
            JsonObject s = await(h.stats.summary(r, null));
            out.add(s.getLong("pressesTotal") + "/" + s.getLong("flaggedPresses") + "/" + s.getLong("anomalies"));
            out.add(await(h.stats.seals(r)).encode());
        }
        for (Row r : await(h.db.execute("SELECT press_id, device_id, seal_id, at, flagged FROM stats_press ORDER BY press_id"))) {
            out.add(r.getString("press_id") + "|" + r.getString("device_id") + "|" + r.getString("seal_id") + "|" + r.getLong("at")
                + "|" + r.getInteger("flagged"));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void pressesToldInOneTransactionCountAsPressesToldOneByOne(Dialect dialect) {
        List<Told> told = presses();
        List<Object> oneByOne;
        try (History h = new History(dialect)) {
            for (Told t : told) {
                await(h.db.inTransaction(tx -> tell(h, tx, t)));
            }
            oneByOne = figures(h);
        }
        List<Object> together;
        try (History h = new History(dialect)) {
            await(h.db.inTransaction(tx -> {
                Future<Void> f = Future.succeededFuture();
                for (Told t : told) {
                    f = f.compose(v -> tell(h, tx, t));
                }
                return f;
            }));
            together = figures(h);
        }
        long flagged = told.stream().filter(t -> !t.flags().isEmpty()).count();
        long flags = told.stream().mapToLong(t -> t.flags().size()).sum();
        // the figures are the presses themselves, not only equal to each other
        assertThat(oneByOne).contains(PRESSES + "/" + flagged + "/" + flags);
        assertThat(flagged).isBetween(1L, PRESSES - 1L);
        assertThat(together).containsExactlyElementsOf(oneByOne);
    }
}
