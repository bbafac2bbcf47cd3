package com.sealflow.server.stats;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statistics rollup (per day: flows and departments by submission, nodes by the end of a stay, seals and devices by
 * press; log-scale duration histograms), kept by the projection inside the transaction of the event it projects and
 * built from the read model once (the backfill). A change to a read-model row takes back the row's old contribution and
 * adds its new one, so the rollup always equals an aggregate of the read model. On PostgreSQL contributions are appended
 * to each table's deltas, which the {@link RollupFolder} adds to the day rows later (readers add both), so concurrent
 * writers share no row; on SQLite, whose writers take turns anyway, they are added to the day rows in place. Node limits
 * are recorded per flow version as the projection first meets the version, so an overdue stay is judged by the limit the
 * request ran under.
 */
final class Rollup {

    private static final Logger LOG = LoggerFactory.getLogger(Rollup.class);
    /** The most press ids in one IN list (the intake's transactions hold at most 256 events). */
    static final int IN_LIST = 256;

    /** A flow version's node time limits (node id to ms); nodes without a fixed limit are absent. */
    interface Limits extends BiFunction<String, Integer, Future<Map<String, Long>>> {
    }

    private final Database db;
    private final RollupSql sql;
    private final Limits limits;
    private final Set<String> knownVersions = ConcurrentHashMap.newKeySet();

    Rollup(Database db, ZoneId zone, Limits limits) {
        this.db = db;
        this.sql = new RollupSql(standardOffset(zone), db.dialect());
        this.limits = limits;
    }

    /** The zone's standard offset (no daylight saving), fixed for good so that a day number never moves. */
    static long standardOffset(ZoneId zone) {
        return zone.getRules().getStandardOffset(Instant.parse("2026-01-01T00:00:00Z")).getTotalSeconds() * 1000L;
    }

    RollupSql sql() {
        return sql;
    }

    /** Adds ({@code sign} 1) or takes back (-1) one request's contribution. */
    Future<Void> instance(SqlClient c, int sign, String instanceId) {
        return db.execute(c, sql.flowAdd(sign, "instance_id = $1"), instanceId)
            .compose(x -> db.execute(c, sql.flowHistAdd(sign, "instance_id = $1"), instanceId)).mapEmpty();
    }

    /** Adds or takes back the closed stays matching {@code where} (over {@code v}, the stay). */
    Future<Void> visits(SqlClient c, int sign, String where, Object... args) {
        return db.execute(c, sql.nodeAdd(sign, where), args).compose(x -> db.execute(c, sql.nodeHistAdd(sign, where), args))
            .mapEmpty();
    }

    /**
     * After a stay that had closed at {@code leftAt} reopened: the longest stay of its day, read again, in the day's deltas
     * and then its row (the fold's order, so the two never wait for each other in turn). Each statement reads the stays
     * and writes in one snapshot, so a stay another transaction closed is either seen by both or by neither.
     */
    Future<Void> refreshMax(SqlClient c, String flowKey, String nodeId, long leftAt) {
        long dayNo = Math.floorDiv(leftAt + sql.offset(), RollupSql.DAY);
        long start = dayNo * RollupSql.DAY - sql.offset();
        String longest = "(SELECT MAX(duration_ms) FROM stats_node_visit WHERE flow_key = $1 AND left_at >= $2 AND left_at < $3 "
            + "AND node_id = $4)";
        Object[] args = {flowKey, start, start + RollupSql.DAY, nodeId, dayNo, flowKey, nodeId};
        return db.execute(c, "UPDATE " + RollupSql.NODE.deltas() + " SET max_ms = " + longest + " WHERE day_no = $5 AND flow_key = $6 "
                + "AND node_id = $7 AND max_ms IS NOT NULL", args)
            .compose(x -> db.execute(c, "UPDATE stats_node_day SET max_ms = " + longest + " WHERE day_no = $5 AND flow_key = $6 "
                + "AND node_id = $7", args)).mapEmpty();
    }

    Future<Void> press(SqlClient c, int sign, String pressId) {
        return db.execute(c, sql.pressAdd(sign, "press_id = $1"), pressId).mapEmpty();
    }

    /** Sets a press's flag, moving its contribution in the rollup (nothing moves when it already had that value). */
    Future<Void> setFlagged(SqlClient c, String pressId, int flagged) {
        return press(c, -1, pressId)
            .compose(x -> db.execute(c, "UPDATE stats_press SET flagged = $1 WHERE press_id = $2", flagged, pressId))
            .compose(x -> press(c, 1, pressId));
    }

    /** Adds the contributions of these presses, {@value #IN_LIST} to a statement. */
    Future<Void> presses(SqlClient c, List<String> pressIds) {
        Future<Void> all = Future.succeededFuture();
        for (int from = 0; from < pressIds.size(); from += IN_LIST) {
            List<String> part = pressIds.subList(from, Math.min(pressIds.size(), from + IN_LIST));
            all = all.compose(v -> db.execute(c, sql.pressAdd(1, "press_id IN (" + inList(part.size()) + ")"), part.toArray())
                .mapEmpty());
        }
        return all;
    }

