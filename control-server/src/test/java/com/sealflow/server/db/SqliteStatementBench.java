package com.sealflow.server.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.PoolOptions;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * CPU per statement through {@link Database} on SQLite, one statement at a time (as the server's transactions run
 * them): a one-row read of 12 columns by key, a 20-row read, a count, an UPDATE and an INSERT each in its own
 * transaction (BEGIN and COMMIT included). Prints the
 * JVM's CPU per statement (all threads: event loop, database thread, JIT, GC), which moves little with the machine's
 * load. Command: {@code java -cp <test classpath> com.sealflow.server.db.SqliteStatementBench [rounds] [plain]};
 * {@code plain} runs the same statements on vertx-jdbc-client's pool as it comes (a statement prepared per execution).
 */
public final class SqliteStatementBench {

    private static final String COLUMNS = "id, a1, a2, a3, a4, a5, b1, b2, b3, c1, c2, c3";

    private SqliteStatementBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean plain = args.length > 1 && "plain".equals(args[1]);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Vertx vertx = Vertx.vertx();
        DatabaseConfig config = TestDatabases.sqliteConfig();
        Database db = Databases.open(vertx, config);
        if (plain) {
            db.close().await(10, TimeUnit.SECONDS);
            db = new Database(JDBCPool.pool(vertx, Databases.dataSource(config), new PoolOptions().setMaxSize(1)), Dialect.SQLITE);
        }
        System.out.println(plain ? "vertx-jdbc-client's own statements and decoding (as before)" : "the server's pool (kept statements)");
        run(db, rounds);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static void run(Database db, int rounds) throws Exception {
        try {
            await(db.execute("CREATE TABLE bench_row (id TEXT PRIMARY KEY, a1 TEXT, a2 TEXT, a3 TEXT, a4 TEXT, a5 TEXT,"
                + " b1 BIGINT, b2 BIGINT, b3 BIGINT, c1 INTEGER, c2 INTEGER, c3 TEXT)"));
            await(db.execute("CREATE TABLE bench_log (id TEXT PRIMARY KEY, a1 TEXT, a2 TEXT, a3 TEXT, a4 TEXT, a5 TEXT,"
                + " b1 BIGINT, b2 BIGINT, b3 BIGINT, c1 INTEGER, c2 INTEGER, c3 TEXT)"));
            for (int i = 0; i < 100; i++) {
                await(db.execute("INSERT INTO bench_row (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                    "r" + i, "alpha", "beta", "gamma " + i, null, "{\"k\":1}", 1_700_000_000_000L + i, (long) i, null, i % 3, 1,
                    i % 2 == 0 ? null : "x"));
            }
            for (int pass = 0; pass < 3; pass++) {
                String label = pass < 2 ? "warm-up" : "measured";
                run(label, "one-row read, 12 columns", rounds, i -> db.execute("SELECT " + COLUMNS
                    + " FROM bench_row WHERE id = $1", "r" + (i % 100)));
                run(label, "20-row read, 12 columns", rounds / 5, i -> db.execute("SELECT " + COLUMNS
                    + " FROM bench_row WHERE c1 = $1 ORDER BY id LIMIT 20", i % 3));
                run(label, "count(*) read", rounds, i -> db.execute("SELECT count(*) AS n FROM bench_row WHERE b2 > $1", (long) (i % 50)));
                run(label, "UPDATE in a transaction", rounds, i -> db.inTransaction(tx -> db.execute(tx,
                    "UPDATE bench_row SET b3 = $1 WHERE id = $2", (long) i, "r" + (i % 100))));
                run(label, "INSERT in a transaction", rounds, i -> db.inTransaction(tx -> db.execute(tx,
                    "INSERT INTO bench_log (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                    "n" + System.nanoTime() + "-" + i, "a", "b", "c", "d", "e", 1L, 2L, 3L, 4, 5, "f")));
            }
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
        }
    }

    interface Step {
        Future<?> run(int i);
    }

    private static void run(String label, String name, int n, Step step) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            await(step.run(i));
        }
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        System.out.printf("%-9s %-26s n=%6d  CPU %7.1f us/statement  wall %7.1f us/statement%n", label, name, n,
            cpu / 1000.0 / n, wall / 1000.0 / n);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(30, TimeUnit.SECONDS);
    }

}
