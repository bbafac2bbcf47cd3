package com.sealflow.server.db;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.impl.JDBCPoolImpl;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens the database named by a {@link DatabaseConfig} and brings its schema up to date. Blocking: call at start-up. */
public final class Databases {

    private Databases() {
    }

    public static Database open(Vertx vertx, DatabaseConfig config) {
        migrate(config);
        return connect(vertx, config);
    }

    /** Brings the schema up to date (Flyway). Blocking, needs no Vert.x: the server runs it beside Vert.x's start. */
    public static void migrate(DatabaseConfig config) {
        migrate(dataSource(config), config.dialect());
    }

    /** The pools on a database whose schema is already up to date ({@link #migrate(DatabaseConfig)}). */
    public static Database connect(Vertx vertx, DatabaseConfig config) {
        PoolOptions poolOptions = new PoolOptions().setMaxSize(config.maxPoolSize()).setName("sealflow-db");
        Pool pool = switch (config.dialect()) {
            case SQLITE -> sqlitePool(vertx, poolOptions, dataSource(config), false);
            case POSTGRES -> pgPool(vertx, poolOptions, config);
        };
        if (config.readPoolSize() == 0) {
            return new Database(pool, config.dialect());
        }
        // reads outside transactions get connections of their own: a burst of writers queued on a lock or a WAL flush
        // holds the writers' connections, never these. On SQLite (WAL mode) a read needs no lock: it sees the last
        // commit when its statement starts, neither waits for the writer nor holds it up.
        PoolOptions readOptions = new PoolOptions().setMaxSize(config.readPoolSize()).setName("sealflow-db-reads");
        Pool reads = switch (config.dialect()) {
            case SQLITE -> sqlitePool(vertx, readOptions, sqliteReaderSource(config), true);
            case POSTGRES -> pgPool(vertx, readOptions, config);
        };
        return new Database(reads, pool, config.dialect());
    }

    private static Pool pgPool(Vertx vertx, PoolOptions options, DatabaseConfig config) {
        return PgBuilder.pool().with(options).connectingTo(pgOptions(config)).using(vertx).build();
    }

    /** Kept statements and remembered column descriptions (SqliteStatements), decoded with the same results. */
    private static Pool sqlitePool(Vertx vertx, PoolOptions options, DataSource dataSource, boolean queryOnly) {
        return JDBCPoolImpl.newPool(vertx, new JDBCConnectOptions().setExtraConfig(new JsonObject()
                .put("decoderCls", SqliteDecoder.class.getName()).put("encoderCls", SqliteEncoder.class.getName())),
            options, () -> queryOnly ? SqliteStatements.openQueryOnly(dataSource) : SqliteStatements.open(dataSource));
    }

    private static PgConnectOptions pgOptions(DatabaseConfig config) {
        return PgConnectOptions.fromUri(config.url().substring("jdbc:".length()))
            .setUser(config.user())
            .setPassword(config.password())
            .setCachePreparedStatements(true);
    }

    static DataSource dataSource(DatabaseConfig config) {
        if (config.dialect() == Dialect.POSTGRES) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(config.url());
            ds.setUser(config.user());
            ds.setPassword(config.password());
            return ds;
        }
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL in WAL mode loses at most the last commits on power loss, never consistency; evidence
        // that must survive power loss is fsynced as files before it is acknowledged.
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(5000);
        sqlite.enforceForeignKeys(true);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(sqlite);
        ds.setUrl("jdbc:sqlite:" + sqliteFile(config.dataDir()));
        return ds;
    }

    /**
     * The readers' connections: the journal mode is the file's own (WAL, set by the writer), and each reader is made
     * query-only when opened. A reader waits on the busy timeout only while the WAL is being recovered or reset.
     */
    static DataSource sqliteReaderSource(DatabaseConfig config) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setBusyTimeout(5000);
        SQLiteDataSource ds = new SQLiteDataSource(sqlite);
        ds.setUrl("jdbc:sqlite:" + sqliteFile(config.dataDir()));
        return ds;
    }

    public static Path sqliteFile(Path dataDir) {
        return dataDir.resolve("sealflow.db");
    }

    static void migrate(DataSource dataSource, Dialect dialect) {
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration/common", dialect.migrationLocation())
            .failOnMissingLocations(false)
            // each module numbers its migrations in its own range (platform V1–V99, approval V100–V199 …), so a
            // module's new migration can have a lower number than one already applied by another module
            .outOfOrder(true)
            .load()
            .migrate();
    }
}
