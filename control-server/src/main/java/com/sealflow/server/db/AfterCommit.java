package com.sealflow.server.db;

import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that must wait until a transaction has committed (publishing a device command, kicking the notification
 * outbox, a live event to a browser), and never run if it rolls back (optionally, other work runs then instead).
 * Transactions begun through Vert.x ({@link Database#inTransaction}) carry a {@link Transaction}; the approval
 * engine's pipelined transactions send BEGIN and COMMIT themselves and announce them here with {@link #begun} and
 * {@link #ended}. Outside any transaction the work runs at once.
 */
public final class AfterCommit {

    private static final Logger LOG = LoggerFactory.getLogger(AfterCommit.class);
    private static final ConcurrentMap<SqlConnection, List<Outcome>> WAITING = new ConcurrentHashMap<>();

    /** What to run when the transaction ends: one of the two, never both. */
    private record Outcome(Runnable committed, Runnable rolledBack) {
    }

    private AfterCommit() {
    }

    /** Runs {@code action} when the transaction on {@code tx} has committed; at once when there is none. */
    public static void run(SqlConnection tx, Runnable action) {
        run(tx, action, () -> { });
    }

    /**
     * Runs {@code committed} when the transaction on {@code tx} has committed, or {@code rolledBack} when it has
     * not (rolled back, or its COMMIT failed); {@code committed} at once when there is no transaction.
     */
    public static void run(SqlConnection tx, Runnable committed, Runnable rolledBack) {
        Transaction t = tx == null ? null : tx.transaction();
        if (t != null) {
            t.completion().onComplete(ar -> safely(ar.succeeded() ? committed : rolledBack));
            return;
        }
        List<Outcome> waiting = tx == null ? null : WAITING.get(tx);
        if (waiting != null) {
            waiting.add(new Outcome(committed, rolledBack));
        } else {
            committed.run();
        }
    }

    /**
     * What identifies the transaction open on {@code tx} right now (its {@link Transaction}, or the waiting list of a
     * transaction that sent its own BEGIN), or null when none is open: two different transactions never share one.
     */
    static Object current(SqlConnection tx) {
        Transaction t = tx.transaction();
        return t != null ? t : WAITING.get(tx);
    }

    /** A transaction that sends its own BEGIN has begun on {@code tx}. */
    public static void begun(SqlConnection tx) {
        WAITING.put(tx, new CopyOnWriteArrayList<>());
    }

    /** That transaction has ended: its waiting work runs if it committed, its rollback work if it did not. */
    public static void ended(SqlConnection tx, boolean committed) {
        List<Outcome> waiting = WAITING.remove(tx);
        if (waiting == null) {
            return;
        }
        for (Outcome outcome : waiting) {
            safely(committed ? outcome.committed() : outcome.rolledBack());
        }
    }

    private static void safely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("work after a transaction ended failed", e);
        }
    }
}
