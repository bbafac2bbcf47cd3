package com.sealflow.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.VertxPerClass;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On SQLite, reads outside transactions run on query-only connections beside the one writer (WAL mode): they answer
 * while the writer waits for the write lock, see every commit made before they start, never see a transaction's writes
 * before its commit, and hold no snapshot once they are done (a checkpoint can complete).
 */
class SqliteReadersTest extends VertxPerClass {

    private static final long S = 10;

    @Test
    void readsAnswerWhileTheWriterWaitsForTheWriteLock() throws Exception {
        DatabaseConfig config = TestDatabases.sqliteConfig();
        Database db = Databases.open(vertx, config);
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + Databases.sqliteFile(config.dataDir()))) {
            createHot(db);
            try (Statement s = holder.createStatement()) {
                // another process holds the write lock with an uncommitted change
                s.execute("BEGIN IMMEDIATE");
                s.execute("UPDATE hot SET n = 100 WHERE id = 'h'");
            }
            // the server's writer now waits on its busy timeout (5 s) for BEGIN IMMEDIATE, its connection taken
            Future<Void> writer = db.inTransaction(c -> db.execute(c, "UPDATE hot SET n = n + 1 WHERE id = $1", "h").mapEmpty());
            Thread.sleep(300);
            long t0 = System.nanoTime();
            long seen = n(db);
            long pageSeen = db.reading(c -> db.execute(c, "SELECT n FROM hot WHERE id = $1", "h")
                .compose(first -> db.execute(c, "SELECT count(*) AS k FROM hot").map(k -> first.iterator().next().getLong("n"))))
                .await(S, TimeUnit.SECONDS);
            long readMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(writer.isComplete()).as("the writer still waits for the lock").isFalse();
            assertThat(seen).isZero();
            assertThat(pageSeen).isZero();
            assertThat(readMs).as("reads did not queue behind the waiting writer").isLessThan(2_000);

            try (Statement s = holder.createStatement()) {
                s.execute("ROLLBACK");
            }
            writer.await(S, TimeUnit.SECONDS);
            assertThat(n(db)).isEqualTo(1L);
        } finally {
            db.close().await(S, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReaderSeesEveryCommitMadeBeforeItsRead() throws Exception {
        // one reader, so every read below runs on the same connection and its kept statements
        Database db = Databases.open(vertx, TestDatabases.sqliteConfig().withReadPoolSize(1));
        try {
            createHot(db);
            for (int i = 1; i <= 5; i++) {
                db.execute("UPDATE hot SET n = n + 1 WHERE id = $1", "h").await(S, TimeUnit.SECONDS);
                assertThat(n(db)).isEqualTo(2L * i - 1);
                db.inTransaction(c -> db.execute(c, "UPDATE hot SET n = n + 1 WHERE id = $1", "h").mapEmpty())
                    .await(S, TimeUnit.SECONDS);
                long expected = 2L * i;
                assertThat(db.reading(c -> db.execute(c, "SELECT n FROM hot WHERE id = $1", "h")
                    .map(rs -> rs.iterator().next().getLong("n"))).await(S, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            db.close().await(S, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWriteAfterATransactionCommitsOnItsOwnAndTheWriterHoldsNoLock() throws Exception {
        DatabaseConfig config = TestDatabases.sqliteConfig();
        Database db = Databases.open(vertx, config);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + Databases.sqliteFile(config.dataDir()))) {
            createHot(db);
            db.inTransaction(c -> db.execute(c, "UPDATE hot SET n = 1 WHERE id = $1", "h").mapEmpty()).await(S, TimeUnit.SECONDS);
            db.execute("UPDATE hot SET n = 2 WHERE id = $1", "h").await(S, TimeUnit.SECONDS);
            assertThat(nOf(other)).as("another process sees the single write once it returned").isEqualTo(2L);
            Future<Void> rolledBack = db.inTransaction(c -> db.execute(c, "UPDATE hot SET n = 3 WHERE id = $1", "h")
                .compose(x -> Future.<Void>failedFuture(new IllegalStateException("roll back"))));
            assertThatThrownBy(() -> rolledBack.await(S, TimeUnit.SECONDS)).hasMessageContaining("roll back");
            db.execute("UPDATE hot SET n = n + 10 WHERE id = $1", "h").await(S, TimeUnit.SECONDS);
            assertThat(nOf(other)).as("the rolled-back write is gone, the next one committed").isEqualTo(12L);
            try (Statement s = other.createStatement()) {
                // busy timeout 0: fails at once if the server's writer still held the write lock between transactions
                s.execute("BEGIN IMMEDIATE");
                s.execute("ROLLBACK");
            }
        } finally {
            db.close().await(S, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTransactionsWritesAreSeenOutsideItOnlyAfterItsCommit() throws Exception {
        Database db = Databases.open(vertx, TestDatabases.sqliteConfig());
        try {
            createHot(db);
            long[] inside = new long[2];
            db.inTransaction(c -> db.execute(c, "UPDATE hot SET n = 7 WHERE id = $1", "h")
                .compose(x -> db.execute(c, "SELECT n FROM hot WHERE id = $1", "h"))
                .compose(mine -> {
                    inside[0] = mine.iterator().next().getLong("n");
                    return db.execute(db.pool(), "SELECT n FROM hot WHERE id = $1", "h");
                })
                .map(outside -> {
                    inside[1] = outside.iterator().next().getLong("n");
                    return null;
                })).await(S, TimeUnit.SECONDS);
            assertThat(inside[0]).as("the transaction reads its own write").isEqualTo(7L);
            assertThat(inside[1]).as("a read outside it does not, before the commit").isZero();
            assertThat(n(db)).isEqualTo(7L);

            Future<Void> rolledBack = db.inTransaction(c -> db.execute(c, "UPDATE hot SET n = 8 WHERE id = $1", "h")
                .compose(x -> Future.<Void>failedFuture(new IllegalStateException("roll back"))));
            assertThatThrownBy(() -> rolledBack.await(S, TimeUnit.SECONDS)).hasMessageContaining("roll back");
            assertThat(n(db)).isEqualTo(7L);
        } finally {
            db.close().await(S, TimeUnit.SECONDS);
        }
    }

    @Test
    void readersRefuseWritesAndWritesHandedToThePoolGoToTheWriter() throws Exception {
        Database db = Databases.open(vertx, TestDatabases.sqliteConfig());
        try {
            createHot(db);
            Future<Object> onReader = db.reading(c -> c.preparedQuery("UPDATE hot SET n = 5 WHERE id = 'h'").execute().map(x -> null));
            assertThatThrownBy(() -> onReader.await(S, TimeUnit.SECONDS)).hasMessageContaining("readonly");
            db.query(db.pool(), "UPDATE hot SET n = n + 1 WHERE id = $1").execute(io.vertx.sqlclient.Tuple.of("h"))
                .await(S, TimeUnit.SECONDS);
            db.execute(db.pool(), "UPDATE hot SET n = n + 1 WHERE id = $1", "h").await(S, TimeUnit.SECONDS);
            assertThat(n(db)).isEqualTo(2L);
        } finally {
            db.close().await(S, TimeUnit.SECONDS);
        }
    }

    @Test
    void finishedReadsHoldNoSnapshotSoACheckpointCompletes() throws Exception {
        DatabaseConfig config = TestDatabases.sqliteConfig();
        Database db = Databases.open(vertx, config);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + Databases.sqliteFile(config.dataDir()))) {
            createHot(db);
            for (int i = 0; i < 20; i++) {
                db.execute("INSERT INTO hot (id, n) VALUES ($1, $2)", "r" + i, (long) i).await(S, TimeUnit.SECONDS);
                assertThat(n(db)).isZero();
                db.execute("SELECT id, n FROM hot ORDER BY id").await(S, TimeUnit.SECONDS);
            }
            try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("busy: a connection still held a snapshot").isZero();
                assertThat(rs.getInt(2)).as("frames left in the WAL").isZero();
            }
            assertThat(n(db)).isZero();
        } finally {
            db.close().await(S, TimeUnit.SECONDS);
        }
    }

    private static void createHot(Database db) throws Exception {
        db.execute("CREATE TABLE hot (id TEXT PRIMARY KEY, n BIGINT NOT NULL)").await(S, TimeUnit.SECONDS);
        db.execute("INSERT INTO hot (id, n) VALUES ($1, $2)", "h", 0L).await(S, TimeUnit.SECONDS);
    }

    private static long nOf(Connection other) throws Exception {
        try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("SELECT n FROM hot WHERE id = 'h'")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static long n(Database db) throws Exception {
        return db.execute("SELECT n FROM hot WHERE id = $1", "h").await(S, TimeUnit.SECONDS).iterator().next().getLong("n");
    }
}
