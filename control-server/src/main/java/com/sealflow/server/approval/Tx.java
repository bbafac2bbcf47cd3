package com.sealflow.server.approval;

import com.sealflow.server.db.AfterCommit;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One action's transaction. On PostgreSQL the statements of a transaction are pipelined on its connection: BEGIN
 * travels with the first reads, and the writes travel with COMMIT, so an action costs two round trips however many
 * statements it issues. The server runs them in order; a failed write aborts the transaction, COMMIT then rolls it
 * back, and the action fails with the write's error. On SQLite (one writer, no network) statements run one after
 * another inside {@link Database#inTransaction}.
 */
final class Tx {

    /** The connection of the running transaction. */
    final SqlConnection c;
    final boolean pipelined;
    private final List<Future<?>> inFlight = new ArrayList<>();

    private Tx(SqlConnection c, boolean pipelined) {
        this.c = c;
        this.pipelined = pipelined;
    }

    /**
     * A write whose result nobody reads: pipelined, it is sent now and checked at commit (the returned future is
     * already complete); otherwise the returned future completes when the statement did.
     */
    Future<Void> write(Supplier<Future<?>> statement) {
        if (!pipelined) {
            return statement.get().mapEmpty();
        }
        inFlight.add(statement.get());
        return Future.succeededFuture();
    }

    static <T> Future<T> run(Database db, Function<Tx, Future<T>> work) {
        if (db.dialect() != Dialect.POSTGRES) {
            return db.inTransaction(c -> {
                Tx tx = new Tx(c, false);
                return work.apply(tx);
            });
        }
        return db.transactionConnection().compose(conn -> {
            Tx tx = new Tx(conn, true);
            tx.inFlight.add(conn.query("BEGIN").execute());
            AfterCommit.begun(conn);
            Future<T> decided;
            try {
                decided = work.apply(tx);
            } catch (RuntimeException e) {
                decided = Future.failedFuture(e);
            }
            return decided.compose(r -> db.runBeforeCommit(conn).map(r))
                .transform(ar -> ar.succeeded() ? tx.commit(ar.result()) : tx.rollback(ar.cause()))
                .onComplete(x -> {
                    db.discardBeforeCommit(conn);
                    AfterCommit.ended(conn, x.succeeded());
                    conn.close();
                });
        });
    }

    private <T> Future<T> commit(T result) {
        List<Future<?>> all = new ArrayList<>(inFlight);
        all.add(c.query("COMMIT").execute());
        // wait for every answer, then report the first failure in the order the statements were sent
        return Future.join(all).transform(x -> {
            for (Future<?> f : all) {
                if (f.failed()) {
                    return Future.failedFuture(f.cause());
                }
            }
            return Future.succeededFuture(result);
        });
    }

    /** Rolls back; the action fails with the first failed write if there is one (what aborted the transaction). */
    private <T> Future<T> rollback(Throwable cause) {
        Future<?> rolledBack = c.query("ROLLBACK").execute();
        List<Future<?>> all = new ArrayList<>(inFlight);
        all.add(rolledBack);
        return Future.join(all).transform(x -> {
            for (Future<?> f : inFlight) {
                if (f.failed()) {
                    return Future.failedFuture(f.cause());
                }
            }
            return Future.failedFuture(cause);
        });
    }
}
