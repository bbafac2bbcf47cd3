package com.sealflow.agent.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Persisted token facts: the highest per-device counter accepted, and each token id seen (ACCEPTED, USED,
 * REVOKED). Survives restarts so a replayed token or a rolled-back counter is refused after a reboot too.
 * The {@code armed} table keeps what the agent holds in memory: tokens armed and waiting for their custodian,
 * and the session a used token opened, so a restarted agent picks them up again ({@link #armed()}).
 */
public final class TokenLedger {

    /** The {@code kv} key of the last UNLOCK counter sent to the MCU. */
    public static final String UNLOCK_COUNTER = "unlock_counter";

    private final Journal journal;

    TokenLedger(Journal journal) {
        this.journal = journal;
    }

    /** The highest counter accepted, -1 when none. */
    public long lastCounter() throws SQLException {
        synchronized (journal) {
            try (PreparedStatement ps = journal.connection().prepareStatement("SELECT v FROM kv WHERE k = 'last_counter'");
                 ResultSet rs = ps.executeQuery()) {
                long v = rs.next() ? Long.parseLong(rs.getString(1)) : -1L;
                journal.connection().commit();
                return v;
            }
        }
    }

    public Optional<String> state(String tokenId) throws SQLException {
        synchronized (journal) {
            try (PreparedStatement ps = journal.connection().prepareStatement("SELECT state FROM tokens WHERE token_id = ?")) {
                ps.setString(1, tokenId);
                try (ResultSet rs = ps.executeQuery()) {
                    Optional<String> v = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                    journal.connection().commit();
                    return v;
                }
            }
        }
    }

    /** Records an accepted token, raises the counter and keeps the token armed, in one durable transaction. */
    public void accept(String tokenId, long counter, long at, String wire, String commandId) throws SQLException {
        accept(tokenId, counter, at, wire, commandId, null);
    }

    /**
     * As {@link #accept(String, long, long, String, String)}, and keeps {@code firstResult} as the command's first
     * result ({@link Journal#recordFirstResult}) in the same transaction: one write to stable storage before the
     * ACCEPTED answer leaves, not two, and a repeat of the command after a crash is answered ACCEPTED, as the token is.
     */
    public void accept(String tokenId, long counter, long at, String wire, String commandId, String firstResult) throws SQLException {
        inTransaction(db -> {
            if (firstResult != null && commandId != null) {
                execute(db, Journal.RECORD_FIRST_RESULT, commandId, firstResult, at);
            }
            execute(db, "INSERT INTO tokens(token_id, state, counter, at) VALUES (?,?,?,?)", tokenId, "ACCEPTED", counter, at);
            execute(db, "INSERT INTO kv(k, v) VALUES ('last_counter', ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v "
                    + "WHERE CAST(kv.v AS INTEGER) < CAST(excluded.v AS INTEGER)", Long.toString(counter));
            execute(db, "INSERT INTO armed(token_id, wire, command_id, received_at) VALUES (?,?,?,?) "
                    + "ON CONFLICT(token_id) DO NOTHING", tokenId, wire, commandId, at);
        });
    }

    /** The custodian proved presence: the token is USED and its row now names the session it opened. */
    public void startSession(String tokenId, long sessionId, long startedAt, long limitMillis) throws SQLException {
        startSession(tokenId, sessionId, startedAt, limitMillis, null);
    }

    /**
     * As {@link #startSession(String, long, long, long)}, and stores {@code unlockCounter} (the UNLOCK counter the MCU
     * will check, when not null) in the same durable transaction, before the UNLOCK is sent.
     */
    public void startSession(String tokenId, long sessionId, long startedAt, long limitMillis, Long unlockCounter) throws SQLException {
        inTransaction(sessionStart(tokenId, sessionId, startedAt, limitMillis, unlockCounter));
    }

    /**
     * The writes of {@link #startSession(String, long, long, long, Long)}, to be committed with the session's first
     * event ({@link Journal#append(String, EventDraft, Journal.Alongside)}).
     */
    public Journal.Alongside sessionStart(String tokenId, long sessionId, long startedAt, long limitMillis, Long unlockCounter) {
        return db -> {
            if (unlockCounter != null) {
                execute(db, Journal.KV_PUT, UNLOCK_COUNTER, Long.toString(unlockCounter));
            }
            execute(db, "UPDATE tokens SET state = 'USED', at = ? WHERE token_id = ?", startedAt, tokenId);
            execute(db, "UPDATE armed SET session_id = ?, session_started_at = ?, session_limit_ms = ? WHERE token_id = ?",
                    sessionId, startedAt, limitMillis, tokenId);
        };
    }

    /** The token is no longer held: its session ended, it lapsed, was refused at the custodian's arrival or revoked. */
    public void disarm(String tokenId) throws SQLException {
        journal.update("DELETE FROM armed WHERE token_id = ?", tokenId);
    }

    /** What a restarted agent must take up again, oldest first. */
    public List<Armed> armed() throws SQLException {
        synchronized (journal) {
            var db = journal.connection();
            List<Armed> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT token_id, wire, command_id, received_at, session_id, "
                    + "session_started_at, session_limit_ms FROM armed ORDER BY received_at, token_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long session = rs.getLong(5);
                    boolean inSession = !rs.wasNull();
                    out.add(new Armed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            inSession ? session : null, inSession ? rs.getLong(6) : 0, inSession ? rs.getLong(7) : 0));
                }
            }
            db.commit();
            return out;
        }
    }

    /** A token held by the agent; {@code sessionId} is set once it opened a session. */
    public record Armed(String tokenId, String wire, String commandId, long receivedAt, Long sessionId, long sessionStartedAt,
                        long sessionLimitMillis) {
    }

    /** Marks a token USED or REVOKED (inserting it if it was never seen, so it can never be accepted later). */
    public void mark(String tokenId, String state, long at) throws SQLException {
        inTransaction(db -> {
            execute(db, "INSERT INTO tokens(token_id, state, counter, at) VALUES (?,?,NULL,?) "
                    + "ON CONFLICT(token_id) DO UPDATE SET state = excluded.state, at = excluded.at", tokenId, state, at);
            if ("REVOKED".equals(state)) {
                execute(db, "DELETE FROM armed WHERE token_id = ?", tokenId);
            }
        });
    }

    private void inTransaction(Journal.Alongside work) throws SQLException {
        synchronized (journal) {
            var db = journal.connection();
            try {
                work.run(db);
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    private static void execute(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
