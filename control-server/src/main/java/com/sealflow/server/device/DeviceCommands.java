package com.sealflow.server.device;

import com.sealflow.server.web.ProblemException;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import com.sealflow.server.device.CommandWriter.Kind;
import com.sealflow.server.device.CommandWriter.NewCommand;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands to devices: unlock grants written in the approving transaction, revocations, key-set updates and
 * pings; every command leaves through the outbox. Device answers ({@code cmd-res}) and due times move commands
 * through {@link CommandState}; see {@link CommandResults} and {@link #expireDue()}.
 */
public final class DeviceCommands {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceCommands.class);
    private static final long CONTROL_COMMAND_TTL_MS = 24 * 3600_000L;

    private final Database db;
    private final Clock clock;
    private final DeviceSettings settings;
    private final SigningKeys keys;
    private final CommandWriter writer;
    private final CommandResults results;
    private final HandleReporter reporter;

    /** Commands are published by {@code relay} straight after the writing transaction commits (the fast path). */
    public DeviceCommands(Database db, Clock clock, DeviceSettings settings, SigningKeys keys, HandleCompletion completion,
                          OutboxRelay relay) {
        this(db, clock, settings, keys, completion, new CommandWriter(db, relay, clock));
    }

    /** Outbox rows wait for a relay round; {@code relayKick} starts one after commit. */
    public DeviceCommands(Database db, Clock clock, DeviceSettings settings, SigningKeys keys, HandleCompletion completion,
                          Runnable relayKick) {
        this(db, clock, settings, keys, completion, new CommandWriter(db, relayKick));
    }

    private DeviceCommands(Database db, Clock clock, DeviceSettings settings, SigningKeys keys, HandleCompletion completion,
                           CommandWriter writer) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.keys = keys;
        this.writer = writer;
        this.reporter = new HandleReporter(db, clock, completion);
        this.results = new CommandResults(db, clock, settings, writer, reporter::kick);
    }

    /**
     * Writes one signed unlock grant and its outbox row per seal, inside the caller's (approving) transaction.
     * A seal on a disabled or not yet enrolled device gets a REJECTED command instead, so the approval still
     * commits and the custodian can complete the task on the web with a reason.
     *
     * @return the command ids, in the order of {@code request.seals()}
     */
    public Future<List<String>> issueUnlocks(SqlConnection tx, UnlockRequest request) {
        List<String> ids = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (UnlockRequest.SealUnlock seal : request.seals()) {
            chain = chain.compose(v -> issueOne(tx, request, seal)).map(id -> {
                ids.add(id);
                return null;
            });
        }
        return chain.map(v -> ids);
    }

    private Future<String> issueOne(SqlConnection tx, UnlockRequest request, UnlockRequest.SealUnlock seal) {
        String custodian = request.custodianUserIds().isEmpty() ? null : request.custodianUserIds().get(0);
        String custodians = String.join(",", request.custodianUserIds());
        int presses = Math.max(1, seal.copies());
        // One statement takes the device's next counter and locks its row: the lock also serialises all unlocks of one
        // device, so counters are strictly increasing; the time and id are taken under it, so a device's commands also
        // sort by created_at in counter order. A device that gets a refusal instead keeps its counter.
        return db.execute(tx, "UPDATE device SET cmd_counter = cmd_counter + CASE WHEN status <> 'DISABLED' AND enrolled_at IS NOT NULL "
                + "AND $1 = 1 THEN 1 ELSE 0 END WHERE id = $2 RETURNING status, token_kid, enrolled_at, cmd_counter",
                custodian == null ? 0 : 1, seal.deviceId())
            .compose(rs -> {
                long now = clock.millis();
                long notAfter = now + settings.unlockTtl().toMillis();
                String commandId = Ids.newId();
                if (rs.size() == 0) {
                    return Future.failedFuture(ProblemException.notFound("device " + seal.deviceId() + " of seal " + seal.sealId()));
                }
                Row device = rs.iterator().next();
                String refusal = "DISABLED".equals(device.getString("status")) ? "DEVICE_DISABLED"
                    : device.getLong("enrolled_at") == null ? "DEVICE_NOT_ENROLLED"
                    : custodian == null ? "NO_CUSTODIAN" : null;
                if (refusal != null) {
                    return writer.insert(tx, new NewCommand(commandId, seal.deviceId(), Kind.UNLOCK, CommandState.REJECTED,
                        request.requestId(), request.requestNo(), request.action(), seal.sealId(), seal.slot(), custodians,
                        request.handleTaskId(), null, null, null, presses, null, refusal, now, notAfter, null));
                }
                long counter = device.getLong("cmd_counter");
                SigningKeys.Key key = keys.byKid(device.getString("token_kid")).filter(k -> k.privateKey() != null)
                    .orElseGet(keys::newest);
                String tokenId = Ids.newId();
                String token = TokenSigning.sign(new UnlockClaims(tokenId, seal.deviceId(), seal.sealId(), seal.slot(),
                    request.requestId(), custodian, presses, now, notAfter, counter), key);
                JsonObject payload = envelope(commandId, seal.deviceId(), "unlock", now, new JsonObject().put("token", token))
                    .put("issuedAt", now).put("expiresAt", notAfter);
                return writer.insert(tx, new NewCommand(commandId, seal.deviceId(), Kind.UNLOCK, CommandState.QUEUED,
                    request.requestId(), request.requestNo(), request.action(), seal.sealId(), seal.slot(), custodians,
                    request.handleTaskId(), tokenId, counter, key.kid(), presses, null, null, now, notAfter, payload));
            });
    }

    /** Revokes the request's open unlocks (withdrawal, cancellation, completion on the web). */
    public Future<Integer> revokeRequest(SqlConnection tx, String requestId, String reason) {
        return revokeWhere(tx, "request_id = $1", requestId, reason);
    }

    /** Revokes open unlocks of a seal reported lost. */
    public Future<Integer> revokeSeal(SqlConnection tx, String sealId, String reason) {
        return revokeWhere(tx, "seal_id = $1", sealId, reason);
    }

    /** Revokes open unlocks of a device being disabled. */
    public Future<Integer> revokeDevice(SqlConnection tx, String deviceId) {
        return revokeWhere(tx, "device_id = $1", deviceId, "DEVICE_DISABLED");
    }

    private Future<Integer> revokeWhere(SqlConnection tx, String where, String value, String reason) {
        long now = clock.millis();
        return db.execute(tx, "SELECT id, device_id, token_id FROM device_command WHERE " + where + " AND kind = 'UNLOCK' "
                + "AND state IN " + CommandState.openSql() + " ORDER BY id" + db.forUpdate(), value)
            .compose(rs -> {
                Future<Void> chain = Future.succeededFuture();
                for (Row r : rs) {
                    String unlockId = r.getString("id");
                    String deviceId = r.getString("device_id");
                    String revokeId = Ids.newId();
                    JsonObject payload = envelope(revokeId, deviceId, "revoke", now,
                        new JsonObject().put("tokenId", r.getString("token_id")).put("reason", reason));
                    chain = chain
                        .compose(v -> db.execute(tx, "UPDATE device_command SET state = 'REVOKED', reason = $1, updated_at = $2, "
                            + "due_at = NULL WHERE id = $3", reason, now, unlockId))
                        .compose(v -> writer.cancelOutbox(tx, unlockId, now))
                        .compose(v -> writer.insert(tx, new NewCommand(revokeId, deviceId, Kind.REVOKE, CommandState.QUEUED, null,
                            null, null, null, null, null, null, null, null, null, null, unlockId, reason, now,
                            now + CONTROL_COMMAND_TTL_MS, payload)))
                        .mapEmpty();
                }
                return chain.map(v -> rs.size());
            });
    }

    /** Sends {@code cmd/ping}; DONE when the device answers. */
    public Future<String> ping(String deviceId) {
        long now = clock.millis();
        String id = Ids.newId();
        JsonObject payload = envelope(id, deviceId, "ping", now, new JsonObject());
        return db.inTransaction(tx -> writer.insert(tx, new NewCommand(id, deviceId, Kind.PING, CommandState.QUEUED, null, null,
            null, null, null, null, null, null, null, null, null, null, null, now, now + CONTROL_COMMAND_TTL_MS, payload)));
    }

    /**
     * Sends {@code cmd/resend} in the caller's transaction: the device's events {@code fromSeq..toSeq} never reached
     * this server (a node died after the broker had acknowledged them), so its agent publishes them again from its
     * journal. The intake takes them as late arrivals.
     */
    public Future<Void> requestResend(SqlConnection tx, String deviceId, long fromSeq, long toSeq) {
        long now = clock.millis();
        String id = Ids.newId();
        JsonObject payload = envelope(id, deviceId, "resend", now, new JsonObject().put("fromSeq", fromSeq).put("toSeq", toSeq));
        return writer.insert(tx, new NewCommand(id, deviceId, Kind.RESEND, CommandState.QUEUED, null, null, null, null, null, null,
            null, null, null, null, null, null, null, now, now + CONTROL_COMMAND_TTL_MS, payload)).mapEmpty();
    }

    /**
     * Key rotation, step 1: adds a signing key and sends the whole key set to every enrolled, enabled device.
     * Each device is signed for with the new key only after it answered DONE to that config (step 2, in
     * {@link CommandResults}); a device that never answers keeps getting tokens it can verify.
     */
    public Future<String> rotateSigningKey() {
        SigningKeys.Key key = keys.rotate();
        JsonArray set = keys.publicKeySet();
        long now = clock.millis();
        return db.inTransaction(tx -> db.execute(tx, "SELECT id FROM device WHERE enrolled_at IS NOT NULL AND status <> 'DISABLED'")
            .compose(rs -> {
                Future<Void> chain = Future.succeededFuture();
                for (Row r : rs) {
                    String deviceId = r.getString("id");
                    String id = Ids.newId();
                    JsonObject payload = envelope(id, deviceId, "config", now, new JsonObject().put("tokenKeys", set));
                    chain = chain.compose(v -> writer.insert(tx, new NewCommand(id, deviceId, Kind.CONFIG, CommandState.QUEUED, null,
                        null, null, null, null, null, null, null, null, key.kid(), null, null, null, now,
                        now + CONTROL_COMMAND_TTL_MS, payload)).mapEmpty());
                }
                return chain;
            })).map(v -> key.kid());
    }

    /** A {@code cmd-res} message from a device (the topic names device and command). */
    public Future<Void> onResult(String deviceId, String commandId, JsonObject result) {
        return results.apply(deviceId, commandId, result);
    }

    /** Expires open commands whose due time passed; claimed in one transaction, so each expires once. */
    public Future<Integer> expireDue() {
        return results.expireDue();
    }

    /** Reports finished HANDLE tasks that are due (after a crash or a failed report); the timer calls it. */
    public Future<Integer> reportFinishedHandles() {
        return reporter.reportDue();
    }

    /**
     * {@code [{commandId, deviceId, state, sealId, slot, pressesAllowed, pressesUsed, reason, createdAt, acceptedAt}]} of a
     * request's unlocks; {@code acceptedAt} is when the server heard the device's ACCEPTED (null before).
     */
    public Future<JsonArray> unlocksOf(String requestId) {
        return unlocksOf(db.pool(), requestId);
    }

    /** As {@link #unlocksOf(String)}, read on {@code reads} (a connection the caller holds for its reads). */
    public Future<JsonArray> unlocksOf(SqlClient reads, String requestId) {
        return db.execute(reads, "SELECT id, device_id, state, seal_id, slot, presses_allowed, presses_used, reason, created_at, "
            + "accepted_at FROM device_command WHERE request_id = $1 AND kind = 'UNLOCK' ORDER BY created_at, id", requestId).map(rs -> {
                JsonArray out = new JsonArray();
                rs.forEach(r -> out.add(new JsonObject().put("commandId", r.getString("id")).put("deviceId", r.getString("device_id"))
                    .put("state", r.getString("state")).put("sealId", r.getString("seal_id")).put("slot", r.getInteger("slot"))
                    .put("pressesAllowed", r.getInteger("presses_allowed")).put("pressesUsed", r.getInteger("presses_used"))
                    .put("reason", r.getString("reason")).put("createdAt", r.getLong("created_at"))
                    .put("acceptedAt", r.getLong("accepted_at"))));
                return out;
            });
    }

    /** The unlock that carried a token: {commandId, deviceId, requestId, sealId, slot, pressesAllowed, state}, or null. */
    public Future<JsonObject> unlockOfToken(String tokenId) {
        return unlockOfToken(db.pool(), tokenId);
    }

    /** As {@link #unlockOfToken(String)}, read through {@code client} (e.g. inside the caller's transaction). */
    public Future<JsonObject> unlockOfToken(SqlClient client, String tokenId) {
        if (tokenId == null) {
            return Future.succeededFuture(null);
        }
        return db.execute(client, "SELECT id, device_id, request_id, seal_id, slot, presses_allowed, state FROM device_command "
            + "WHERE token_id = $1", tokenId).map(rs -> rs.size() == 0 ? null : unlockJson(rs.iterator().next()));
    }

    /** Unlocks of the device that are accepted (armed or in session) right now. */
    public Future<List<JsonObject>> acceptedUnlocks(String deviceId) {
        return acceptedUnlocks(db.pool(), deviceId);
    }

    /** As {@link #acceptedUnlocks(String)}, read through {@code client} (e.g. inside the caller's transaction). */
    public Future<List<JsonObject>> acceptedUnlocks(SqlClient client, String deviceId) {
        return db.execute(client, "SELECT id, device_id, request_id, seal_id, slot, presses_allowed, state FROM device_command "
            + "WHERE device_id = $1 AND kind = 'UNLOCK' AND state = 'ACCEPTED'", deviceId).map(rs -> {
                List<JsonObject> out = new ArrayList<>();
                rs.forEach(r -> out.add(unlockJson(r)));
                return out;
            });
    }

    private static JsonObject unlockJson(Row r) {
        return new JsonObject().put("commandId", r.getString("id")).put("deviceId", r.getString("device_id"))
            .put("requestId", r.getString("request_id")).put("sealId", r.getString("seal_id")).put("slot", r.getInteger("slot"))
            .put("pressesAllowed", r.getInteger("presses_allowed")).put("state", r.getString("state"));
    }

    /**
     * A command payload: DEVICE-CONTRACT's flat fields ({@code commandId}, {@code token}, {@code tokenId},
     * {@code tokenKeys}...) plus firmware-protocol's {@code CommandEnvelope} fields ({@code deviceId, name, sentAt,
     * params}), so an agent reading either shape finds what it needs.
     */
    static JsonObject envelope(String commandId, String deviceId, String name, long sentAt, JsonObject params) {
        JsonObject out = new JsonObject().put("commandId", commandId).put("deviceId", deviceId).put("name", name)
            .put("sentAt", sentAt).put("params", params.copy());
        params.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static void logIgnored(String deviceId, String commandId, String why) {
        LOG.info("ignored cmd-res {} from {}: {}", commandId, deviceId, why);
    }
}
