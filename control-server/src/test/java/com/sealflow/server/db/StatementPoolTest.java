package com.sealflow.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.VertxPerClass;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, reads outside transactions have connections of their own: a burst of writers queued on a lock holds
 * every connection of the writers' pool, and a read still answers at once. Waits for connections are counted per pool
 * and per request.
 */
class StatementPoolTest extends VertxPerClass {

    @Test
    void readsAnswerWhileEveryTransactionConnectionWaitsOnALock() throws Exception {
        DatabaseConfig config = TestDatabases.postgresConfig();
        Database db = Databases.open(vertx, config);
        try (Connection holder = DriverManager.getConnection(config.url(), config.user(), config.password())) {
            db.execute("CREATE TABLE hot (id TEXT PRIMARY KEY, n BIGINT NOT NULL)").await(10, TimeUnit.SECONDS);
            db.execute("INSERT INTO hot (id, n) VALUES ($1, $2)", "h", 0L).await(10, TimeUnit.SECONDS);
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT n FROM hot WHERE id = 'h' FOR UPDATE");
            }
            int writers = config.maxPoolSize() + config.readPoolSize() + 4;
            List<Future<Void>> all = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                // transactions and single writing statements (a counter's upsert, a session's touch) alike
                all.add(i % 2 == 0 ? db.inTransaction(c -> db.execute(c, "UPDATE hot SET n = n + 1 WHERE id = $1", "h").mapEmpty())
                    : db.execute("UPDATE hot SET n = n + 1 WHERE id = $1", "h").mapEmpty());
            }
            // the writers now hold all 16 connections of their pool (the others wait for one), all queued on the row
            long t0 = System.nanoTime();
            long seen = db.execute("SELECT n FROM hot WHERE id = $1", "h").await(5, TimeUnit.SECONDS).iterator().next().getLong("n");
            long readMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(seen).isZero();
            assertThat(all).noneMatch(Future::isComplete);

            holder.commit();
            Future.all(all).await(30, TimeUnit.SECONDS);
            long n = db.execute("SELECT n FROM hot WHERE id = $1", "h").await(5, TimeUnit.SECONDS).iterator().next().getLong("n");
            assertThat(n).isEqualTo(writers);
            // the writers that found every connection taken waited at least as long as the read took; the table's creation
            // and first row were writes too, the two SELECTs the only reads
            assertThat(db.writeWaits().count()).isEqualTo(writers + 2);
            assertThat(db.writeWaits().maxNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(readMs));
            assertThat(db.readWaits().count()).isEqualTo(2);
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void plainSelectsAreReadsAndEverythingElseGoesWithTheWriters() {
        assertThat(Database.isRead("SELECT n FROM hot")).isTrue();
        assertThat(Database.isRead("  select n FROM hot")).isTrue();
        assertThat(Database.isRead("SELECT n FROM hot WHERE id = $1 FOR UPDATE")).isFalse();
        assertThat(Database.isRead("INSERT INTO hot (id, n) VALUES ($1, 1) ON CONFLICT (id) DO UPDATE SET n = hot.n + 1")).isFalse();
        assertThat(Database.isRead("WITH head AS (UPDATE audit_head SET seq = 1) SELECT 1")).isFalse();
        assertThat(Database.isRead("DELETE FROM hot")).isFalse();
    }

    @Test
    void aRequestsTallyAddsUpTheWaitsOfItsStatements() throws Exception {
        Database db = TestDatabases.open(vertx, Dialect.POSTGRES);
        try {
            ContextInternal request = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
            Promise<PoolWaits.Tally> tallied = Promise.promise();
            request.runOnContext(v -> {
                PoolWaits.Tally tally = PoolWaits.startTally();
                // a fresh pool: the first statement waits for its connection to be opened; then a transaction, then two
                // reads on one connection
                db.execute("SELECT 1").compose(x -> db.inTransaction(c -> db.execute(c, "SELECT 2")))
                    .compose(x -> db.reading(c -> db.execute(c, "SELECT 3").compose(y -> db.execute(c, "SELECT 4"))))
                    .onComplete(x -> tallied.complete(tally));
            });
            PoolWaits.Tally tally = tallied.future().await(10, TimeUnit.SECONDS);
            assertThat(tally).isNotNull();
            assertThat(tally.nanos()).isPositive();
            assertThat(tally.nanos()).isEqualTo(db.readWaits().nanos() + db.writeWaits().nanos());
            assertThat(tally.turns()).as("one read, one transaction, one connection for two reads").isEqualTo(3);

            Promise<PoolWaits.Tally> shared = Promise.promise();
            vertx.getOrCreateContext().runOnContext(v -> shared.complete(PoolWaits.startTally()));
            assertThat(shared.future().await(10, TimeUnit.SECONDS)).as("no tally on a context shared by requests").isNull();
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
        }
    }
}
