package com.sealflow.server.device;

import com.sealflow.server.db.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the server's PostgreSQL connections were doing while the final approvals ran: {@code pg_stat_activity} sampled
 * every 10 ms on a connection of its own, counted by state and wait event; for a lock wait also the statement. "idle in
 * transaction" means a transaction waits for the server (its event loop, the CPU), "active" without a wait event means
 * PostgreSQL runs it, a {@code Lock:} wait means it waits for another transaction's row.
 */
final class UnlockBenchWaits implements AutoCloseable {

    private static final String QUERY = "SELECT state, wait_event_type, wait_event, "
        + "left(regexp_replace(query, '\\s+', ' ', 'g'), 90) FROM pg_stat_activity "
        + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'";

    private final Connection connection;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int samples;

    private UnlockBenchWaits(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::run, "bench-pg-waits");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts sampling the database the server uses; null for SQLite. */
    static UnlockBenchWaits start(DatabaseConfig pg) throws SQLException {
        if (pg == null) {
            return null;
        }
        Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            String stat = Files.readString(Path.of("/proc/" + rs.getInt(1) + "/stat"));
            UnlockBenchCpu.postmaster = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            // not Linux, or PostgreSQL on another machine: its CPU is not counted
        }
        return new UnlockBenchWaits(c);
    }

    private void run() {
        try (Statement s = connection.createStatement()) {
            while (running) {
                try (ResultSet rs = s.executeQuery(QUERY)) {
                    synchronized (counts) {
                        samples++;
                        while (rs.next()) {
                            String wait = rs.getString(2) == null ? "on CPU" : rs.getString(2) + ":" + rs.getString(3);
                            String key = rs.getString(1) + " / " + wait + ("Lock".equals(rs.getString(2)) ? " / " + rs.getString(4) : "");
                            counts.merge(key, 1, Integer::sum);
                        }
                    }
                }
                Thread.sleep(10);
            }
        } catch (SQLException e) {
            System.out.println("  (PostgreSQL wait sampling stopped: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints the average number of connections in each state per sample, largest first. */
    void print() {
        TreeMap<Integer, String> sorted = new TreeMap<>();
        int n;
        synchronized (counts) {
            n = samples;
            counts.forEach((k, c) -> sorted.merge(-c, k, (a, b) -> a + " | " + b));
        }
        System.out.printf("    PostgreSQL connections of the server, %d samples (average number in each state):%n", n);
        int shown = 0;
        for (Map.Entry<Integer, String> e : sorted.entrySet()) {
            if (shown++ == 8) {
                break;
            }
            System.out.printf("      %.2f  %s%n", -e.getKey() / (double) Math.max(1, n), e.getValue());
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // closing only
        }
    }
}
