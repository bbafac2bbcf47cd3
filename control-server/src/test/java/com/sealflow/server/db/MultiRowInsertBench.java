package com.sealflow.server.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU per row of rows written together in one transaction on SQLite through {@link Database}, as the evidence intake
 * writes its event rows (13 columns, a primary key and two more indexes): as a JDBC batch (one execution of the one-row
 * statement per row, as the intake does) against one multi-row {@code INSERT ... VALUES (...), (...)} of all the rows.
 * Prints the JVM's CPU per row (all threads). Command:
 * {@code java -cp <test classpath> com.sealflow.server.db.MultiRowInsertBench [transactions] [rows] [batch]} ({@code batch}: the JDBC
 * batch only).
 */
public final class MultiRowInsertBench {

    private static final String HEAD = "INSERT INTO bench_event (event_id, device_id, seq, type, at, monotonic_ms, received_at, body, "
        + "photo_sha256, prev_hash, hash, verified, flags)";
    private static final String ONE_ROW = HEAD + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";

    private MultiRowInsertBench() {
    }

    public static void main(String[] args) throws Exception {
        int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        boolean batchOnly = args.length > 2 && "batch".equals(args[2]);
        Vertx vertx = Vertx.vertx();
        Database db = Databases.open(vertx, TestDatabases.sqliteConfig());
        try {
            await(db.execute("CREATE TABLE bench_event (event_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, seq BIGINT NOT NULL, "
                + "type TEXT NOT NULL, at BIGINT NOT NULL, monotonic_ms BIGINT, received_at BIGINT NOT NULL, body TEXT, photo_sha256 TEXT, "
                + "prev_hash TEXT, hash TEXT, verified INTEGER NOT NULL, flags TEXT)"));
            await(db.execute("CREATE INDEX bench_event_device ON bench_event (device_id, seq)"));
            await(db.execute("CREATE INDEX bench_event_at ON bench_event (at)"));
            long[] next = {0};
            for (int pass = 0; pass < 3; pass++) {
                String label = pass < 2 ? "warm-up" : "measured";
                run(label, "JDBC batch", transactions, rows, () -> db.inTransaction(tx -> db.query(tx, ONE_ROW)
                    .executeBatch(rows(next, rows)).mapEmpty()));
                if (batchOnly) {
                    continue;
                }
                String all = multiRow(rows);
                run(label, "multi-row INSERT", transactions, rows, () -> db.inTransaction(tx -> db.query(tx, all)
                    .execute(flat(rows(next, rows))).mapEmpty()));
            }
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static List<Tuple> rows(long[] next, int n) {
        List<Tuple> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long k = next[0]++;
            long at = 1_790_000_000_000L + k;
            rows.add(Tuple.wrap(new Object[] {"e-" + k, "device-" + (k % 20), k, "PRESS", at, k * 7, at,
                "{\"sessionId\":1,\"pressCounter\":" + k + ",\"forced\":false}", null, "p" + Long.toHexString(k * 31),
                "h" + Long.toHexString(k * 37), 1, "PRESS_WITHOUT_SESSION,MISSING_PHOTO"}));
        }
        return rows;
    }

    private static String multiRow(int rows) {
        StringBuilder sql = new StringBuilder(HEAD).append(" VALUES ");
        for (int r = 0, p = 1; r < rows; r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < 13; c++, p++) {
                sql.append(c == 0 ? "$" : ", $").append(p);
            }
            sql.append(')');
        }
        return sql.toString();
    }

    private static Tuple flat(List<Tuple> rows) {
        Tuple all = Tuple.tuple();
        for (Tuple row : rows) {
            for (int i = 0; i < row.size(); i++) {
                all.addValue(row.getValue(i));
            }
        }
        return all;
    }

    private static void run(String label, String name, int transactions, int rows, java.util.function.Supplier<Future<?>> step)
        throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < transactions; i++) {
            await(step.get());
        }
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long n = (long) transactions * rows;
        System.out.printf("%-9s %-17s %d transactions of %d rows  CPU %6.2f us/row  wall %6.2f us/row  (load %s)%n", label, name,
            transactions, rows, cpu / 1000.0 / n, wall / 1000.0 / n, os.getSystemLoadAverage());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(30, TimeUnit.SECONDS);
    }
}
