package com.sealflow.server.notify;

import com.sealflow.server.db.AfterCommit;
import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;

/**
 * Writes deliveries (an e-mail, a webhook call) in the caller's transaction, so one exists exactly when the action
 * that caused it commits, and wakes the relay once it has.
 */
final class Outbox {

    static final String MAIL = "MAIL";
    static final String WEBHOOK = "WEBHOOK";
    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";

    private final Database db;
    private final Clock clock;
    private volatile Runnable onCommit = () -> { };

    Outbox(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    void onCommit(Runnable kick) {
        this.onCommit = kick;
    }

    /** Stores one delivery with the given id (the stable delivery id / Message-ID) in {@code tx}. */
    Future<Void> enqueue(SqlConnection tx, String id, String channel, String target, String eventType, String subject,
                         String payload) {
        long now = clock.millis();
        return db.execute(tx, "INSERT INTO notify_outbox (id, channel, target, event_type, subject, payload, status, attempts,"
                + " next_attempt_at, lease_until, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, 0, $9)",
                id, channel, target, eventType, subject, payload, PENDING, now, now)
            .map(rs -> {
                AfterCommit.run(tx, onCommit);
                return null;
            });
    }
}