    /** Which of these presses the read model has already. */
    Future<Set<String>> existingPresses(SqlClient c, List<String> pressIds) {
        Set<String> there = new HashSet<>();
        Future<Void> all = Future.succeededFuture();
        for (int from = 0; from < pressIds.size(); from += IN_LIST) {
            List<String> part = pressIds.subList(from, Math.min(pressIds.size(), from + IN_LIST));
            all = all.compose(v -> db.execute(c, "SELECT press_id FROM stats_press WHERE press_id IN (" + inList(part.size()) + ")",
                part.toArray()).map(rs -> {
                    rs.forEach(r -> there.add(r.getString("press_id")));
                    return null;
                }));
        }
        return all.map(there);
    }

    private static String inList(int n) {
        StringBuilder in = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            in.append(i == 1 ? "$" : ", $").append(i);
        }
        return in.toString();
    }

    /** Records the node limits of a flow version the first time it is seen (the engine has it cached: it just ran it). */
    Future<Void> knowVersion(SqlClient c, String flowKey, int version) {
        String key = flowKey + "@" + version;
        if (knownVersions.contains(key)) {
            return Future.succeededFuture();
        }
        return limits.apply(flowKey, version).compose(m -> {
            List<Tuple> rows = new ArrayList<>();
            m.forEach((node, ms) -> rows.add(Tuple.of(flowKey, version, node, ms)));
            return rows.isEmpty() ? Future.succeededFuture() : db.query(c, "INSERT INTO stats_node_limit (flow_key, flow_version, "
                + "node_id, limit_ms) VALUES ($1, $2, $3, $4) ON CONFLICT (flow_key, flow_version, node_id) DO NOTHING").executeBatch(rows);
        }).map(x -> {
            knownVersions.add(key);
            return null;
        });
    }

    /** Builds the rollup if the migration left it unbuilt (existing data); completes when it is there. */
    Future<Void> buildIfNeeded() {
        return db.execute("SELECT built FROM stats_rollup_state WHERE name = 'rollup'").compose(rs -> {
            if (rs.size() > 0 && Num.lng(rs.iterator().next(), "built") == 1) {
                return Future.succeededFuture();
            }
            long t0 = System.nanoTime();
            return markBuiltIfNothingToRollUp().compose(marked -> marked ? Future.succeededFuture()
                : rebuild().onSuccess(v -> LOG.info("statistics rollup built from the read model in {} ms",
                    (System.nanoTime() - t0) / 1_000_000)));
        });
    }

    /**
     * A new database: no read-model row and no rollup or delta row, so the rollup of nothing is already there; marked
     * built in one statement instead of the rebuild's transaction of a statement per table. True when marked.
     */
    private Future<Boolean> markBuiltIfNothingToRollUp() {
        List<String> tables = new ArrayList<>(List.of("stats_instance", "stats_node_visit", "stats_press"));
        for (RollupSql.Table t : RollupSql.TABLES) {
            tables.add(t.name());
            tables.add(t.deltas());
        }
        StringBuilder none = new StringBuilder();
        for (String t : tables) {
            none.append(none.isEmpty() ? "" : " AND ").append("NOT EXISTS (SELECT 1 FROM ").append(t).append(')');
        }
        return db.execute("INSERT INTO stats_rollup_state (name, built) SELECT 'rollup', 1 WHERE " + none
                + " ON CONFLICT (name) DO UPDATE SET built = 1")
            .map(rs -> rs.rowCount() > 0);
    }

    /**
     * Rebuilds every rollup table from the read model in one transaction (writers of the read model wait); the deltas not
     * folded yet go, as what they add is in the read model.
     */
    Future<Void> rebuild() {
        return db.execute("SELECT DISTINCT flow_key, flow_version FROM stats_instance").compose(rs -> {
            List<Future<Void>> all = new ArrayList<>();
            rs.forEach(r -> all.add(knowVersion(db.pool(), r.getString("flow_key"), r.getInteger("flow_version"))
                .recover(e -> Future.succeededFuture())));
            return Future.all(all);
        }).compose(x -> db.inTransaction(tx -> {
            List<String> statements = new ArrayList<>();
            for (RollupSql.Table t : RollupSql.TABLES) {
                statements.add("DELETE FROM " + t.name());
                statements.add("DELETE FROM " + t.deltas());
            }
            statements.addAll(sql.build());
            statements.add("INSERT INTO stats_rollup_state (name, built) VALUES ('rollup', 1) ON CONFLICT (name) DO UPDATE SET built = 1");
            return lock(tx).compose(v -> run(tx, statements));
        }));
    }

    private Future<Void> lock(SqlConnection tx) {
        return db.dialect() == Dialect.POSTGRES
            ? db.execute(tx, "LOCK TABLE stats_instance, stats_node_visit, stats_press IN SHARE MODE").mapEmpty()
            : Future.succeededFuture();
    }

    private Future<Void> run(SqlConnection tx, List<String> statements) {
        Future<Void> chain = Future.succeededFuture();
        for (String s : statements) {
            chain = chain.compose(v -> db.execute(tx, s).mapEmpty());
        }
        return chain;
    }
}
