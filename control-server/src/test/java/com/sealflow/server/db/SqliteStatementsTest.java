package com.sealflow.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.VertxPerClass;
import io.vertx.core.Future;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SQLite pool's kept statements and remembered column descriptions against vertx-jdbc-client's plain pool. */
class SqliteStatementsTest extends VertxPerClass {

    private static final String[] DECLARED = {"TEXT", "BIGINT", "INTEGER", "REAL", "BLOB", "BOOLEAN", "NUMERIC", "DATE",
        "DATETIME", "TIMESTAMP", "VARCHAR(20)", "DOUBLE", "FLOAT", "DECIMAL(10,2)", "SMALLINT", "TINYINT", "JSON", ""};
    private static final String[] VALUES = {"NULL", "7", "9007199254740993", "2.5", "'text'", "'42'", "'2026-11-27'",
        "'2026-11-27 10:11:12'", "'2026-11-27T10:11:12Z'", "X'00FF10'", "1", "0", "-2147483649", "'true'"};

    private DatabaseConfig config;
    private Database db;
    private Database plain;

    @BeforeEach
    void open() {
        config = TestDatabases.sqliteConfig();
        db = Databases.open(vertx, config);
        plain = new Database(JDBCPool.pool(vertx, Databases.dataSource(config), new PoolOptions().setMaxSize(1)), Dialect.SQLITE);
    }

