package com.sealflow.server.reliability;

import com.sealflow.server.db.DatabaseConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded PostgreSQL of its own (not the JVM-wide one of {@code TestDatabases}) on a fixed port and data
 * directory, so that a test can crash it — every PostgreSQL process SIGKILLed, as a power cut or OOM kill would —
 * and start it again on the same data, where it recovers from its write-ahead log.
 */
final class StandalonePostgres implements AutoCloseable {

    private final Path dir;
    private final int port;
    private volatile EmbeddedPostgres pg;

    private StandalonePostgres(Path dir, int port) throws IOException {
        this.dir = dir;
        this.port = port;
        this.pg = boot();
    }

    /**
     * A port below the kernel's ephemeral range (32768 and up here): one taken by bind(0) was reused as the local port
     * of some outgoing connection before PostgreSQL bound it (a busy machine), and the restart needs the same port.
     */
    static StandalonePostgres start(Path dir) throws IOException {
        Files.createDirectories(dir);
        java.util.Random random = new java.util.Random();
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            } catch (IOException taken) {
                last = taken;
                continue;
            }
            try {
                return new StandalonePostgres(dir.resolve("try-" + attempt), port);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private EmbeddedPostgres boot() throws IOException {
        return EmbeddedPostgres.builder().setOverrideWorkingDirectory(dir.resolve("work").toFile()).setDataDirectory(dir.resolve("data"))
            .setCleanDataDirectory(false).setPort(port).setPGStartupWait(Duration.ofSeconds(90))
            // the embedded default is synchronous_commit off: a crash then loses commits already answered
            .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on").start();
    }

    /** Creates the database and returns how to reach it (by port, so it survives the restart). */
    DatabaseConfig database(String name) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return DatabaseConfig.postgres("jdbc:postgresql://127.0.0.1:" + port + "/" + name, "postgres", "postgres");
    }

    /** SIGKILLs the postmaster and every backend, waits {@code downMs}, starts it again; returns the seconds it was away. */
    double crashAndRestart(long downMs, AtomicInteger crashes) throws Exception {
        long t = System.nanoTime();
        long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("data").resolve("postmaster.pid")).get(0).trim());
        ProcessHandle main = ProcessHandle.of(postmaster).orElseThrow();
        List<ProcessHandle> all = main.descendants().toList();
        main.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        main.onExit().get();
        for (ProcessHandle p : all) {
            p.onExit().get();
        }
        pg.close(); // releases the data directory's lock; its pg_ctl stop finds nothing to stop
        Thread.sleep(downMs);
        pg = boot();
        crashes.incrementAndGet();
        double away = (System.nanoTime() - t) / 1e9;
        System.out.printf("PostgresRestartTest: PostgreSQL (pid %d and %d backends) SIGKILLed, back after %.1f s%n", postmaster,
            all.size(), away);
        return Math.round(away * 10) / 10.0;
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
