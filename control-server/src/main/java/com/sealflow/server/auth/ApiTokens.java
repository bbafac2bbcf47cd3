package com.sealflow.server.auth;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Clock;

/**
 * Personal API tokens for integrations ({@code Authorization: Bearer sfp_...}). The secret is shown once at
 * creation and stored as its SHA-256; the {@code sfp_} prefix lets the server (and secret scanners) tell
 * them from device tokens. A token acts as its owner with the owner's current roles.
 */
public final class ApiTokens {

    public static final String PREFIX = "sfp_";
    static final long TOUCH_EVERY_MS = 60_000;

    private final Database db;
    private final Clock clock;

    public ApiTokens(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Completes with the token's JSON including {@code token}: the only time the secret is visible. */
    Future<JsonObject> create(String userId, String name, Long expiresAt) {
        String id = Ids.newId();
        String secret = PREFIX + Secrets.random(32);
        long now = clock.millis();
        String prefix = secret.substring(0, 10);
        return db.execute("INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, created_at, expires_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7)", id, userId, name, Secrets.sha256(secret), prefix, now, expiresAt)
            .map(v -> new JsonObject().put("id", id).put("name", name).put("prefix", prefix).put("createdAt", now)
                .put("expiresAt", expiresAt).put("token", secret));
    }

    Future<JsonArray> list(String userId) {
        return db.execute("SELECT id, name, prefix, created_at, last_used_at, expires_at FROM api_tokens"
                + " WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at", userId)
            .map(rs -> {
                JsonArray out = new JsonArray();
                for (Row r : rs) {
                    out.add(new JsonObject().put("id", r.getString("id")).put("name", r.getString("name"))
                        .put("prefix", r.getString("prefix")).put("createdAt", r.getLong("created_at"))
                        .put("lastUsedAt", r.getLong("last_used_at")).put("expiresAt", r.getLong("expires_at")));
                }
                return out;
            });
    }

    /** Completes with true when the caller's token existed and is now revoked. */
    Future<Boolean> revoke(String userId, String id) {
        return db.execute("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
            clock.millis(), id, userId).map(rs -> rs.rowCount() == 1);
    }

    /** The owner's user id, or null for an unknown, revoked or expired token. */
    Future<String> resolve(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Future.succeededFuture(null);
        }
        String hash = Secrets.sha256(secret);
        long now = clock.millis();
        return db.execute("SELECT id, user_id, expires_at, revoked_at, last_used_at FROM api_tokens WHERE token_hash = $1", hash)
            .compose(rs -> {
                if (rs.size() == 0) {
                    return Future.succeededFuture(null);
                }
                Row r = rs.iterator().next();
                Long expires = r.getLong("expires_at");
                if (r.getLong("revoked_at") != null || (expires != null && now >= expires)) {
                    return Future.succeededFuture(null);
                }
                Long used = r.getLong("last_used_at");
                String userId = r.getString("user_id");
                if (used != null && now - used < TOUCH_EVERY_MS) {
                    return Future.succeededFuture(userId);
                }
                return db.execute("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", now, r.getString("id")).map(userId);
            });
    }
}
