package com.sealflow.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a transaction keeps lasts exactly as long as that transaction, on either kind of transaction. */
class TxMemoTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void keptInsideItsTransactionOnlyAndForgottenWhenItCommitsOrRollsBack(Dialect dialect) throws Exception {
        Database db = TestDatabases.open(vertx, dialect);
        try {
            SqlConnection[] seen = new SqlConnection[1];
            String inside = await(db.inTransaction(tx -> {
                seen[0] = tx;
                assertThat(TxMemo.get(tx, "k")).isNull();
                TxMemo.put(tx, "k", "v1");
                TxMemo.put(tx, "k", "v2");
                return db.execute(tx, "SELECT 1").map(rs -> (String) TxMemo.get(tx, "k"));
            }));
            assertThat(inside).isEqualTo("v2");
            assertThat(TxMemo.get(seen[0], "k")).as("after commit").isNull();
            assertThat(TxMemo.holds(seen[0])).isFalse();
            // the next transaction (on SQLite the same one connection) starts with nothing kept
            assertThat(TxMemoTest.<Boolean>await(db.inTransaction(tx -> Future.succeededFuture(TxMemo.get(tx, "k") == null)))).isTrue();

            assertThatThrownBy(() -> await(db.inTransaction(tx -> {
                seen[0] = tx;
                TxMemo.put(tx, "k", "doomed");
                return Future.failedFuture(new IllegalStateException("roll back"));
            }))).hasMessageContaining("roll back");
            assertThat(TxMemo.get(seen[0], "k")).as("after rollback").isNull();
            assertThat(TxMemo.holds(seen[0])).isFalse();
            assertThat(TxMemoTest.<Boolean>await(db.inTransaction(tx -> {
                TxMemo.put(tx, "k", "v");
                TxMemo.forget(tx, "k");
                return Future.succeededFuture(TxMemo.get(tx, "k") == null);
            }))).isTrue();
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void nothingIsKeptOutsideATransaction(Dialect dialect) throws Exception {
        Database db = TestDatabases.open(vertx, dialect);
        try {
            assertThat(TxMemoTest.<Boolean>await(db.reading(c -> {
                TxMemo.put(c, "k", "v");
                return Future.succeededFuture(TxMemo.get(c, "k") == null && !TxMemo.holds(c));
            }))).isTrue();
            TxMemo.put(db.pool(), "k", "v");
            assertThat(TxMemo.get(db.pool(), "k")).isNull();
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** The approval engine's PostgreSQL transactions send BEGIN and COMMIT themselves and announce them to AfterCommit. */
    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = "POSTGRES")
    void aTransactionThatSendsItsOwnBeginKeepsUntilItEnds(Dialect dialect) throws Exception {
        Database db = TestDatabases.open(vertx, dialect);
        try {
            SqlConnection c = await(db.transactionConnection());
            try {
                await(c.query("BEGIN").execute());
                TxMemo.put(c, "k", "before");
                assertThat(TxMemo.get(c, "k")).as("not announced: no transaction known").isNull();
                AfterCommit.begun(c);
                TxMemo.put(c, "k", "v");
                assertThat(TxMemo.get(c, "k")).isEqualTo("v");
                await(c.query("COMMIT").execute());
                AfterCommit.ended(c, true);
                assertThat(TxMemo.get(c, "k")).isNull();
                assertThat(TxMemo.holds(c)).isFalse();
                AfterCommit.begun(c);
                assertThat(TxMemo.get(c, "k")).as("a later transaction on the same connection").isNull();
                AfterCommit.ended(c, false);
                assertThat(TxMemo.holds(c)).isFalse();
            } finally {
                c.close().await(10, TimeUnit.SECONDS);
            }
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
