package com.sealflow.server.auth;

import com.sealflow.server.db.Database;
import com.sealflow.server.org.Directory;
import com.sealflow.server.org.User;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Browser sessions, in the database so any server node can serve any request and nothing lives in memory:
 * a session exists only after a login (never one per request). The cookie holds a random id; the table holds
 * its SHA-256. A session ends after the idle timeout without requests, at the absolute timeout, or at logout.
 */
public final class Sessions {

    public static final String COOKIE = "SEALFLOW_SESSION";
    /** last_seen_at is written at most this often, not on every request. */
    static final long TOUCH_EVERY_MS = 30_000;

    private final Database db;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;

    public Sessions(Database db, Clock clock, Duration idle, Duration absolute) {
        this.db = db;
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    /** A live session: who, and the CSRF token bound to it. */
    public record Session(String idHash, String userId, String csrfToken) {
    }

    /** A new session for the user; completes with the cookie value (shown once, stored only hashed). */
    Future<String> create(SqlClient c, String userId, String csrfToken) {
        String id = Secrets.random(32);
        long now = clock.millis();
        return db.execute(c, "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6)", Secrets.sha256(id), userId, csrfToken, now, now, now + absolute.toMillis())
            .map(id);
    }

    /**
     * What a cookie value names, read on {@code reads}: null when no session; else the session, whether it is over (idle
     * too long or past its absolute end) or due a touch of its last-seen time, and its user as it is now (empty when the
     * user is gone). {@link #settle} does the writes.
     */
    record Found(Session session, boolean over, boolean touch, Optional<User> user) {
    }

    /** The session and its user with the user's roles, in one statement (a row per role). */
    private static final String FIND = "SELECT s.user_id AS user_id, s.csrf_token AS csrf_token, s.last_seen_at AS last_seen_at, "
        + "s.expires_at AS expires_at, " + Directory.JOINED_USER_COLUMNS + " FROM sessions s LEFT JOIN users u ON u.id = s.user_id "
        + "LEFT JOIN user_roles r ON r.user_id = u.id WHERE s.id_hash = $1";

    Future<Found> find(SqlClient reads, String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 100) {
            return Future.succeededFuture(null);
        }
        String idHash = Secrets.sha256(cookieValue);
        long now = clock.millis();
        return db.execute(reads, FIND, idHash)
            .map(rs -> {
                if (rs.size() == 0) {
                    return null;
                }
                Row r = rs.iterator().next();
                long lastSeen = r.getLong("last_seen_at");
                boolean over = now >= r.getLong("expires_at") || now - lastSeen >= idle.toMillis();
                return new Found(new Session(idHash, r.getString("user_id"), r.getString("csrf_token")), over,
                    now - lastSeen >= TOUCH_EVERY_MS, Directory.joinedUser(rs));
            });
    }

    /**
     * The live session of what {@link #find} found, or null: a session that is over is deleted, a live one is touched
     * when due (writes, so never on the connection the reads were made on).
     */
    Future<Session> settle(Found found) {
        if (found == null) {
            return Future.succeededFuture(null);
        }
        Session s = found.session();
        if (found.over()) {
            return delete(s.idHash()).map(v -> null);
        }
        if (!found.touch()) {
            return Future.succeededFuture(s);
        }
        return db.execute("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2", clock.millis(), s.idHash()).map(s);
    }

    Future<Void> delete(String idHash) {
        return db.execute("DELETE FROM sessions WHERE id_hash = $1", idHash).mapEmpty();
    }

    Future<Void> deleteByCookie(String cookieValue) {
        return cookieValue == null ? Future.succeededFuture() : delete(Secrets.sha256(cookieValue));
    }

    /** Ends every session of a user (password change, deactivation). */
    public Future<Void> deleteAllOf(SqlClient c, String userId) {
        return db.execute(c, "DELETE FROM sessions WHERE user_id = $1", userId).mapEmpty();
    }

    /** Forget expired sessions; run periodically. */
    public Future<Integer> purge() {
        long now = clock.millis();
        return db.execute("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2", now, now - idle.toMillis())
            .map(rs -> rs.rowCount());
    }
}
