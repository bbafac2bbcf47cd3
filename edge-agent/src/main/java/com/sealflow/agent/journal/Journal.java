package com.sealflow.agent.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable journal: events (signed, hash-chained, with publish and upload state) and the token ledger
 * (last counter, used and revoked token ids). SQLite in WAL mode with {@code synchronous=FULL}: a commit has
 * reached the disk when {@link #append} returns, so the press may then be acknowledged. One connection,
 * serialised by this object's monitor; every write is a single short transaction.
 */
public final class Journal implements AutoCloseable {

    private final Connection db;
    private final String deviceId;
    private final EvidenceSealer sealer;

    public Journal(Path dataDir, String deviceId, EvidenceSealer sealer) throws SQLException {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create " + dataDir, e);
        }
        this.db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("journal.db").toAbsolutePath()
                + "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000&foreign_keys=on");
        this.deviceId = deviceId;
        this.sealer = sealer;
        JournalSchema.create(db);
        db.setAutoCommit(false);
    }

    public static String newEventId() {
        return UUID.randomUUID().toString();
    }

    /** Seals and stores one event; returns after the commit is durable. */
    public SealedEvent append(String eventId, EventDraft draft) throws SQLException {
        return append(eventId, draft, null);
    }

    /**
     * As {@link #append(String, EventDraft)}, with {@code alongside}'s writes in the same transaction: one write to
     * stable storage for both, and neither without the other.
     */
    public synchronized SealedEvent append(String eventId, EventDraft draft, Alongside alongside) throws SQLException {
        try {
            if (alongside != null) {
                alongside.run(db);
            }
            long seq = 1;
            String prev = EvidenceSealer.GENESIS;
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")) {
                if (rs.next()) {
                    seq = rs.getLong(1) + 1;
                    prev = rs.getString(2);
                }
            }
            EvidenceSealer.Sealed sealed = sealer.seal(deviceId, seq, eventId, draft, prev);
            StoredPhoto photo = draft.photo();
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO events(seq, event_id, type, at, envelope, hash, "
                    + "photo_path, photo_sha256, photo_state, press_key) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                ps.setLong(1, seq);
                ps.setString(2, eventId);
                ps.setString(3, draft.type());
                ps.setLong(4, draft.at());
                ps.setString(5, sealed.envelope());
                ps.setString(6, sealed.hash());
                ps.setString(7, photo == null ? null : photo.path().toString());
                ps.setString(8, photo == null ? null : photo.sha256());
                ps.setString(9, photo == null ? null : "PENDING");
                ps.setString(10, pressKey(draft));
                ps.executeUpdate();
            }
            db.commit();
            return new SealedEvent(seq, eventId, draft.type(), draft.at(), sealed.hash(), sealed.envelope(),
                    photo == null ? null : photo.path().toString(), photo == null ? null : photo.sha256(), false,
                    photo == null ? null : "PENDING");
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        }
    }

    /**
     * The MCU identifies a press by (session id, press counter). Its link de-duplicates retransmits, but that memory
     * dies with the agent process; this key lets a PRESS re-offered after an agent restart be recognised. The end of
     * a session is keyed {@code end:<session id>}, so a restarted agent knows whether a session it held has ended.
     */
    static String pressKey(EventDraft draft) {
        Object session = draft.body().get("sessionId");
        Object counter = draft.body().get("pressCounter");
        if ("PRESS".equals(draft.type()) && session != null && counter != null) {
            return session + ":" + counter;
        }
        return "SESSION_ENDED".equals(draft.type()) && session != null ? "end:" + session : null;
    }

    /** A PRESS with this (session, counter) journaled at or after {@code sinceWallMillis}, if any. */
    public synchronized boolean hasPress(long sessionId, long pressCounter, long sinceWallMillis) throws SQLException {
        return !query("SELECT " + JournalSchema.COLUMNS + " FROM events WHERE press_key = ? AND at >= ? LIMIT ?",
                sessionId + ":" + pressCounter, sinceWallMillis, 1).isEmpty();
    }

    /** How many presses the MCU reported in this session (keys {@code <session>:<counter>}; ';' follows ':'). */
    public synchronized int pressesIn(long sessionId) throws SQLException {
        return count("SELECT COUNT(*) FROM events WHERE press_key >= ? AND press_key < ?", sessionId + ":", sessionId + ";");
    }

    /** Whether a SESSION_ENDED for this session is journaled. */
    public synchronized boolean sessionEnded(long sessionId) throws SQLException {
        return count("SELECT COUNT(*) FROM events WHERE press_key = ?", "end:" + sessionId) > 0;
    }

    private int count(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int n = rs.getInt(1);
                db.commit();
                return n;
            }
        }
    }

    /** Events the broker has not acknowledged, in seq order, from {@code afterSeq} (exclusive). */
    public synchronized List<SealedEvent> unpublished(long afterSeq, int limit) throws SQLException {
        return query("SELECT " + JournalSchema.COLUMNS + " FROM events WHERE published_at IS NULL AND seq > ? ORDER BY seq LIMIT ?",
                afterSeq, limit);
    }

    /** Published events whose photo still has to be uploaded, oldest first. */
    public synchronized List<SealedEvent> pendingPhotos(int limit) throws SQLException {
        return query("SELECT " + JournalSchema.COLUMNS + " FROM events WHERE photo_state = 'PENDING' AND published_at IS NOT NULL "
                + "ORDER BY seq LIMIT ?", limit);
    }

    /**
     * Presses up to {@code upToSeq} published at or after {@code sinceWallMillis} whose photo is not uploaded yet: the
     * server answers their upload with 404 until it has stored the event, so these are the events the server has not
     * confirmed.
     */
    public synchronized int photosAwaitingServer(long upToSeq, long sinceWallMillis) throws SQLException {
        return count("SELECT COUNT(*) FROM events WHERE photo_state = 'PENDING' AND seq <= ? AND published_at >= ?", upToSeq,
                sinceWallMillis);
    }

    public synchronized List<SealedEvent> all() throws SQLException {
        return query("SELECT " + JournalSchema.COLUMNS + " FROM events ORDER BY seq LIMIT ?", Integer.MAX_VALUE);
    }

    /** The newest press that has a photo (the simulator panel shows it). */
    public synchronized Optional<SealedEvent> lastPressWithPhoto() throws SQLException {
        return query("SELECT " + JournalSchema.COLUMNS + " FROM events WHERE type = 'PRESS' AND photo_path IS NOT NULL "
                + "ORDER BY seq DESC LIMIT ?", 1).stream().findFirst();
    }

    public synchronized Optional<SealedEvent> bySeq(long seq) throws SQLException {
        return query("SELECT " + JournalSchema.COLUMNS + " FROM events WHERE seq = ? LIMIT ?", seq, 1).stream().findFirst();
    }

    public synchronized void markPublished(long seq, long at) throws SQLException {
        update("UPDATE events SET published_at = ? WHERE seq = ? AND published_at IS NULL", at, seq);
    }

    /**
     * Queues journaled events {@code fromSeq..toSeq} for publishing again (the server asked: it never stored them);
     * returns how many the journal still holds.
     */
    public synchronized int markUnpublished(long fromSeq, long toSeq) throws SQLException {
        return update("UPDATE events SET published_at = NULL WHERE seq BETWEEN ? AND ?", fromSeq, toSeq);
    }

    public synchronized void markPhoto(long seq, String state) throws SQLException {
        update("UPDATE events SET photo_state = ? WHERE seq = ?", state, seq);
    }

    public synchronized Depth depth() throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT COUNT(*), SUM(published_at IS NULL), SUM(photo_state = 'PENDING'), MAX(seq) FROM events")) {
            rs.next();
            return new Depth(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    /** Journal size and what is still queued. */
    public record Depth(long events, long unpublished, long photosPending, long lastSeq) {
    }

    public synchronized Optional<String> kvGet(String key) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                Optional<String> v = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                db.commit();
                return v;
            }
        }
    }

    static final String KV_PUT = "INSERT INTO kv(k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v";
    static final String RECORD_FIRST_RESULT = "INSERT INTO commands(command_id, first_result, at) VALUES (?,?,?) "
            + "ON CONFLICT(command_id) DO NOTHING";

    public void kvPut(String key, String value) throws SQLException {
        update(KV_PUT, key, value);
    }

    /** The first cmd-res sent for a command (QoS 1 may deliver a command twice: the repeat gets this answer). */
    public synchronized Optional<String> firstResult(String commandId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT first_result FROM commands WHERE command_id = ?")) {
            ps.setString(1, commandId);
            try (ResultSet rs = ps.executeQuery()) {
                Optional<String> v = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                db.commit();
                return v;
            }
        }
    }

    /** Keeps the first result of a command; later ones (DONE after ACCEPTED) do not replace it. */
    public void recordFirstResult(String commandId, String result, long at) throws SQLException {
        update(RECORD_FIRST_RESULT, commandId, result, at);
    }

    public TokenLedger tokens() {
        return new TokenLedger(this);
    }

    Connection connection() {
        return db;
    }

    synchronized int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            int rows = ps.executeUpdate();
            db.commit();
            return rows;
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    private List<SealedEvent> query(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<SealedEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(JournalSchema.read(rs));
                }
            }
            db.commit();
            return out;
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }

    /** Writes that go into the same transaction as a journaled event. */
    public interface Alongside {
        void run(Connection db) throws SQLException;
    }
}
