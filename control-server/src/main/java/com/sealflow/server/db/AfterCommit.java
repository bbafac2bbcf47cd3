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
 * outbox, a live event to a browser), and never run if it rolls back. Transactions begun through Vert.x
 * ({@link Database#inTransaction}) carry a {@link Transaction}; the approval engine's pipelined transactions send BEGIN
 * and COMMIT themselves and announce them here with {@link #begun} and {@link #ended}. Outside any transaction the
 * work runs at once.
 */
public final class AfterCommit {

    private static final Logger LOG = LoggerFactory.getLogger(AfterCommit.class);
    private static final ConcurrentMap<SqlConnection, List<Runnable>> WAITING = new ConcurrentHashMap<>();

    private AfterCommit() {
    }

    /** Runs {@code action} when the transaction on {@code tx} has committed; at once when there is none. */
    public static void run(SqlConnection tx, Runnable action) {
        Transaction t = tx == null ? null : tx.transaction();
        if (t != null) {
            t.completion().onSuccess(v -> action.run());
            return;
        }
        List<Runnable> waiting = tx == null ? null : WAITING.get(tx);
        if (waiting != null) {
            waiting.add(action);
        } else {
            action.run();
        }
    }

    /** A transaction that sends its own BEGIN has begun on {@code tx}. */
    public static void begun(SqlConnection tx) {
        WAITING.put(tx, new CopyOnWriteArrayList<>());
    }

    /** That transaction has ended: its waiting work runs if it committed, and is dropped if it rolled back. */
    public static void ended(SqlConnection tx, boolean committed) {
        List<Runnable> waiting = WAITING.remove(tx);
        if (!committed || waiting == null) {
            return;
        }
        for (Runnable action : waiting) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("work after a commit failed", e);
            }
        }
    }
}
