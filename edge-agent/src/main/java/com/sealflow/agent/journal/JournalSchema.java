package com.sealflow.agent.journal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** DDL and row mapping of the journal database. */
final class JournalSchema {

    static final String COLUMNS = "seq, event_id, type, at, hash, envelope, photo_path, photo_sha256, published_at, photo_state";

    private JournalSchema() {
    }

    static void create(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, "
                    + "type TEXT NOT NULL, at INTEGER NOT NULL, envelope TEXT NOT NULL, hash TEXT NOT NULL, "
                    + "photo_path TEXT, photo_sha256 TEXT, published_at INTEGER, photo_state TEXT, press_key TEXT)");
            st.execute("CREATE INDEX IF NOT EXISTS events_press_key ON events(press_key) WHERE press_key IS NOT NULL");
            st.execute("CREATE INDEX IF NOT EXISTS events_unpublished ON events(seq) WHERE published_at IS NULL");
            st.execute("CREATE INDEX IF NOT EXISTS events_photo_pending ON events(seq) WHERE photo_state = 'PENDING'");
            st.execute("CREATE TABLE IF NOT EXISTS tokens (token_id TEXT PRIMARY KEY, state TEXT NOT NULL, "
                    + "counter INTEGER, at INTEGER NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS armed (token_id TEXT PRIMARY KEY, wire TEXT NOT NULL, command_id TEXT, "
                    + "received_at INTEGER NOT NULL, session_id INTEGER, session_started_at INTEGER, session_limit_ms INTEGER)");
            st.execute("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS commands (command_id TEXT PRIMARY KEY, first_result TEXT NOT NULL, "
                    + "at INTEGER NOT NULL)");
        }
    }

    static SealedEvent read(ResultSet rs) throws SQLException {
        rs.getLong("published_at");
        boolean published = !rs.wasNull();
        return new SealedEvent(rs.getLong("seq"), rs.getString("event_id"), rs.getString("type"), rs.getLong("at"),
                rs.getString("hash"), rs.getString("envelope"), rs.getString("photo_path"), rs.getString("photo_sha256"),
                published, rs.getString("photo_state"));
    }
}