    @AfterEach
    void close() throws Exception {
        db.close().await(10, TimeUnit.SECONDS);
        plain.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void everyDeclaredTypeAndStorageClassDecodesAsOnThePlainPool() throws Exception {
        StringBuilder create = new StringBuilder("CREATE TABLE typed (k INTEGER PRIMARY KEY");
        for (int c = 0; c < DECLARED.length; c++) {
            create.append(", c").append(c).append(' ').append(DECLARED[c]);
        }
        await(db.execute(create.append(')').toString()));
        for (int v = 0; v < VALUES.length; v++) {
            StringBuilder insert = new StringBuilder("INSERT INTO typed VALUES (").append(v);
            for (int c = 0; c < DECLARED.length; c++) {
                insert.append(", ").append(VALUES[(v + c) % VALUES.length]);
            }
            await(db.execute(insert.append(')').toString()));
        }
        List<String> queries = new ArrayList<>();
        for (int c = 0; c < DECLARED.length; c++) {
            queries.add("SELECT c" + c + " FROM typed ORDER BY k");
            queries.add("SELECT c" + c + " FROM typed ORDER BY k DESC");
            queries.add("SELECT c" + c + " AS v, typeof(c" + c + ") AS t FROM typed WHERE k >= $1 ORDER BY k");
        }
        queries.add("SELECT count(*) AS n, max(c1) AS m, min(c4) AS s, sum(c2) AS t FROM typed");
        queries.add("SELECT CASE WHEN k % 3 = 0 THEN k WHEN k % 3 = 1 THEN 'x' || k ELSE NULL END AS mixed, k * 1.5 AS f FROM typed");
        queries.add("SELECT * FROM typed ORDER BY k");
        int compared = 0;
        for (int round = 0; round < 3; round++) {
            for (String sql : queries) {
                Object[] params = sql.contains("$1") ? new Object[] {round} : new Object[0];
                assertThat(outcome(db, sql, params)).as(sql).isEqualTo(outcome(plain, sql, params));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(queries.size() * 3);
        // the table holds every storage class the driver reports, so the comparison covered each one
        RowSet<Row> kinds = await(db.execute("SELECT DISTINCT typeof(c17) AS t FROM typed"));
        List<String> seen = new ArrayList<>();
        kinds.forEach(r -> seen.add(r.getString("t")));
        assertThat(seen).contains("null", "integer", "real", "text", "blob");
    }

    @Test
    void everyParameterTypeIsStoredAsThroughThePlainPool() throws Exception {
        await(db.execute("CREATE TABLE stored (k INTEGER PRIMARY KEY, t TEXT, b BIGINT, i INTEGER, u)"));
        Object[] values = {null, "text", "0190f3a2-7b1c-7def-8abc-0123456789ab", "42", 7, 9_007_199_254_740_993L, 2.5, 1.5f,
            true, false, (short) 3, new java.math.BigDecimal("12.34"), java.time.LocalDate.of(2026, 11, 27),
            java.time.LocalDateTime.of(2026, 11, 27, 10, 11, 12), java.time.OffsetDateTime.parse("2026-11-27T10:11:12Z"),
            java.time.Instant.parse("2026-11-27T10:11:12Z"), java.util.UUID.fromString("0190f3a2-7b1c-7def-8abc-0123456789ab"),
            new byte[] {1, 2, 3}, io.vertx.core.json.JsonObject.of("a", 1), io.vertx.core.buffer.Buffer.buffer("xy")};
        int k = 0;
        for (Object v : values) {
            List<String> seen = new ArrayList<>();
            for (Database on : new Database[] {db, plain}) {
                int key = k++;
                String sql = "INSERT INTO stored (k, t, b, i, u) VALUES ($1, $2, $3, $4, $5)";
                seen.add(String.valueOf(on.execute(sql, key, v, v, v, v).transform(ar -> Future.succeededFuture(
                    ar.failed() ? "failed: " + ar.cause().getClass().getName() : "ok")).await(10, TimeUnit.SECONDS)));
                seen.add(outcome(plain, "SELECT typeof(t), quote(t), typeof(b), quote(b), typeof(i), quote(i), typeof(u), quote(u)"
                    + " FROM stored WHERE k = $1", key).toString());
            }
            assertThat(seen.get(0) + seen.get(1)).as(String.valueOf(v)).isEqualTo(seen.get(2) + seen.get(3));
        }
    }

    @Test
    void aStatementThatFailedIsPreparedAfreshAndTheConnectionStaysUsable() throws Exception {
        await(db.execute("CREATE TABLE one (id TEXT PRIMARY KEY, n BIGINT NOT NULL)"));
        String insert = "INSERT INTO one (id, n) VALUES ($1, $2)";
        await(db.execute(insert, "a", 1L));
        for (long n = 2; n < 5; n++) {
            assertThat(db.execute(insert, "a", n).transform(ar -> Future.succeededFuture(ar.failed()))
                .await(10, TimeUnit.SECONDS)).as("duplicate key").isTrue();
        }
        await(db.execute(insert, "b", 5L));
        await(db.execute(insert, "c", 6L));
        assertThat(sum()).isEqualTo(12L);
    }

    @Test
    void aKeptStatementIsTheDriversOwnAndAFailedBatchPreparesItAfresh() throws Exception {
        try (Connection c = SqliteStatements.open(Databases.dataSource(config))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE one (id TEXT PRIMARY KEY, n BIGINT NOT NULL)");
            }
            String insert = "INSERT INTO one (id, n) VALUES (?, ?)";
            PreparedStatement first = c.prepareStatement(insert);
            assertThat(Proxy.isProxyClass(first.getClass())).as("no reflective proxy per call").isFalse();
            first.setObject(1, "a");
            first.setObject(2, 1L);
            assertThat(first.executeUpdate()).isEqualTo(1);
            first.close();
            PreparedStatement again = c.prepareStatement(insert);
            assertThat(again).as("kept and handed out again").isSameAs(first);
            for (String id : new String[] {"b", "a"}) {
                again.setObject(1, id);
                again.setObject(2, 2L);
                again.addBatch();
            }
            assertThatThrownBy(again::executeBatch).as("duplicate key").isInstanceOf(SQLException.class);
            again.close();
            PreparedStatement fresh = c.prepareStatement(insert);
            assertThat(fresh).as("a failed statement is not handed out again").isNotSameAs(first);
            fresh.setObject(1, "c");
            fresh.setObject(2, 3L);
            assertThat(fresh.executeUpdate()).isEqualTo(1);
            fresh.close();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT group_concat(id, ',') FROM one")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isIn("a,c", "a,b,c");
            }
        }
    }

    @Test
    void anInsertRunsNoGeneratedKeysQuery() throws Exception {
        String insert = "INSERT INTO one (id, n) VALUES (?, ?)";
        try (Connection c = SqliteStatements.open(Databases.dataSource(config));
             Connection driver = DriverManager.getConnection("jdbc:sqlite:" + Databases.sqliteFile(config.dataDir()))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE one (id TEXT PRIMARY KEY, n BIGINT NOT NULL)");
            }
            // the driver as it comes reads the new row's id after the insert; the kept connection does not
            List<Boolean> keysFound = new ArrayList<>();
            for (Connection on : List.of(driver, c)) {
                try (PreparedStatement ps = on.prepareStatement(insert)) {
                    ps.setObject(1, on == c ? "kept" : "driver");
                    ps.setObject(2, 1L);
                    ps.execute();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keysFound.add(keys.next());
                    }
                }
            }
            assertThat(keysFound).containsExactly(true, false);
        }
    }

    @Test
    void aRolledBackTransactionLeavesNothingAndReleasesTheWriteLock() throws Exception {
        await(db.execute("CREATE TABLE one (id TEXT PRIMARY KEY, n BIGINT NOT NULL)"));
        Future<Object> rolledBack = db.inTransaction(tx -> db.execute(tx, "INSERT INTO one (id, n) VALUES ($1, $2)", "a", 1L)
            .compose(rs -> db.execute(tx, "SELECT sum(n) AS s FROM one"))
            .compose(rs -> {
                assertThat(rs.iterator().next().getLong("s")).isEqualTo(1L); // the transaction reads its own write
                return Future.failedFuture(new IllegalStateException("roll back"));
            }));
        assertThat(rolledBack.transform(ar -> Future.succeededFuture(ar.failed())).await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sum()).isNull();
        await(db.inTransaction(tx -> db.execute(tx, "INSERT INTO one (id, n) VALUES ($1, $2)", "b", 2L)));
        assertThat(sum()).isEqualTo(2L);
    }

    @Test
    void afterSqliteRolledBackATransactionItselfLaterTransactionsStayAtomic() throws Exception {
        await(db.execute("CREATE TABLE big (k INTEGER PRIMARY KEY, v TEXT)"));
        long pages = await(db.execute("PRAGMA page_count")).iterator().next().getLong(0);
        await(db.execute("PRAGMA max_page_count = " + (pages + 10)));
        String filler = "x".repeat(3000);
        int full = 0;
        for (int i = 0; i < 40; i++) {
            int k = i;
            if (db.inTransaction(tx -> db.execute(tx, "INSERT INTO big (k, v) VALUES ($1, $2)", k, filler))
                .transform(ar -> Future.succeededFuture(ar.failed())).await(10, TimeUnit.SECONDS)) {
                full++;
            }
        }
        assertThat(full).as("transactions that hit SQLITE_FULL").isPositive();
        await(db.execute("PRAGMA max_page_count = 1000000"));
        for (int k = 100; k < 103; k++) {
            int key = k;
            assertThat(db.inTransaction(tx -> db.execute(tx, "INSERT INTO big (k, v) VALUES ($1, $2)", key, "y")
                .compose(rs -> Future.failedFuture(new IllegalStateException("roll back"))))
                .transform(ar -> Future.succeededFuture(ar.failed())).await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(await(db.execute("SELECT count(*) AS n FROM big WHERE k >= 100")).iterator().next().getLong("n")).isZero();
        await(db.inTransaction(tx -> db.execute(tx, "INSERT INTO big (k, v) VALUES ($1, $2)", 200, "z")));
        assertThat(await(db.execute("SELECT count(*) AS n FROM big WHERE k = 200")).iterator().next().getLong("n")).isEqualTo(1L);
    }

    @Test
    void moreStatementTextsThanAreKeptStillAnswerCorrectly() throws Exception {
        await(db.execute("CREATE TABLE one (id TEXT PRIMARY KEY, n BIGINT NOT NULL)"));
        await(db.execute("INSERT INTO one (id, n) VALUES ($1, $2)", "a", 10L));
        int texts = SqliteStatements.KEPT + 40;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < texts; i++) {
                Row row = await(db.execute("SELECT n + " + i + " AS v FROM one WHERE id = $1", "a")).iterator().next();
                assertThat(row.getLong("v")).isEqualTo(10L + i);
            }
        }
    }

    @Test
    void keptStatementsHoldNoReadSnapshotSoTheLogCanBeCheckpointed() throws Exception {
        await(db.execute("CREATE TABLE one (id TEXT PRIMARY KEY, n BIGINT NOT NULL)"));
        for (int i = 0; i < 50; i++) {
            await(db.execute("INSERT INTO one (id, n) VALUES ($1, $2)", "k" + i, (long) i));
            await(db.execute("SELECT id, n FROM one ORDER BY id"));
        }
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + Databases.sqliteFile(config.dataDir()));
             Statement s = other.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("checkpoint blocked by a reader").isZero();
        }
    }

    private Long sum() throws Exception {
        return await(db.execute("SELECT sum(n) AS s FROM one")).iterator().next().getLong("s");
    }

    /** Column names, then each value with its class, or the failure: what a module would see. */
    private static List<String> outcome(Database on, String sql, Object... params) {
        List<String> out = new ArrayList<>();
        try {
            RowSet<Row> rs = on.execute(sql, params).await(10, TimeUnit.SECONDS);
            out.add(String.valueOf(rs.columnsNames()));
            for (Row row : rs) {
                for (int i = 0; i < row.size(); i++) {
                    Object v = row.getValue(i);
                    String shown = v instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(v);
                    out.add(v == null ? "null" : v.getClass().getName() + ":" + shown);
                }
            }
        } catch (Exception e) {
            out.add("failed: " + e.getClass().getName());
        }
        return out;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }
}
