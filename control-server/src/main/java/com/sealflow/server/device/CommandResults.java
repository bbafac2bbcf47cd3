package com.sealflow.server.device;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;

/** Moves commands on device answers and due times, and tells the request module when a HANDLE task's devices are done. */
final class CommandResults {

    private final Database db;
    private final Clock clock;
    private final DeviceSettings settings;
    private final CommandWriter writer;
    private final Runnable reporterKick;

    CommandResults(Database db, Clock clock, DeviceSettings settings, CommandWriter writer, Runnable reporterKick) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.writer = writer;
        this.reporterKick = reporterKick;
    }

    Future<Void> apply(String deviceId, String commandId, JsonObject result) {
        CommandState next;
        try {
            next = CommandState.valueOf(String.valueOf(result.getString("state")));
        } catch (IllegalArgumentException | ClassCastException e) {
            DeviceCommands.logIgnored(deviceId, commandId, "unknown state");
            return Future.succeededFuture();
        }
        if (next != CommandState.ACCEPTED && next != CommandState.REJECTED && next != CommandState.DONE) {
            DeviceCommands.logIgnored(deviceId, commandId, "a device may not report " + next);
            return Future.succeededFuture();
        }
        if (!next.isTerminal()) {
            // ACCEPTED ends nothing: only this command's row is read, locked and moved (one row, so no lock order to keep)
            return db.inTransaction(tx -> db.execute(tx, "SELECT id, device_id, kind, state, request_id, handle_task_id, kid, "
                    + "expires_at FROM device_command WHERE id = $1 AND device_id = $2" + db.forUpdate(), commandId, deviceId)
                .compose(rs -> {
                    if (rs.size() == 0) {
                        DeviceCommands.logIgnored(deviceId, commandId, "no such command of this device");
                        return Future.succeededFuture();
                    }
                    return transition(tx, rs.iterator().next(), next, result);
                }));
        }
        return db.inTransaction(tx -> db.execute(tx, "SELECT handle_task_id, request_id FROM device_command WHERE id = $1 "
                + "AND device_id = $2", commandId, deviceId)
            .compose(rs -> {
                if (rs.size() == 0) {
                    DeviceCommands.logIgnored(deviceId, commandId, "no such command of this device");
                    return Future.succeededFuture();
                }
                Row head = rs.iterator().next();
                String task = head.getString("handle_task_id");
                // A REJECTED or DONE answer may end the HANDLE task's device side: lock every unlock of the task in id
                // order first, so two devices answering at once do not both (or neither) see themselves as last.
                Future<?> locked = task == null ? Future.succeededFuture()
                    : db.execute(tx, "SELECT id FROM device_command WHERE handle_task_id = $1 AND request_id = $2 ORDER BY id"
                        + db.forUpdate(), task, head.getString("request_id"));
                return locked.compose(v -> db.execute(tx, "SELECT id, device_id, kind, state, request_id, "
                    + "handle_task_id, kid, expires_at FROM device_command WHERE id = $1" + db.forUpdate(), commandId))
                    .compose(cmd -> transition(tx, cmd.iterator().next(), next, result));
            }));
    }

    private Future<Void> transition(SqlConnection tx, Row cmd, CommandState next, JsonObject result) {
        CommandState current = CommandState.valueOf(cmd.getString("state"));
        String id = cmd.getString("id");
        if (!current.canMoveTo(next)) {
            // QoS 1 repeats and answers after expiry/revocation land here; they change nothing.
            DeviceCommands.logIgnored(cmd.getString("device_id"), id, current + " cannot become " + next);
            return Future.succeededFuture();
        }
        long now = clock.millis();
        String reason = next == CommandState.REJECTED ? truncate(result.getValue("reason")) : null;
        Integer used = next == CommandState.DONE && result.getValue("pressesUsed") instanceof Number n ? n.intValue() : null;
        Long due = next == CommandState.ACCEPTED ? (Long) (cmd.getLong("expires_at") + settings.sessionGrace().toMillis()) : null;
        Long acceptedAt = next == CommandState.ACCEPTED ? (Long) now : null;
        Future<?> update = db.execute(tx, "UPDATE device_command SET state = $1, reason = COALESCE($2, reason), "
            + "presses_used = COALESCE($3, presses_used), updated_at = $4, due_at = $5, accepted_at = COALESCE(accepted_at, $6) "
            + "WHERE id = $7", next.name(), reason, used, now, due, acceptedAt, id);
        String kind = cmd.getString("kind");
        if (next.isTerminal()) {
            update = update.compose(v -> writer.cancelOutbox(tx, id, now));
        }
        if ("CONFIG".equals(kind) && next == CommandState.DONE) {
            // Key rotation, step 2: this device has the new key now; sign its next tokens with it.
            update = update.compose(v -> db.execute(tx, "UPDATE device SET token_kid = $1 WHERE id = $2",
                cmd.getString("kid"), cmd.getString("device_id")));
        }
        if ("UNLOCK".equals(kind) && next.isTerminal() && cmd.getString("handle_task_id") != null) {
            update = update.compose(v -> finishHandleIfLast(tx, cmd.getString("request_id"), cmd.getString("handle_task_id"), id));
        }
        return update.mapEmpty();
    }

    /**
     * When every unlock of the HANDLE task has ended and one ended DONE, the task's device side is finished: mark
     * this command for reporting (a due time the {@link HandleReporter} claims), and report right after commit.
     */
    Future<Void> finishHandleIfLast(SqlConnection tx, String requestId, String handleTaskId, String commandId) {
        return db.execute(tx, "SELECT state FROM device_command WHERE handle_task_id = $1 AND request_id = $2 AND kind = 'UNLOCK'",
            handleTaskId, requestId).compose(rs -> {
                boolean anyDone = false;
                for (Row r : rs) {
                    CommandState state = CommandState.valueOf(r.getString("state"));
                    if (!state.isTerminal()) {
                        return Future.succeededFuture();
                    }
                    anyDone |= state == CommandState.DONE;
                }
                if (!anyDone) {
                    return Future.succeededFuture();
                }
                return db.execute(tx, "UPDATE device_command SET handle_due_at = $1 WHERE id = $2", clock.millis(), commandId)
                    .map(v -> {
                        CommandWriter.afterCommit(tx, reporterKick);
                        return null;
                    });
            });
    }

    Future<Integer> expireDue() {
        long now = clock.millis();
        return db.inTransaction(tx -> db.execute(tx, "SELECT id, kind, request_id, handle_task_id FROM device_command "
                + "WHERE due_at <= $1 AND state IN " + CommandState.openSql() + " ORDER BY due_at LIMIT 200"
                + CommandWriter.skipLocked(db), now)
            .compose(rs -> expireAll(tx, rs, now)));
    }

    private Future<Integer> expireAll(SqlConnection tx, RowSet<Row> rs, long now) {
        Future<Void> chain = Future.succeededFuture();
        for (Row r : rs) {
            String id = r.getString("id");
            chain = chain.compose(v -> db.execute(tx, "UPDATE device_command SET state = 'EXPIRED', due_at = NULL, updated_at = $1 "
                    + "WHERE id = $2", now, id))
                .compose(v -> writer.cancelOutbox(tx, id, now))
                .compose(v -> "UNLOCK".equals(r.getString("kind")) && r.getString("handle_task_id") != null
                    ? finishHandleIfLast(tx, r.getString("request_id"), r.getString("handle_task_id"), id) : Future.succeededFuture());
        }
        return chain.map(v -> rs.size());
    }

    private static String truncate(Object reason) {
        if (reason == null) {
            return "UNSPECIFIED";
        }
        String s = String.valueOf(reason);
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
