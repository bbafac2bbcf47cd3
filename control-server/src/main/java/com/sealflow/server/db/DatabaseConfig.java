package com.sealflow.server.db;

import java.nio.file.Path;

/**
 * Where the server keeps its state. With no {@code url} the database is a SQLite file under the data
 * directory; otherwise {@code url} is a PostgreSQL JDBC URL ({@code jdbc:postgresql://host:5432/db}).
 */
public record DatabaseConfig(String url, String user, String password, Path dataDir, int maxPoolSize) {

    public static DatabaseConfig sqlite(Path dataDir) {
        // One connection: SQLite has one writer, and JDBC calls from several pooled connections can queue
        // behind a connection that waits for the write lock. PostgreSQL is the choice for concurrency.
        return new DatabaseConfig(null, null, null, dataDir, 1);
    }

    public static DatabaseConfig postgres(String url, String user, String password) {
        return new DatabaseConfig(url, user, password, null, 16);
    }

    /**
     * Connections kept apart for reads outside transactions (PostgreSQL; {@code 0}: they share the one pool), beside the
     * {@code maxPoolSize} of writers (transactions and single writing statements).
     */
    public int readPoolSize() {
        return dialect() == Dialect.POSTGRES ? Math.max(2, maxPoolSize / 2) : 0;
    }

    public Dialect dialect() {
        return url == null || url.isBlank() ? Dialect.SQLITE : Dialect.POSTGRES;
    }
}
