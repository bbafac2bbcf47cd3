package com.sealflow.server.db;

import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What one transaction has already read, for when it would read the same rows again: several listeners of one action
 * each read the request, say. A value is kept only while that transaction is open (forgotten when it commits or rolls
 * back, see {@link AfterCommit}) and only for a connection inside a transaction; outside one, nothing is kept and
 * {@link #get} finds nothing. The code that keeps a value must also keep it up to date when the same transaction
 * writes those rows (or {@link #forget} it). One transaction's statements run on one event loop, so no locking here.
 */
public final class TxMemo {

    private static final ConcurrentMap<SqlConnection, Memo> MEMOS = new ConcurrentHashMap<>();

    private record Memo(Object transaction, Map<Object, Object> values) {
    }

    private TxMemo() {
    }

    /** The value kept under {@code key} by the transaction open on {@code client}; null when none. */
    public static Object get(SqlClient client, Object key) {
        Memo memo = open(client, false);
        return memo == null ? null : memo.values().get(key);
    }

    /** Keeps {@code value} under {@code key} until the transaction open on {@code client} ends; nothing when none is open. */
    public static void put(SqlClient client, Object key, Object value) {
        Memo memo = open(client, true);
        if (memo != null) {
            memo.values().put(key, value);
        }
    }

    /** Forgets what is kept under {@code key} in the transaction open on {@code client}. */
    public static void forget(SqlClient client, Object key) {
        Memo memo = open(client, false);
        if (memo != null) {
            memo.values().remove(key);
        }
    }

    /** Whether anything is held for {@code connection} (for tests: nothing once its transaction ended). */
    static boolean holds(SqlConnection connection) {
        return MEMOS.containsKey(connection);
    }

    private static Memo open(SqlClient client, boolean create) {
        if (!(client instanceof SqlConnection c)) {
            return null;
        }
        Object transaction = AfterCommit.current(c);
        if (transaction == null) {
            return null;
        }
        Memo memo = MEMOS.get(c);
        if (memo != null && memo.transaction() == transaction) {
            return memo;
        }
        if (!create) {
            return null;
        }
        Memo fresh = new Memo(transaction, new HashMap<>());
        MEMOS.put(c, fresh);
        Runnable drop = () -> MEMOS.remove(c, fresh);
        AfterCommit.run(c, drop, drop);
        return fresh;
    }
}
