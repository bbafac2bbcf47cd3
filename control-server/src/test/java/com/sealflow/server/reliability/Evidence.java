package com.sealflow.server.reliability;

import com.sealflow.server.db.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the server stored for one device, read straight from PostgreSQL (not through the proxy). */
record Evidence(long presses, long distinctCounters, long distinctEvents, long photosStored, List<Long> counters,
                long events, long distinctSeqs, long maxSeq, long links, long trusted, Map<String, Integer> anomalies,
                Map<String, Integer> resolved) {

    static Evidence of(DatabaseConfig pg, String deviceId) {
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password())) {
            long[] p = longs(c, "SELECT COUNT(*), COUNT(DISTINCT counter), COUNT(DISTINCT event_id), "
                + "COALESCE(SUM(photo_stored), 0) FROM press WHERE device_id = ?", deviceId);
            long[] e = longs(c, "SELECT COUNT(*), COUNT(DISTINCT seq), COALESCE(MAX(seq), 0), COALESCE(SUM(verified), 0) "
                + "FROM device_event WHERE device_id = ?", deviceId);
            long[] links = longs(c, "SELECT COUNT(*) FROM device_event a JOIN device_event b ON b.device_id = a.device_id "
                + "AND b.seq = a.seq + 1 AND b.prev_hash = a.hash WHERE a.device_id = ?", deviceId);
            List<Long> counters = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT counter FROM press WHERE device_id = ? ORDER BY counter")) {
                s.setString(1, deviceId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        counters.add(rs.getLong(1));
                    }
                }
            }
            String byKind = "SELECT kind, COUNT(*) FROM evidence_anomaly WHERE device_id = ? AND resolved_at IS %s NULL GROUP BY kind";
            return new Evidence(p[0], p[1], p[2], p[3], counters, e[0], e[1], e[2], links[0], e[3],
                counts(c, byKind.formatted(""), deviceId), counts(c, byKind.formatted("NOT"), deviceId));
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Open anomalies by kind; {@code resolved}: those resolved since (chain gaps whose events all arrived). */
    private static Map<String, Integer> counts(Connection c, String sql, String deviceId) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, deviceId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    private static long[] longs(Connection c, String sql, String deviceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, deviceId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long[] out = new long[rs.getMetaData().getColumnCount()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = rs.getLong(i + 1);
                }
                return out;
            }
        }
    }
}
