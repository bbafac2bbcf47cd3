package com.sealflow.agent.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Persisted token facts: the highest per-device counter accepted, and each token id seen (ACCEPTED, USED,
 * REVOKED). Survives restarts so a replayed token or a rolled-back counter is refused after a reboot too.
 */
public final class TokenLedger {

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

    /** Records an accepted token and raises the counter, in one durable transaction. */
    public void accept(String tokenId, long counter, long at) throws SQLException {
        synchronized (journal) {
            var db = journal.connection();
            try {
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO tokens(token_id, state, counter, at) VALUES (?,?,?,?)")) {
                    ps.setString(1, tokenId);
                    ps.setString(2, "ACCEPTED");
                    ps.setLong(3, counter);
                    ps.setLong(4, at);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO kv(k, v) VALUES ('last_counter', ?) "
                        + "ON CONFLICT(k) DO UPDATE SET v = excluded.v WHERE CAST(kv.v AS INTEGER) < CAST(excluded.v AS INTEGER)")) {
                    ps.setString(1, Long.toString(counter));
                    ps.executeUpdate();
                }
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            }
        }
    }

    /** Marks a token USED or REVOKED (inserting it if it was never seen, so it can never be accepted later). */
    public void mark(String tokenId, String state, long at) throws SQLException {
        journal.update("INSERT INTO tokens(token_id, state, counter, at) VALUES (?,?,NULL,?) "
                + "ON CONFLICT(token_id) DO UPDATE SET state = excluded.state, at = excluded.at", tokenId, state, at);
    }
}
