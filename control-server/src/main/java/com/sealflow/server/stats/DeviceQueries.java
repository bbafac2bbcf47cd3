package com.sealflow.server.stats;

import com.sealflow.server.db.Database;
import com.sealflow.server.device.Device;
import com.sealflow.server.device.SealBinding;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Presses and anomalies per seal and per device. Utilisation is the share of days in the period on which the seal
 * (or device) was pressed at least once.
 */
final class DeviceQueries {

    private final Database db;
    private final RollupSql sql;

    DeviceQueries(Database db, RollupSql sql) {
        this.db = db;
        this.sql = sql;
    }

    /** {@code presses}, {@code flaggedPresses}, {@code anomalies} in the period. */
    Future<JsonObject> totals(Range range) {
        Period p = new Period(sql, range);
        Future<Row> presses = db.execute("SELECT SUM(presses) AS n, SUM(flagged) AS f FROM " + p.pressRows(), p.params())
            .map(rs -> rs.iterator().next());
        Future<Row> anomalies = db.execute("SELECT COUNT(*) AS n FROM stats_anomaly WHERE at >= $1 AND at < $2",
            range.from(), range.to()).map(rs -> rs.iterator().next());
        return Future.all(presses, anomalies).map(x -> new JsonObject().put("pressesTotal", Num.lng(presses.result(), "n"))
            .put("flaggedPresses", Num.lng(presses.result(), "f")).put("anomalies", Num.lng(anomalies.result(), "n")));
    }

    private Future<Map<String, JsonObject>> pressesBy(String column, Range range) {
        Period p = new Period(sql, range);
        // per day first: a day's presses may be spread over its row and deltas (a flag moves a press: -1, then +1)
        return db.execute("SELECT k, SUM(n) AS n, SUM(f) AS f, SUM(CASE WHEN n > 0 THEN 1 ELSE 0 END) AS d FROM (SELECT " + column
            + " AS k, day_no, SUM(presses) AS n, SUM(flagged) AS f FROM " + p.pressRows() + " GROUP BY " + column + ", day_no) x "
            + "GROUP BY k", p.params())
            .map(rs -> {
                Map<String, JsonObject> m = new LinkedHashMap<>();
                for (Row r : rs) {
                    long active = Num.lng(r, "d");
                    if (Num.lng(r, "n") == 0) {
                        continue;
                    }
                    String k = r.getString("k");
                    m.put(k == null || k.isEmpty() ? null : k, new JsonObject().put("presses", Num.lng(r, "n"))
                        .put("flagged", Num.lng(r, "f"))
                        .put("activeDays", active).put("utilisation", Num.rate(active, range.days())));
                }
                return m;
            });
    }

    /** Per seal, busiest first; {@code sealId} null collects presses without a known seal. */
    Future<JsonArray> seals(Range range) {
        return pressesBy("seal_id", range).map(m -> {
            List<JsonObject> rows = new ArrayList<>();
            m.forEach((id, o) -> rows.add(o.put("sealId", id)));
            rows.sort((a, b) -> Long.compare(b.getLong("presses"), a.getLong("presses")));
            return new JsonArray(new ArrayList<>(rows));
        });
    }

    /** Per device (every registered device, pressed or not): presses, flags, anomalies, utilisation, connectivity. */
    Future<JsonArray> devices(Range range, List<Device> registered) {
        Future<Map<String, JsonObject>> presses = pressesBy("device_id", range);
        Future<Map<String, Long>> anomalies = db.execute("SELECT device_id, COUNT(*) AS n FROM stats_anomaly WHERE at >= $1 AND at < $2 "
            + "GROUP BY device_id", range.from(), range.to()).map(rs -> {
                Map<String, Long> m = new HashMap<>();
                rs.forEach(r -> m.put(r.getString("device_id"), Num.lng(r, "n")));
                return m;
            });
        Future<Map<String, Long>> since = db.execute("SELECT device_id, since FROM stats_device").map(rs -> {
            Map<String, Long> m = new HashMap<>();
            rs.forEach(r -> m.put(r.getString("device_id"), r.getLong("since")));
            return m;
        });
        return Future.all(presses, anomalies, since).map(x -> {
            JsonArray out = new JsonArray();
            Map<String, JsonObject> p = new LinkedHashMap<>(presses.result());
            for (Device d : registered) {
                JsonObject o = p.remove(d.id());
                out.add(device(d.id(), o, anomalies.result()).put("serialNo", d.serialNo()).put("location", d.location())
                    .put("status", d.status().name()).put("statusSince", since.result().get(d.id()))
                    .put("sealIds", new JsonArray(d.seals().stream().map(SealBinding::sealId).toList()))
                    .put("sealId", d.seals().isEmpty() ? null : d.seals().get(0).sealId()));
            }
            p.forEach((id, o) -> out.add(device(id, o, anomalies.result())));
            return out;
        });
    }

    private static JsonObject device(String id, JsonObject presses, Map<String, Long> anomalies) {
        JsonObject o = presses == null ? new JsonObject().put("presses", 0L).put("flagged", 0L).put("activeDays", 0L)
            .put("utilisation", 0.0) : presses;
        return o.put("deviceId", id).put("anomalies", anomalies.getOrDefault(id, 0L));
    }
}
