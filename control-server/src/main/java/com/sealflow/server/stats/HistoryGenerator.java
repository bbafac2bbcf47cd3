package com.sealflow.server.stats;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a generated approval and stamping history straight into the statistics tables, as a backfill would: used
 * by the demo (so the dashboard has months to show) and by the dashboard benchmark (up to a million requests). The
 * same seed gives the same history. Each request visits its flow's nodes in order; a stay lasts the node's typical
 * hours times a log-normal factor; a node rejects, returns or is withdrawn with small chances; approved requests are
 * stamped one to three times, a few presses flagged.
 */
final class HistoryGenerator {

    /** A node as generated: typical stay in hours. */
    record NodeShape(String id, String name, String kind, double typicalHours) {
    }

    record FlowShape(String key, double weight, List<NodeShape> nodes) {
    }

    record Shape(List<FlowShape> flows, List<String> departments, List<String> seals, List<String> devices) {
    }

    private static final int BATCH = 2000;
    private static final long HOUR = 3_600_000L;

    private final Database db;

    HistoryGenerator(Database db) {
        this.db = db;
    }

    /** Adds {@code count} requests started uniformly in {@code [from, to)}; ids are {@code prefix-n}. */
    Future<Void> generate(Shape shape, int count, long from, long to, long seed, String prefix) {
        return generate(shape, count, from, to, seed, prefix, BATCH);
    }

