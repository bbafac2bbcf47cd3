package com.sealflow.server.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's only state: a {@link Pool} plus the dialect it speaks. Modules write SQL once with
 * PostgreSQL-style {@code $1} placeholders; for SQLite they are rewritten to {@code ?} (parameters are
 * always used in ascending order, which the rewrite checks).
 */
public final class Database {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");

    private final Pool pool;
    private final Dialect dialect;
    private final ConcurrentMap<String, String> translated = new ConcurrentHashMap<>();
    /** Work that waits for the end of a transaction, per transaction's connection, in the order it was first asked for. */
    private final ConcurrentMap<SqlConnection, Map<Object, BeforeCommit>> beforeCommit = new ConcurrentHashMap<>();

    /** A step run once at the end of a transaction, after its work and right before COMMIT; failing it rolls back. */
    public interface BeforeCommit {
        Future<Void> run();

        /** Steps run by ascending order, then in the order they were first asked for. */
        default int order() {
            return 0;
        }
    }

    public Database(Pool pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    public Pool pool() {
        return pool;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** A prepared query on the pool (autocommit). */
    public PreparedQuery<RowSet<Row>> query(String sql) {
        return pool.preparedQuery(sql(sql));
    }

    /** A prepared query on a connection, typically inside {@link #inTransaction}. */
    public PreparedQuery<RowSet<Row>> query(SqlClient client, String sql) {
        return client.preparedQuery(sql(sql));
    }

    public Future<RowSet<Row>> execute(String sql, Object... params) {
        return query(sql).execute(Tuple.wrap(params));
    }

    public Future<RowSet<Row>> execute(SqlClient client, String sql, Object... params) {
        return query(client, sql).execute(Tuple.wrap(params));
    }

    /**
     * One short transaction. On SQLite every transaction starts IMMEDIATE (see {@link Databases}), so two
     * writers queue on the busy timeout instead of failing on a read-to-write lock upgrade.
     */
    public <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
        return pool.withTransaction(conn -> {
            Future<T> done;
            try {
                done = work.apply(conn);
            } catch (RuntimeException e) {
                done = Future.failedFuture(e);
            }
            return done.compose(r -> runBeforeCommit(conn).map(r)).onFailure(e -> discardBeforeCommit(conn));
        });
    }

    /**
     * The step registered under {@code key} for the transaction on {@code tx}, made by {@code create} the first time:
     * for writes that should lock shared rows only at the very end of a transaction (the audit chain's head). Every
     * transaction of the server ({@link #inTransaction}, the approval engine's) runs the steps before its COMMIT.
     */
    public BeforeCommit beforeCommit(SqlConnection tx, Object key, Supplier<BeforeCommit> create) {
        return beforeCommit.computeIfAbsent(tx, c -> new LinkedHashMap<>()).computeIfAbsent(key, k -> create.get());
    }

    /** Runs the transaction's registered steps one after another (for transaction code that does its own COMMIT). */
    public Future<Void> runBeforeCommit(SqlConnection tx) {
        Map<Object, BeforeCommit> steps = beforeCommit.remove(tx);
        Future<Void> all = Future.succeededFuture();
        if (steps != null) {
            List<BeforeCommit> ordered = new ArrayList<>(steps.values());
            ordered.sort(Comparator.comparingInt(BeforeCommit::order));
            for (BeforeCommit step : ordered) {
                all = all.compose(v -> step.run());
            }
        }
        return all;
    }

    /** Forgets the steps of a transaction that rolls back. */
    public void discardBeforeCommit(SqlConnection tx) {
        beforeCommit.remove(tx);
    }

    /**
     * Suffix for a SELECT that locks the rows it reads until the transaction ends: {@code FOR UPDATE} on
     * PostgreSQL; nothing on SQLite, where an IMMEDIATE transaction already holds the database's write lock.
     */
    public String forUpdate() {
        return dialect == Dialect.POSTGRES ? " FOR UPDATE" : "";
    }

    /**
     * As {@link #forUpdate}, but rows another transaction holds are left out instead of waited for ({@code FOR UPDATE
     * SKIP LOCKED} on PostgreSQL): for claiming work that any node may do. SQLite has one writer, so nothing to skip.
     */
    public String forUpdateSkipLocked() {
        return dialect == Dialect.POSTGRES ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /** The statement in this dialect's placeholder syntax. */
    public String sql(String sql) {
        if (dialect == Dialect.POSTGRES) {
            return sql;
        }
        return translated.computeIfAbsent(sql, Database::toQuestionMarks);
    }

    static String toQuestionMarks(String sql) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length());
        int expected = 1;
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n != expected) {
                throw new IllegalArgumentException("placeholders must appear once each in order $1, $2, ...: " + sql);
            }
            expected++;
            m.appendReplacement(out, "?");
        }
        m.appendTail(out);
        return out.toString();
    }

    public Future<Void> close() {
        return pool.close();
    }
}
