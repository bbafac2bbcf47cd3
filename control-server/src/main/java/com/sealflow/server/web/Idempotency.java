package com.sealflow.server.web;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} for mutations: the first response (2xx) to a key is kept for 24 hours per user and
 * replayed to every retry with the same key; a retry while the first is still running is a 409; the same
 * key on another method or path is a 422. Failed attempts (4xx/5xx) free the key so the client may retry.
 * Responses must be written through {@link Replies} to be replayed with their body.
 */
public final class Idempotency implements Handler<RoutingContext> {

    public static final String HEADER = "Idempotency-Key";
    static final Duration RETENTION = Duration.ofHours(24);
    /** A pending key older than this belongs to a request that died with its server node. */
    static final Duration ABANDONED = Duration.ofMinutes(1);
    private static final String KEY = "sealflow.idempotency";
    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);

    private final Database db;
    private final Clock clock;

    public Idempotency(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    private final class Pending {
        final String userId;
        final String key;
        int status;
        Buffer body;
        boolean recorded;
        boolean stored;

        Pending(String userId, String key) {
            this.userId = userId;
            this.key = key;
        }

        /** Frees the key of a refused request before the client sees the refusal, so a retry sent at once runs. */
        Future<Void> forget() {
            stored = true;
            return db.execute("DELETE FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2", userId, key).<Void>mapEmpty()
                .recover(e -> {
                    LOG.warn("could not free idempotency key {}", key, e);
                    return Future.succeededFuture();
                });
        }

        /** Stores a success before the client sees it, so an immediate retry already finds it. */
        Future<Void> store() {
            stored = true;
            return db.execute("UPDATE idempotency_keys SET state = 'DONE', status = $1, body = $2 WHERE user_id = $3 AND idem_key = $4",
                status, body != null ? body.toString() : null, userId, key).mapEmpty();
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        String key = ctx.request().getHeader(HEADER);
        HttpMethod m = ctx.request().method();
        boolean mutation = m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH || m == HttpMethod.DELETE;
        CurrentUser user = ctx.get(CurrentUser.KEY);
        if (key == null || !mutation || user == null) {
            ctx.next();
            return;
        }
        if (key.isBlank() || key.length() > 200) {
            ctx.fail(ProblemException.invalidField(HEADER, "Idempotency-Key must be 1 to 200 characters"));
            return;
        }
        long now = clock.millis();
        String method = m.name();
        String path = ctx.request().path();
        db.execute("SELECT method, path, status, body, state, created_at FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2",
                user.id(), key)
            .compose(rs -> {
                Row row = rs.size() == 0 ? null : rs.iterator().next();
                if (row != null && row.getLong("created_at") > now - RETENTION.toMillis()) {
                    if (!method.equals(row.getString("method")) || !path.equals(row.getString("path"))) {
                        throw new ProblemException(422, "idempotency-key-reused", "Idempotency key reused",
                            "this Idempotency-Key was used for " + row.getString("method") + " " + row.getString("path"));
                    }
                    if ("DONE".equals(row.getString("state"))) {
                        replay(ctx, row);
                        return Future.succeededFuture(false);
                    }
                    if (row.getLong("created_at") > now - ABANDONED.toMillis()) {
                        throw new ProblemException(409, "idempotency-in-progress", "Request in progress",
                            "a request with this Idempotency-Key is still being processed");
                    }
                }
                return claim(user.id(), key, method, path, now, row != null).map(true);
            })
            .onSuccess(proceed -> {
                if (proceed) {
                    Pending p = new Pending(user.id(), key);
                    ctx.put(KEY, p);
                    ctx.addBodyEndHandler(v -> finish(ctx, p));
                    ctx.next();
                }
            })
            .onFailure(ctx::fail);
    }

    private Future<Void> claim(String userId, String key, String method, String path, long now, boolean stale) {
        Future<?> cleared = stale
            ? db.execute("DELETE FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2", userId, key)
            : Future.succeededFuture();
        return cleared.compose(v -> db.execute(
                "INSERT INTO idempotency_keys (user_id, idem_key, method, path, state, created_at) VALUES ($1, $2, $3, $4, 'PENDING', $5)"
                    + " ON CONFLICT (user_id, idem_key) DO NOTHING", userId, key, method, path, now))
            .map(rs -> {
                if (rs.rowCount() == 0) {
                    throw new ProblemException(409, "idempotency-in-progress", "Request in progress",
                        "a request with this Idempotency-Key is still being processed");
                }
                return null;
            });
    }

    private static void replay(RoutingContext ctx, Row row) {
        ctx.response().setStatusCode(row.getInteger("status")).putHeader("Idempotency-Replayed", "true");
        String body = row.getString("body");
        if (body == null) {
            ctx.response().end();
        } else {
            ctx.response().putHeader("Content-Type", "application/json").end(body);
        }
    }

    /**
     * Called by {@link Replies} before a response is written: a success is stored first, so a retry sent the
     * moment the client has the answer is replayed rather than run again or refused as in progress.
     */
    static Future<Void> record(RoutingContext ctx, int status, Buffer body) {
        Pending p = ctx.get(KEY);
        if (p == null) {
            return Future.succeededFuture();
        }
        p.status = status;
        p.body = body;
        p.recorded = true;
        if (status < 200 || status >= 300) {
            return p.forget();
        }
        return p.store().recover(e -> {
            LOG.warn("could not record idempotent response for key {}", p.key, e);
            return Future.succeededFuture();
        });
    }

    /**
     * Called by {@link Problems} before a refusal is written: the request's key is freed first (its transaction has
     * rolled back), so a corrected retry sent the moment the client has the refusal is run, not refused as in progress.
     */
    static Future<Void> release(RoutingContext ctx) {
        Pending p = ctx.get(KEY);
        return p == null || p.stored ? Future.succeededFuture() : p.forget();
    }

    private void finish(RoutingContext ctx, Pending p) {
        if (p.stored) {
            return;
        }
        int status = p.recorded ? p.status : ctx.response().getStatusCode();
        Future<?> done;
        if (status >= 200 && status < 300) {
            done = db.execute("UPDATE idempotency_keys SET state = 'DONE', status = $1, body = $2 WHERE user_id = $3 AND idem_key = $4",
                status, p.recorded && p.body != null ? p.body.toString() : null, p.userId, p.key);
        } else {
            done = db.execute("DELETE FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2", p.userId, p.key);
        }
        done.onFailure(e -> LOG.warn("could not record idempotent response for key {}", p.key, e));
    }

    /** Forget keys past retention; run periodically. */
    public Future<Integer> purge() {
        return db.execute("DELETE FROM idempotency_keys WHERE created_at < $1", clock.millis() - RETENTION.toMillis())
            .map(rs -> rs.rowCount());
    }
}
