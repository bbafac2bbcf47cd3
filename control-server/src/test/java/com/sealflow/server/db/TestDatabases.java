package com.sealflow.server.db;

import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, migrated databases for tests: a SQLite file in a temp dir, or a new database on one embedded
 * PostgreSQL server (real binaries from Maven Central) shared by the whole test JVM.
 */
public final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    public static Database open(Vertx vertx, Dialect dialect) {
        return Databases.open(vertx, config(dialect));
    }

    public static DatabaseConfig config(Dialect dialect) {
        return dialect == Dialect.SQLITE ? sqliteConfig() : postgresConfig();
    }

    public static DatabaseConfig sqliteConfig() {
        try {
            return DatabaseConfig.sqlite(Files.createTempDirectory("sealflow-test-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new empty database on the shared embedded server; the caller's schema starts from nothing. */
    public static synchronized DatabaseConfig postgresConfig() {
        EmbeddedPostgres pg = server();
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return DatabaseConfig.postgres(pg.getJdbcUrl("postgres", name), "postgres", "postgres");
    }

    private static EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(Path.of(System.getProperty("java.io.tmpdir"), "sealflow-pg").toFile())
                    .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temp cluster is removed with it
                }
            }));
        }
        return postgres;
    }
}
