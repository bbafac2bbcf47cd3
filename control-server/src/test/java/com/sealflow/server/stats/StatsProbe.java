package com.sealflow.server.stats;

import com.sealflow.server.db.Database;
import com.sealflow.server.evidence.EvidenceListener;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statistics projection and the dashboard's press and anomaly figures on a database another module's test owns
 * (the evidence intake's), for tests outside this package: what an intake tells it, and what the dashboards then show.
 */
public final class StatsProbe {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Database db;
    private final Rollup rollup;
    private final Projection projection;
    private final Stats stats;

    public StatsProbe(Database db, Clock clock) {
        this.db = db;
        this.rollup = new Rollup(db, ZONE, (flow, version) -> Future.succeededFuture(Map.of()));
        this.projection = new Projection(db, null, rollup);
        this.stats = new Stats(db, clock, ZONE, null, null, null);
    }

    /** The projection, to be told by an intake. */
    public EvidenceListener listener() {
        return projection;
    }

    /** The day of {@code at} in the company's zone, as whole days read from the rollup. */
    public static long[] dayOf(long at) {
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(at), ZONE);
        return new long[] {day.atStartOfDay(ZONE).toInstant().toEpochMilli(),
            day.plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli()};
    }

    /** {@code pressesTotal}, {@code flaggedPresses} and {@code anomalies} of the dashboard's summary for {@code [from, to)}. */
    public JsonObject totals(long from, long to) {
        JsonObject s = await(stats.summary(new Range(from, to), null));
        return new JsonObject().put("pressesTotal", s.getLong("pressesTotal")).put("flaggedPresses", s.getLong("flaggedPresses"))
            .put("anomalies", s.getLong("anomalies"));
    }

    /** The per-seal rows of the dashboard for {@code [from, to)}. */
    public JsonArray seals(long from, long to) {
        return await(stats.seals(new Range(from, to)));
    }

    /** The press rollup as kept by the projection (its deltas folded into the day rows), one line a row. */
    public List<String> pressRollup() {
        await(new RollupFolder(db).fold());
        List<String> out = new ArrayList<>();
        for (Row r : await(db.execute("SELECT day_no, seal_id, device_id, presses, flagged FROM stats_press_day WHERE presses <> 0 "
            + "ORDER BY day_no, seal_id, device_id"))) {
            out.add(r.getValue(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + ((Number) r.getValue(3)).longValue() + "|"
                + ((Number) r.getValue(4)).longValue());
        }
        return out;
    }

    /** The press rollup built afresh from the read model (the backfill). */
    public List<String> rebuiltPressRollup() {
        await(rollup.rebuild());
        return pressRollup();
    }

    private static <T> T await(Future<T> f) {
        return History.await(f);
    }
}
