package com.sealflow.server.auth;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;

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

    /** The session behind a cookie value, or null if unknown, idle too long or past its absolute end. */
    Future<Session> resolve(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 100) {
            return Future.succeededFuture(null);
        }
        String idHash = Secrets.sha256(cookieValue);
        long now = clock.millis();
        return db.execute("SELECT user_id, csrf_token, last_seen_at, expires_at FROM sessions WHERE id_hash = $1", idHash)
            .compose(rs -> {
                if (rs.size() == 0) {
                    return Future.succeededFuture(null);
                }
                Row r = rs.iterator().next();
                long lastSeen = r.getLong("last_seen_at");
                if (now >= r.getLong("expires_at") || now - lastSeen >= idle.toMillis()) {
                    return delete(idHash).map(v -> null);
                }
                Session s = new Session(idHash, r.getString("user_id"), r.getString("csrf_token"));
                if (now - lastSeen < TOUCH_EVERY_MS) {
                    return Future.succeededFuture(s);
                }
                return db.execute("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2", now, idHash).map(s);
            });
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
