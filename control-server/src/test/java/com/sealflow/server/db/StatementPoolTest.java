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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, statements outside transactions have connections of their own: a burst of transactions queued on a
 * lock holds every connection of the transactions' pool, and a read still answers at once. Waits for connections are
 * counted per pool and per request.
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
            int writers = config.maxPoolSize() + 4;
            List<Future<Void>> all = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                all.add(db.inTransaction(c -> db.execute(c, "UPDATE hot SET n = n + 1 WHERE id = $1", "h").mapEmpty()));
            }
            // the writers now hold all 16 connections of their pool (4 more wait for one), all queued on the row
            long t0 = System.nanoTime();
            long seen = db.execute("SELECT n FROM hot WHERE id = $1", "h").await(5, TimeUnit.SECONDS).iterator().next().getLong("n");
            long readMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(seen).isZero();
            assertThat(readMs).isLessThan(2_000);
            assertThat(all).noneMatch(Future::isComplete);

            holder.commit();
            Future.all(all).await(30, TimeUnit.SECONDS);
            long n = db.execute("SELECT n FROM hot WHERE id = $1", "h").await(5, TimeUnit.SECONDS).iterator().next().getLong("n");
            assertThat(n).isEqualTo(writers);
            // the four that found every connection taken waited at least as long as the lock was held
            assertThat(db.transactionWaits().count()).isEqualTo(writers);
            assertThat(db.transactionWaits().maxNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(readMs));
            assertThat(db.statementWaits().count()).isGreaterThanOrEqualTo(4);
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRequestsTallyAddsUpTheWaitsOfItsStatements() throws Exception {
        Database db = TestDatabases.open(vertx, Dialect.POSTGRES);
        try {
            ContextInternal request = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
            Promise<AtomicLong> tallied = Promise.promise();
            request.runOnContext(v -> {
                AtomicLong tally = PoolWaits.startTally();
                // a fresh pool: the first statement waits for its connection to be opened
                db.execute("SELECT 1").compose(x -> db.inTransaction(c -> db.execute(c, "SELECT 2")))
                    .onComplete(x -> tallied.complete(tally));
            });
            AtomicLong tally = tallied.future().await(10, TimeUnit.SECONDS);
            assertThat(tally).isNotNull();
            assertThat(tally.get()).isPositive();
            assertThat(tally.get()).isLessThanOrEqualTo(db.statementWaits().nanos() + db.transactionWaits().nanos());

            Promise<AtomicLong> shared = Promise.promise();
            vertx.getOrCreateContext().runOnContext(v -> shared.complete(PoolWaits.startTally()));
            assertThat(shared.future().await(10, TimeUnit.SECONDS)).as("no tally on a context shared by requests").isNull();
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
        }
    }
}
