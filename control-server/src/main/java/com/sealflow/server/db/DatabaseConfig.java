package com.sealflow.server.db;

import java.nio.file.Path;

/**
 * Where the server keeps its state. With no {@code url} the database is a SQLite file under the data
 * directory; otherwise {@code url} is a PostgreSQL JDBC URL ({@code jdbc:postgresql://host:5432/db}).
 * {@code maxPoolSize} connections serve writers (transactions and single writing statements); on PostgreSQL
 * {@code readPoolSize} more are kept apart for reads outside transactions ({@code 0}: they share the one pool, as on SQLite).
 */
public record DatabaseConfig(String url, String user, String password, Path dataDir, int maxPoolSize, int readPoolSize) {

    public static DatabaseConfig sqlite(Path dataDir) {
        // One connection: SQLite has one writer, and JDBC calls from several pooled connections can queue
        // behind a connection that waits for the write lock. PostgreSQL is the choice for concurrency.
        return new DatabaseConfig(null, null, null, dataDir, 1, 0);
    }

    public static DatabaseConfig postgres(String url, String user, String password) {
        return new DatabaseConfig(url, user, password, null, 16, 8);
    }

    /** The same database with {@code n} connections for reads (PostgreSQL only: SQLite keeps its one connection). */
    public DatabaseConfig withReadPoolSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the read pool needs at least one connection, not " + n);
        }
        return dialect() == Dialect.POSTGRES ? new DatabaseConfig(url, user, password, dataDir, maxPoolSize, n) : this;
    }

    public Dialect dialect() {
        return url == null || url.isBlank() ? Dialect.SQLITE : Dialect.POSTGRES;
    }
}
