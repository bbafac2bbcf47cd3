package com.sealflow.server.device;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.AfterCommit;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Work registered for "after commit" never runs before the commit, and never after a rollback. */
class AfterCommitTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void runsOnlyAfterTheCommit(Dialect dialect) throws Exception {
        Vertx vertx = Vertx.vertx();
        Database db = TestDatabases.open(vertx, dialect);
        try {
            List<String> seen = new CopyOnWriteArrayList<>();
            await(db.inTransaction(tx -> {
                assertThat(tx.transaction()).isNotNull();
                CommandWriter.afterCommit(tx, () -> seen.add("after"));
                return db.execute(tx, "SELECT 1").map(v -> {
                    seen.add("inside");
                    return null;
                });
            }));
            Thread.sleep(100);
            assertThat(seen).containsExactly("inside", "after");
            seen.clear();
            try {
                await(db.inTransaction(tx -> {
                    CommandWriter.afterCommit(tx, () -> seen.add("after"));
                    return Future.failedFuture(new IllegalStateException("roll back"));
                }));
            } catch (IllegalStateException expected) {
                // rolled back
            }
            Thread.sleep(100);
            assertThat(seen).isEmpty();
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void rollbackWorkRunsInsteadWhenTheTransactionDoesNotCommit(Dialect dialect) throws Exception {
        Vertx vertx = Vertx.vertx();
        Database db = TestDatabases.open(vertx, dialect);
        try {
            List<String> seen = new CopyOnWriteArrayList<>();
            await(db.inTransaction(tx -> {
                AfterCommit.run(tx, () -> seen.add("committed"), () -> seen.add("rolled back"));
                return db.execute(tx, "SELECT 1");
            }));
            try {
                await(db.inTransaction(tx -> {
                    AfterCommit.run(tx, () -> seen.add("committed"), () -> seen.add("rolled back"));
                    return Future.failedFuture(new IllegalStateException("roll back"));
                }));
            } catch (IllegalStateException expected) {
                // rolled back
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (seen.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(seen).containsExactly("committed", "rolled back");

            // a transaction that sends its own BEGIN and COMMIT announces its end instead
            seen.clear();
            SqlConnection conn = await(db.transactionConnection());
            try {
                AfterCommit.begun(conn);
                AfterCommit.run(conn, () -> seen.add("committed"), () -> seen.add("rolled back"));
                assertThat(seen).isEmpty();
                AfterCommit.ended(conn, false);
                AfterCommit.begun(conn);
                AfterCommit.run(conn, () -> seen.add("committed"), () -> seen.add("rolled back"));
                AfterCommit.ended(conn, true);
            } finally {
                conn.close();
            }
            assertThat(seen).containsExactly("rolled back", "committed");
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
