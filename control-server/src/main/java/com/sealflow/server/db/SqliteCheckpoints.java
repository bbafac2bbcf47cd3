package com.sealflow.server.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's WAL checkpoints off the writer. By default the connection whose COMMIT takes the WAL past 1,000 pages copies
 * the WAL into the database file and syncs both files before that COMMIT returns: on the server's one writer, under
 * load about once a second, and every request queued for the writer waited for those syncs. Here the writer checkpoints
 * only past {@link #WRITER_FALLBACK_PAGES} (should this thread fall behind or fail), and a thread of its own, on a
 * connection of its own, runs a PASSIVE checkpoint every {@code everyMs}: that mode takes no lock the writer or the
 * readers wait for. A COMMIT is as durable as before: the WAL is the database's record either way.
 */
final class SqliteCheckpoints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpoints.class);

    /** The WAL's size, in pages, past which the writer checkpoints on its own after all. */
    static final int WRITER_FALLBACK_PAGES = 10_000;
    /** How often the checkpointing thread runs, unless told otherwise. */
    static final long EVERY_MS = 500;

    private final Connection connection;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sealflow-sqlite-checkpoint");
        t.setDaemon(true);
        return t;
    });

    private SqliteCheckpoints(Connection connection) {
        this.connection = connection;
    }

    /** Starts checkpointing the database of {@code dataSource} every {@code everyMs} on a connection of its own. */
    static SqliteCheckpoints start(DataSource dataSource, long everyMs) throws SQLException {
        SqliteCheckpoints checkpoints = new SqliteCheckpoints(dataSource.getConnection());
        checkpoints.thread.scheduleWithFixedDelay(checkpoints::runOnce, everyMs, everyMs, TimeUnit.MILLISECONDS);
        return checkpoints;
    }

    /** {@code writer}, made to leave checkpoints to this thread unless the WAL grows past the fallback. */
    static Connection leftToThem(Connection writer) throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint = " + WRITER_FALLBACK_PAGES);
        } catch (SQLException e) {
            writer.close();
            throw e;
        }
        return writer;
    }

    /** One PASSIVE checkpoint now; the WAL's pages and how many of them are in the database file after it. */
    long[] checkpoint() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
            return new long[] {rs.getLong(2), rs.getLong(3)};
        }
    }

    private void runOnce() {
        try {
            checkpoint();
        } catch (SQLException e) {
            LOG.warn("WAL checkpoint failed (the writer checkpoints past {} pages on its own)", WRITER_FALLBACK_PAGES, e);
        } catch (RuntimeException e) {
            LOG.warn("WAL checkpoint failed", e); // a thrown task would end the schedule
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.warn("closing the checkpoint connection failed", e);
        }
    }
}
