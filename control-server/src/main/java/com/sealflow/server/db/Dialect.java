package com.sealflow.server.db;

/** The two databases the server runs on. SQL is written once with {@code $1}-style placeholders. */
public enum Dialect {
    SQLITE,
    POSTGRES;

    /** Flyway location holding migrations that only this dialect needs (e.g. partial indexes, types). */
    public String migrationLocation() {
        return this == SQLITE ? "classpath:db/migration/sqlite" : "classpath:db/migration/postgresql";
    }
}
