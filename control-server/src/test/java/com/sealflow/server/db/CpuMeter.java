package com.sealflow.server.db;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * CPU spent by a benchmark: this JVM's process CPU time, and the CPU time of the PostgreSQL backends connected to the
 * benchmark's database (read from {@code /proc/<pid>/stat}, Linux only: the embedded server runs on this machine). Per
 * operation these figures move far less with the machine's load than rates and latencies do. On SQLite the JVM's time
 * includes the database's work. Used by the engine, archive search and dashboard benchmarks.
 */
public final class CpuMeter implements AutoCloseable {

    private static final double TICK_MS = 10.0; // USER_HZ = 100 on Linux

    private final Connection admin;

    /** JVM CPU only (SQLite: the database runs inside the JVM). */
    public CpuMeter() {
        admin = null;
    }

    public CpuMeter(DatabaseConfig database) {
        try {
            admin = DriverManager.getConnection(database.url(), database.user(), database.password());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to measure the database's backends", e);
        }
    }

    /** [JVM CPU ns, PostgreSQL backend CPU ms] so far. */
    public long[] now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new long[] {os.getProcessCpuTime(), Math.round(backendTicks() * TICK_MS)};
    }

    private long backendTicks() {
        if (admin == null) {
            return 0;
        }
        long ticks = 0;
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity"
            + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            while (rs.next()) {
                ticks += ticksOf(rs.getInt(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the database's backends", e);
        }
        return ticks;
    }

    private static long ticksOf(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the fields after the command name (which may hold spaces) start at state: utime is field 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the backend just ended, or not Linux
        }
    }

    @Override
    public void close() throws SQLException {
        if (admin != null) {
            admin.close();
        }
    }
}
