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
                long events, long distinctSeqs, long maxSeq, long links, long trusted, Map<String, Integer> anomalies) {

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
            Map<String, Integer> anomalies = new HashMap<>();
            String byKind = "SELECT kind, COUNT(*) FROM evidence_anomaly WHERE device_id = ? GROUP BY kind";
            try (PreparedStatement s = c.prepareStatement(byKind)) {
                s.setString(1, deviceId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        anomalies.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return new Evidence(p[0], p[1], p[2], p[3], counters, e[0], e[1], e[2], links[0], e[3], anomalies);
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
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
