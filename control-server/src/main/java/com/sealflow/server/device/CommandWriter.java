package com.sealflow.server.device;

import com.sealflow.server.db.AfterCommit;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

/** Inserts a command row and its outbox row in the caller's transaction, and wakes the relay after commit. */
final class CommandWriter {

    /** Kinds of command; the MQTT command name is the lower-case kind. */
    enum Kind { UNLOCK, REVOKE, CONFIG, PING, RESEND }

    /** Columns of a new command; unlock-only ones are null for other kinds. */
    record NewCommand(String id, String deviceId, Kind kind, CommandState state, String requestId, String requestNo,
                      String action, String sealId, Integer slot, String custodianIds, String handleTaskId, String tokenId,
                      Long counter, String kid, Integer pressesAllowed, String targetId, String reason, long now, long expiresAt,
                      JsonObject payload) {
    }

    private final Database db;
    private final Runnable kick;
    private final OutboxRelay fastPath;
    private final java.time.Clock clock;

    /** Rows are left unclaimed; {@code kick} wakes a relay after commit. */
    CommandWriter(Database db, Runnable kick) {
        this.db = db;
        this.kick = kick;
        this.fastPath = null;
        this.clock = null;
    }

    /**
     * Fast path: the writing node claims its own rows in the writing transaction and publishes them from memory
     * the moment it commits, saving a claim round trip, in the order each device's rows were written; a crash
     * before publishing leaves a lease that runs out.
     */
    CommandWriter(Database db, OutboxRelay relay, java.time.Clock clock) {
        this.db = db;
        this.kick = relay::kick;
        this.fastPath = relay;
        this.clock = clock;
    }

    Future<String> insert(SqlConnection tx, NewCommand c) {
        boolean open = !c.state().isTerminal();
        Future<?> row = db.execute(tx, "INSERT INTO device_command (id, device_id, kind, state, request_id, request_no, action, "
            + "seal_id, slot, custodian_ids, handle_task_id, token_id, counter, kid, presses_allowed, target_id, reason, "
            + "created_at, updated_at, expires_at, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
            + "$15, $16, $17, $18, $19, $20, $21)",
            c.id(), c.deviceId(), c.kind().name(), c.state().name(), c.requestId(), c.requestNo(), c.action(), c.sealId(),
            c.slot(), c.custodianIds(), c.handleTaskId(), c.tokenId(), c.counter(), c.kid(), c.pressesAllowed(), c.targetId(),
            c.reason(), c.now(), c.now(), c.expiresAt(), open ? c.expiresAt() : null);
        if (!open) {
            return row.map(c.id());
        }
        String topic = Topics.command(c.deviceId(), c.kind().name().toLowerCase(java.util.Locale.ROOT));
        String outboxId = Ids.newId();
        String payload = c.payload().encode();
        if (fastPath != null) {
            return row.compose(v -> db.execute(tx, "INSERT INTO device_outbox (id, command_id, topic, payload, created_at, claimed_by, "
                    + "claim_until, attempts) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)", outboxId, c.id(), topic, payload, c.now(),
                    fastPath.nodeId(), clock.millis() + OutboxRelay.LEASE_MS))
                .map(v -> {
                    fastPath.publishAfterCommit(tx, c.deviceId(), outboxId, c.id(), topic, payload);
                    return c.id();
                });
        }
        return row.compose(v -> db.execute(tx, "INSERT INTO device_outbox (id, command_id, topic, payload, created_at) "
                + "VALUES ($1, $2, $3, $4, $5)", outboxId, c.id(), topic, payload, c.now()))
            .map(v -> {
                afterCommit(tx);
                return c.id();
            });
    }

    /** Publishing starts the moment the caller's transaction commits; the poller catches anything missed. */
    private void afterCommit(SqlConnection tx) {
        afterCommit(tx, kick);
    }

    static void afterCommit(SqlConnection tx, Runnable action) {
        AfterCommit.run(tx, action);
    }

    /** Cancels a command's unsent outbox rows (expired or revoked before it left). */
    Future<Void> cancelOutbox(SqlConnection tx, String commandId, long now) {
        return db.execute(tx, "UPDATE device_outbox SET sent_at = $1, claimed_by = 'CANCELLED' WHERE command_id = $2 "
            + "AND sent_at IS NULL", -now, commandId).mapEmpty();
    }

    static String skipLocked(Database db) {
        return db.dialect() == Dialect.POSTGRES ? " FOR UPDATE SKIP LOCKED" : "";
    }
}
