package com.sealflow.server.evidence;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.device.DeviceRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the events of one intake transaction need from the store, read at its start in three statements whatever the
 * number of events: which of them are stored already (QoS 1 repeats), their devices' keys and their chain heads (read
 * and locked). The answers go into the transaction's scratch under the keys the intake reads them from, so an event
 * that was not in the batch's list (none today) still reads its own.
 */
final class IntakeBatch {

    /**
     * A device's chain head: the seq and hash of its last authentic event, and that event's clocks (null when it is not
     * stored), which the clock check of the event after it compares with instead of reading them again.
     */
    record Head(long seq, String hash, Long at, Long monotonicMs) {
    }

    /** One event of the batch: the device it came from (its topic) and its id. */
    record Tag(String deviceId, String eventId) {
    }

    /** In the scratch: the device has no chain head yet (read, none found). */
    static final Head NO_HEAD = new Head(-1, null, null, null);

    /** Scratch key of the event ids the transaction has stored or seen already. */
    private static final Object TAKEN = new Object();

    private IntakeBatch() {
    }

    static String keyKey(String deviceId) {
        return "key:" + deviceId;
    }

    static String headKey(String deviceId) {
        return "head:" + deviceId;
    }

    /**
     * True the first time the transaction sees {@code eventId} and it is not stored yet: the event is to be written.
     * False for a repeat (stored before, or earlier in this transaction).
     */
    @SuppressWarnings("unchecked")
    static boolean firstTime(Map<Object, Object> scratch, String eventId, boolean storedAlready) {
        Set<String> taken = (Set<String>) scratch.computeIfAbsent(TAKEN, k -> new HashSet<>());
        return !storedAlready && taken.add(eventId);
    }

    /** Whether the batch's first statement found the event stored; null when it was not in the batch's list. */
    @SuppressWarnings("unchecked")
    static Boolean storedBefore(Map<Object, Object> scratch, String eventId) {
        Set<String> stored = (Set<String>) scratch.get(IntakeBatch.class);
        Set<String> listed = (Set<String>) scratch.get(Tag.class);
        return stored == null || listed == null || !listed.contains(eventId) ? null : stored.contains(eventId);
    }

    /** The prologue of the intake's transactions; {@code tags}: the events' {@link Tag}s. */
    static Future<Void> read(Database db, DeviceRegistry registry, SqlConnection tx, Map<Object, Object> scratch, List<Object> tags) {
        List<String> ids = new ArrayList<>();
        Set<String> devices = new LinkedHashSet<>();
        for (Object tag : tags) {
            if (tag instanceof Tag t) {
                ids.add(t.eventId());
                devices.add(t.deviceId());
            }
        }
        if (ids.isEmpty()) {
            return Future.succeededFuture();
        }
        Future<Void> stored = db.execute(tx, "SELECT event_id FROM device_event WHERE event_id IN (" + in(1, ids.size()) + ")",
            ids.toArray()).map(rs -> {
                Set<String> found = new HashSet<>();
                for (Row r : rs) {
                    found.add(r.getString("event_id"));
                }
                scratch.put(IntakeBatch.class, found);
                scratch.put(Tag.class, new HashSet<>(ids));
                return null;
            });
        Future<Void> keys = stored.compose(v -> registry.publicKeys(tx, devices)).map(found -> {
            for (String d : devices) {
                scratch.put(keyKey(d), Future.succeededFuture(found.get(d)));
            }
            return null;
        });
        return keys.compose(v -> db.execute(tx, "SELECT c.device_id, last_seq, last_hash, e.at, e.monotonic_ms FROM evidence_chain c "
                + "LEFT JOIN device_event e ON e.device_id = c.device_id AND e.seq = c.last_seq AND e.hash = c.last_hash "
                + "WHERE c.device_id IN (" + in(1, devices.size()) + ") ORDER BY c.device_id"
                + (db.dialect() == Dialect.POSTGRES ? " FOR UPDATE OF c" : ""), devices.toArray()))
            .map(rs -> {
                for (String d : devices) {
                    scratch.put(headKey(d), NO_HEAD);
                }
                for (Row r : rs) {
                    scratch.put(headKey(r.getString("device_id")), new Head(r.getLong("last_seq"), r.getString("last_hash"),
                        r.getLong("at"), r.getLong("monotonic_ms")));
                }
                return null;
            });
    }

    private static String in(int from, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            s.append(i == from ? "$" : ", $").append(i);
        }
        return s.toString();
    }
}
