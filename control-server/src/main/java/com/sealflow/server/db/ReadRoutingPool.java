package com.sealflow.server.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;

/**
 * SQLite's pool as modules see it: connections (and so every transaction) come from the one writer; a plain
 * SELECT run on the pool itself, outside a transaction, goes to one of the readers. WAL lets readers run beside
 * the writer and each other, and a read that starts after a commit sees it.
 */
final class ReadRoutingPool implements Pool {

    private final Pool writer;
    private final Pool readers;

    ReadRoutingPool(Pool writer, Pool readers) {
        this.writer = writer;
        this.readers = readers;
    }

    private Pool target(String sql) {
        return Database.isPlainSelect(sql) ? readers : writer;
    }

    @Override
    public Future<SqlConnection> getConnection() {
        return writer.getConnection();
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
        return target(sql).query(sql);
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
        return target(sql).preparedQuery(sql);
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
        return target(sql).preparedQuery(sql, options);
    }

    @Override
    public int size() {
        return writer.size();
    }

    @Override
    public Future<Void> close() {
        return Future.join(readers.close(), writer.close()).mapEmpty();
    }
}
