package com.sealflow.server.db;

import java.nio.file.Path;

/**
 * Where the server keeps its state. With no {@code url} the database is a SQLite file under the data
 * directory; otherwise {@code url} is a PostgreSQL JDBC URL ({@code jdbc:postgresql://host:5432/db}).
 * {@code maxPoolSize} connections serve writers (transactions and single writing statements); {@code readPoolSize}
 * more are kept apart for reads outside transactions ({@code 0}: they share the writers' pool). On SQLite the one writer
 * is the only connection that may write; its readers are query-only and, in WAL mode, neither wait for it nor block it.
 */
public record DatabaseConfig(String url, String user, String password, Path dataDir, int maxPoolSize, int readPoolSize) {

    /** SQLite's query-only connections for reads outside transactions, unless told otherwise. */
    public static final int SQLITE_READERS = 4;

    public static DatabaseConfig sqlite(Path dataDir) {
        // One writer: SQLite has one write lock, and JDBC calls from several writing connections would queue behind
        // a connection that waits for it. Reads in WAL mode need no lock, so they get connections of their own.
        return new DatabaseConfig(null, null, null, dataDir, 1, SQLITE_READERS);
    }

    public static DatabaseConfig postgres(String url, String user, String password) {
        return new DatabaseConfig(url, user, password, null, 16, 8);
    }

    /** The same database with {@code n} connections for reads outside transactions. */
    public DatabaseConfig withReadPoolSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the read pool needs at least one connection, not " + n);
        }
        return new DatabaseConfig(url, user, password, dataDir, maxPoolSize, n);
    }

    public Dialect dialect() {
        return url == null || url.isBlank() ? Dialect.SQLITE : Dialect.POSTGRES;
    }
}
