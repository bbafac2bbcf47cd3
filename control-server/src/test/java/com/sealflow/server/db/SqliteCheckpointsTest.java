package com.sealflow.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.VertxPerClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The WAL is checkpointed by a thread of its own, not by the writer's COMMITs: the writer lets the WAL grow past
 * SQLite's default 1,000 pages, the thread copies committed pages into the database file, and a commit stays readable
 * throughout.
 */
class SqliteCheckpointsTest extends VertxPerClass {

    /** Rows of about one page each: enough commits to pass SQLite's default threshold of 1,000 WAL pages. */
    private static final int ROWS = 1_300;

    @Test
    void theWriterLeavesCheckpointsToTheThread() throws Exception {
        long[] wal = walAfterCommits(true);
        assertThat(wal[0]).as("WAL pages: the writer did not checkpoint at 1,000").isGreaterThan(ROWS);
        assertThat(wal[1]).as("all of them copied by the one checkpoint asked for").isEqualTo(wal[0]);
    }

    @Test
    void aWriterLeftAsSqliteMadeItCheckpointsAtAThousandPages() throws Exception {
        // what the test above tells apart: SQLite's default, where the committing connection checkpoints and the WAL
        // starts again from its beginning
        long[] wal = walAfterCommits(false);
        assertThat(wal[0]).isLessThan(1_100);
    }

    @Test
    void theThreadCopiesCommitsIntoTheDatabaseFileAndTheyStayReadable() throws Exception {
        DatabaseConfig config = TestDatabases.sqliteConfig();
        Database db = Databases.open(vertx, config);
        try {
            db.execute("CREATE TABLE marks (id INTEGER PRIMARY KEY, note TEXT NOT NULL)").await(10, TimeUnit.SECONDS);
            db.execute("INSERT INTO marks (id, note) VALUES ($1, $2)", 1L, "committed").await(10, TimeUnit.SECONDS);
            Path file = Databases.sqliteFile(config.dataDir());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean inTheFile = false;
            while (!inTheFile && System.nanoTime() < deadline) {
                Thread.sleep(100);
                inTheFile = marksInTheFileAlone(file, config.dataDir().resolve("copy.db")) == 1;
            }
            assertThat(inTheFile).as("the row reached the database file, the WAL left aside").isTrue();
            assertThat(db.execute("SELECT note FROM marks WHERE id = $1", 1L).await(10, TimeUnit.SECONDS).iterator().next()
                .getString("note")).isEqualTo("committed");
        } finally {
            db.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** WAL pages and pages copied, from one PASSIVE checkpoint after ROWS commits of a writer (left to the thread or not). */
    private static long[] walAfterCommits(boolean leftToThread) throws Exception {
        DatabaseConfig config = TestDatabases.sqliteConfig();
        Databases.migrate(config);
        // a thread that never runs on its own here: the checkpoint is asked for once, below
        try (SqliteCheckpoints checkpoints = SqliteCheckpoints.start(Databases.dataSource(config), TimeUnit.HOURS.toMillis(1));
             Connection plain = SqliteStatements.open(Databases.dataSource(config));
             Connection writer = leftToThread ? SqliteCheckpoints.leftToThem(plain) : plain) {
            try (Statement s = writer.createStatement()) {
                s.execute("CREATE TABLE pages (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
            }
            String body = "x".repeat(3_000);
            for (int i = 0; i < ROWS; i++) {
                try (PreparedStatement p = writer.prepareStatement("INSERT INTO pages (id, body) VALUES (?, ?)")) {
                    p.setObject(1, (long) i);
                    p.setObject(2, body);
                    p.executeUpdate();
                }
            }
            return checkpoints.checkpoint();
        }
    }

    /** Rows of {@code marks} in a copy of the database file without its WAL: only what checkpoints copied there. */
    private static long marksInTheFileAlone(Path file, Path copy) throws Exception {
        Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'marks'")) {
            if (!rs.next() || rs.getLong(1) == 0) {
                return 0;
            }
            try (ResultSet n = s.executeQuery("SELECT count(*) FROM marks")) {
                return n.next() ? n.getLong(1) : 0;
            }
        }
    }
}
