package com.sealflow.server.notify;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Rounds;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pending deliveries: at once when a transaction that wrote one commits ({@link #kick()}) and from a poller for
 * the rest (due retries, rows left by a node that stopped between commit and sending). A row is claimed with a lease
 * by a conditional update, so two relays never send it at the same time; a relay that dies after sending but before
 * recording the outcome leaves a lease that runs out and the row is sent again with the same id (at-least-once; a
 * receiver drops a delivery id it has seen).
 */
final class DeliveryRelay {

    /** One row to send. */
    record Delivery(String id, String channel, String target, String eventType, String subject, String payload, int attempts) {
    }

    /** What a channel made of one attempt; {@code retry} false gives up at once (the endpoint is gone). */
    record Outcome(boolean ok, Integer status, String error, boolean retry) {
        static Outcome delivered(Integer status) {
            return new Outcome(true, status, null, false);
        }

        static Outcome failed(Integer status, String error) {
            return new Outcome(false, status, error, true);
        }

        static Outcome gone(String error) {
            return new Outcome(false, null, error, false);
        }
    }

    /** A way out (SMTP, HTTP). Completes with the outcome; never fails. */
    @FunctionalInterface
    interface Channel {
        Future<Outcome> send(Delivery d);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRelay.class);
    static final int BATCH = 50;
    static final long LEASE_MS = 120_000;
    static final long MAX_BACKOFF_MS = Duration.ofHours(6).toMillis();
    static final long POLL_MS = 1000;

    private final Vertx vertx;
    private final Database db;
    private final Clock clock;
    private final String nodeId;
    private final Map<String, Channel> channels;
    private final long retryBaseMs;
    private final int maxAttempts;
    private final Rounds rounds;
    private volatile boolean stopped;
    private long timer = -1;

    DeliveryRelay(Vertx vertx, Database db, Clock clock, String nodeId, Map<String, Channel> channels, Duration retryBase,
                  int maxAttempts) {
        this.vertx = vertx;
        this.db = db;
        this.clock = clock;
        this.nodeId = nodeId;
        this.channels = Map.copyOf(channels);
        this.retryBaseMs = retryBase.toMillis();
        this.maxAttempts = maxAttempts;
        this.rounds = new Rounds(BATCH, this::drainOnce, e -> LOG.warn("delivery relay round failed: {}", e.toString()),
            () -> stopped);
    }

    void start() {
        timer = vertx.setPeriodic(POLL_MS, t -> kick());
        kick();
    }

    void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Drain now; if a round is running it goes once more. Never blocks. */
    void kick() {
        rounds.kick();
    }

    /** Backoff before attempt {@code n + 1} after {@code n} failures: base, 2 base, 4 base … capped. */
    long backoff(int failures) {
        long d = retryBaseMs;
        for (int i = 1; i < failures && d < MAX_BACKOFF_MS; i++) {
            d *= 2;
        }
        return Math.min(d, MAX_BACKOFF_MS);
    }

    /** Claims and sends one batch of due rows; completes with the number claimed. */
    Future<Integer> drainOnce() {
        long now = clock.millis();
        String lock = db.dialect() == Dialect.POSTGRES ? " FOR UPDATE SKIP LOCKED" : "";
        return db.inTransaction(tx -> db.execute(tx, "SELECT id, channel, target, event_type, subject, payload, attempts FROM notify_outbox"
                + " WHERE status = $1 AND next_attempt_at <= $2 AND lease_until <= $3 ORDER BY created_at, id LIMIT " + BATCH + lock,
                Outbox.PENDING, now, now)
            .compose(rs -> {
                List<Delivery> due = new ArrayList<>();
                for (Row r : rs) {
                    due.add(new Delivery(r.getString("id"), r.getString("channel"), r.getString("target"), r.getString("event_type"),
                        r.getString("subject"), r.getString("payload"), r.getInteger("attempts")));
                }
                List<Delivery> claimed = new ArrayList<>();
                Future<Void> chain = Future.succeededFuture();
                for (Delivery d : due) {
                    chain = chain.compose(v -> db.execute(tx, "UPDATE notify_outbox SET lease_until = $1, claimed_by = $2"
                            + " WHERE id = $3 AND status = $4 AND lease_until <= $5", now + LEASE_MS, nodeId, d.id(), Outbox.PENDING, now)
                        .map(u -> {
                            if (u.rowCount() == 1) {
                                claimed.add(d);
                            }
                            return null;
                        }));
                }
                return chain.map(v -> claimed);
            }))
            .compose(claimed -> {
                List<Future<Void>> sends = new ArrayList<>();
                for (Delivery d : claimed) {
                    sends.add(send(d));
                }
                return Future.join(sends).map(v -> claimed.size());
            });
    }

    private Future<Void> send(Delivery d) {
        Channel ch = channels.get(d.channel());
        long t0 = System.nanoTime();
        Future<Outcome> out = ch == null ? Future.succeededFuture(Outcome.gone("no " + d.channel() + " channel on this node"))
            : ch.send(d).recover(e -> Future.succeededFuture(Outcome.failed(null, String.valueOf(e.getMessage()))));
        return out.compose(o -> record(d, o, (System.nanoTime() - t0) / 1_000_000))
            .recover(e -> {
                LOG.warn("recording delivery {} failed; it is sent again after the lease", d.id(), e);
                return Future.succeededFuture();
            });
    }

    private Future<Void> record(Delivery d, Outcome o, long ms) {
        long now = clock.millis();
        int attempt = d.attempts() + 1;
        String error = o.error() == null ? null : o.error().length() > 500 ? o.error().substring(0, 500) : o.error();
        String status;
        long next;
        if (o.ok()) {
            status = Outbox.DELIVERED;
            next = now;
        } else if (!o.retry() || attempt >= maxAttempts) {
            status = Outbox.FAILED;
            next = now;
            LOG.warn("delivery {} ({} to {}) given up after {} attempt(s): {}", d.id(), d.channel(), d.target(), attempt, error);
        } else {
            status = Outbox.PENDING;
            next = now + backoff(attempt);
        }
        return db.inTransaction(tx -> db.execute(tx, "UPDATE notify_outbox SET status = $1, attempts = $2, next_attempt_at = $3,"
                + " lease_until = 0, last_status = $4, last_error = $5, delivered_at = $6 WHERE id = $7 AND status = $8",
                status, attempt, next, o.status(), error, o.ok() ? now : null, d.id(), Outbox.PENDING)
            .compose(u -> u.rowCount() == 0 ? Future.succeededFuture() : db.execute(tx, "INSERT INTO notify_attempts"
                + " (delivery_id, attempt, at, ok, status, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                d.id(), attempt, now, o.ok() ? 1 : 0, o.status(), error, ms))
            .mapEmpty());
    }
}