    /**
     * A bulk load of a large history (the benchmark's million requests) through a plain JDBC connection: the generated
     * tables' secondary indexes are dropped, the rows written as prepared-statement batches in transactions of
     * {@value #BULK_BATCH} requests (on SQLite with {@code synchronous = OFF} and a large page cache on this connection
     * only), and the indexes built again from their own definitions at the end — one sorted build instead of a random
     * insert into every index for every row. The same seed gives the same history as {@link #generate}.
     */
    static void bulkLoad(java.sql.Connection c, Shape shape, int count, long from, long to, long seed, String prefix)
        throws java.sql.SQLException {
        boolean sqlite = c.getMetaData().getURL().startsWith("jdbc:sqlite:");
        java.util.Map<String, String> indexes = new java.util.LinkedHashMap<>();
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sqlite
            ? "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (" + TABLES + ")"
            : "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename IN ("
                + TABLES + ") AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)")) {
            while (rs.next()) {
                indexes.put(rs.getString(1), rs.getString(2));
            }
        }
        try (java.sql.Statement s = c.createStatement()) {
            if (sqlite) {
                s.execute("PRAGMA synchronous = OFF");
                s.execute("PRAGMA cache_size = -262144");
            }
            for (String name : indexes.keySet()) {
                s.execute("DROP INDEX " + name);
            }
        }
        c.setAutoCommit(false);
        SplittableRandom random = new SplittableRandom(seed);
        try (java.sql.PreparedStatement instances = c.prepareStatement("INSERT INTO stats_instance (instance_id, business_key, "
                + "flow_key, flow_version, applicant_id, department_id, started_at, ended_at, result, duration_ms, returns) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             java.sql.PreparedStatement visits = c.prepareStatement("INSERT INTO stats_node_visit (id, instance_id, flow_key, "
                + "node_id, node_name, kind, entered_at, left_at, duration_ms, outcome, open_tasks) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             java.sql.PreparedStatement presses = c.prepareStatement("INSERT INTO stats_press (press_id, device_id, seal_id, "
                + "request_id, at, flagged) VALUES (?, ?, ?, ?, ?, ?)");
             java.sql.PreparedStatement anomalies = c.prepareStatement("INSERT INTO stats_anomaly (id, kind, device_id, press_id, at) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            for (int start = 0; start < count; start += BULK_BATCH) {
                Batch b = new Batch();
                for (int i = 0; i < Math.min(BULK_BATCH, count - start); i++) {
                    request(b, shape, random, prefix + "-" + (start + i), from + (long) (random.nextDouble() * (to - from)), to);
                }
                add(instances, b.instances);
                add(visits, b.visits);
                add(presses, b.presses);
                add(anomalies, b.anomalies);
                c.commit();
            }
        } finally {
            c.setAutoCommit(true);
        }
        try (java.sql.Statement s = c.createStatement()) {
            for (String ddl : indexes.values()) {
                s.execute(ddl);
            }
            if (sqlite) {
                s.execute("PRAGMA synchronous = NORMAL");
            }
        }
    }

    private static void add(java.sql.PreparedStatement ps, List<Tuple> rows) throws java.sql.SQLException {
        for (Tuple t : rows) {
            for (int i = 0; i < t.size(); i++) {
                ps.setObject(i + 1, t.getValue(i));
            }
            ps.addBatch();
        }
        ps.executeBatch();
    }

    private static final int BULK_BATCH = 20_000;
    private static final String TABLES = "'stats_instance', 'stats_node_visit', 'stats_press', 'stats_anomaly'";

    private Future<Void> generate(Shape shape, int count, long from, long to, long seed, String prefix, int batch) {
        SplittableRandom random = new SplittableRandom(seed);
        Future<Void> chain = Future.succeededFuture();
        for (int start = 0; start < count; start += batch) {
            int first = start;
            int n = Math.min(batch, count - start);
            // the rows of a batch are made when its turn comes, so that a million requests are never all in memory
            chain = chain.compose(v -> {
                Batch b = new Batch();
                for (int i = 0; i < n; i++) {
                    request(b, shape, random, prefix + "-" + (first + i), from + (long) (random.nextDouble() * (to - from)), to);
                }
                return db.inTransaction(tx -> insert(tx, "stats_instance (instance_id, business_key, flow_key, flow_version, "
                        + "applicant_id, department_id, started_at, ended_at, result, duration_ms, returns)", 11, b.instances)
                    .compose(x -> insert(tx, "stats_node_visit (id, instance_id, flow_key, node_id, node_name, kind, entered_at, "
                        + "left_at, duration_ms, outcome, open_tasks)", 11, b.visits))
                    .compose(x -> insert(tx, "stats_press (press_id, device_id, seal_id, request_id, at, flagged)", 6, b.presses))
                    .compose(x -> insert(tx, "stats_anomaly (id, kind, device_id, press_id, at)", 5, b.anomalies)));
            });
        }
        return chain;
    }

    /** Rows per INSERT: one statement carries {@value #ROWS_PER_INSERT} rows' values (well under either database's limit). */
    private static final int ROWS_PER_INSERT = 500;

    private Future<Void> insert(io.vertx.sqlclient.SqlConnection tx, String into, int columns, List<Tuple> rows) {
        Future<Void> chain = Future.succeededFuture();
        for (int start = 0; start < rows.size(); start += ROWS_PER_INSERT) {
            List<Tuple> part = rows.subList(start, Math.min(rows.size(), start + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(into).append(" VALUES ");
            Tuple values = Tuple.tuple();
            int p = 1;
            for (int r = 0; r < part.size(); r++) {
                sql.append(r == 0 ? "(" : ", (");
                for (int c = 0; c < columns; c++) {
                    sql.append(c == 0 ? "$" : ", $").append(p++);
                    values.addValue(part.get(r).getValue(c));
                }
                sql.append(')');
            }
            chain = chain.compose(v -> db.query(tx, sql.toString()).execute(values).mapEmpty());
        }
        return chain;
    }

    private static final class Batch {
        final List<Tuple> instances = new ArrayList<>();
        final List<Tuple> visits = new ArrayList<>();
        final List<Tuple> presses = new ArrayList<>();
        final List<Tuple> anomalies = new ArrayList<>();
    }

    private static void request(Batch b, Shape shape, SplittableRandom r, String id, long startedAt, long now) {
        FlowShape flow = pick(shape.flows(), r);
        String dept = shape.departments().get(r.nextInt(shape.departments().size()));
        long t = startedAt;
        String result = "APPROVED";
        int returns = 0;
        boolean open = false;
        int v = 0;
        for (NodeShape node : flow.nodes()) {
            // working hours make stays lumpy: a log-normal spread around the node's typical time
            long stay = Math.max(60_000L, (long) (node.typicalHours() * HOUR * Math.exp(r.nextGaussian() * 0.6 - 0.18)));
            String visitId = id + "-" + v++;
            if (t + stay > now) {
                b.visits.add(Tuple.tuple().addValue(visitId).addValue(id).addValue(flow.key()).addValue(node.id()).addValue(node.name())
                    .addValue(node.kind()).addValue(t).addValue(null).addValue(null).addValue(null).addValue(1));
                open = true;
                break;
            }
            double roll = r.nextDouble();
            String outcome = roll < 0.05 ? "REJECTED" : roll < 0.08 ? "RETURNED" : roll < 0.10 ? "WITHDRAWN" : "APPROVED";
            b.visits.add(Tuple.tuple().addValue(visitId).addValue(id).addValue(flow.key()).addValue(node.id()).addValue(node.name())
                .addValue(node.kind()).addValue(t).addValue(t + stay).addValue(stay).addValue(outcome).addValue(0));
            t += stay;
            if ("RETURNED".equals(outcome)) {
                returns++;
            } else if (!"APPROVED".equals(outcome)) {
                result = outcome;
                break;
            }
        }
        b.instances.add(Tuple.tuple().addValue(id).addValue(id).addValue(flow.key()).addValue(1).addValue(null).addValue(dept)
            .addValue(startedAt).addValue(open ? null : t).addValue(open ? null : result).addValue(open ? null : t - startedAt)
            .addValue(returns));
        if (!open && "APPROVED".equals(result) && !shape.seals().isEmpty()) {
            int presses = 1 + r.nextInt(3);
            int s = r.nextInt(shape.seals().size());
            for (int p = 0; p < presses; p++) {
                boolean flagged = r.nextDouble() < 0.02;
                String pressId = id + "-p" + p;
                long at = t + (p + 1) * 20_000L;
                String device = shape.devices().get(s % shape.devices().size());
                b.presses.add(Tuple.tuple().addValue(pressId).addValue(device).addValue(shape.seals().get(s)).addValue(id).addValue(at)
                    .addValue(flagged ? 1 : 0));
                if (flagged) {
                    String kind = r.nextBoolean() ? "MISSING_PHOTO" : "NO_SEAL_IMPRESSION";
                    b.anomalies.add(Tuple.tuple().addValue(pressId + "-a").addValue(kind).addValue(device).addValue(pressId)
                        .addValue(at + 1000));
                }
            }
        }
    }

    private static FlowShape pick(List<FlowShape> flows, SplittableRandom r) {
        double total = flows.stream().mapToDouble(FlowShape::weight).sum();
        double x = r.nextDouble() * total;
        for (FlowShape f : flows) {
            x -= f.weight();
            if (x < 0) {
                return f;
            }
        }
        return flows.get(flows.size() - 1);
    }
}
