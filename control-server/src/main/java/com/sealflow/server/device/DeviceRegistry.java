package com.sealflow.server.device;

import com.sealflow.server.web.ProblemException;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.device.broker.BrokerSessions;
import com.sealflow.server.device.broker.DeviceAuthenticator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device fleet: registration, one-time enrolment, enable/disable, credentials, status and last seen.
 * A disabled device's credentials stop working at once (every login and upload is checked against the
 * database) and its live MQTT session is cut.
 */
public final class DeviceRegistry implements DeviceAuthenticator {

    /** What an admin registers. {@code id} may be null (one is made up). */
    public record NewDevice(String id, String serialNo, DeviceKind kind, String location, List<SealBinding> seals) {
    }

    /** Called inside the disabling transaction (DeviceCommands revokes the device's open unlocks). */
    @FunctionalInterface
    public interface DisableHook {
        Future<Void> disabled(SqlConnection tx, String deviceId);
    }

    /** Where a device's seals come from: the seal registry once wired (seal = {deviceId, slot}), else our own table. */
    @FunctionalInterface
    public interface SealSource {
        Future<List<SealBinding>> boundTo(SqlClient client, String deviceId);
    }

    /** The audit log, inside the changing transaction (the platform's {@code AuditLog.append}). */
    @FunctionalInterface
    public interface Audit {
        Future<?> record(SqlConnection tx, String actorId, String action, String deviceId, JsonObject details);

        Audit NONE = (tx, actorId, action, deviceId, details) -> Future.succeededFuture();
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);
    private static final String COLUMNS = "id, serial_no, kind, status, location, last_seen_at, firmware, enrolled_at";
    /**
     * last_seen_at is written at most this often per device, not on every message: each write is a transaction of its
     * own (on SQLite the one writer lock), and at 100 unlocks/s the answers alone would add 100 writes a second.
     */
    private static final long TOUCH_EVERY_MS = 5_000;

    private final Database db;
    private final Clock clock;
    private final DeviceSettings settings;
    private final SigningKeys keys;
    private final BrokerSessions sessions;
    private final DisableHook onDisable;
    private final List<BiConsumer<String, String>> statusListeners = new CopyOnWriteArrayList<>();
    private volatile SealSource sealSource;
    private volatile Audit audit = Audit.NONE;
    private final java.util.Map<String, Long> touched = new java.util.concurrent.ConcurrentHashMap<>();
    /** Parsed public keys by their stored text: the intake asks for one per event batch. */
    private final java.util.Map<String, PublicKey> parsedKeys = new java.util.concurrent.ConcurrentHashMap<>();

    public DeviceRegistry(Database db, Clock clock, DeviceSettings settings, SigningKeys keys, BrokerSessions sessions,
                          DisableHook onDisable) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.keys = keys;
        this.sessions = sessions;
        this.onDisable = onDisable;
        this.sealSource = this::ownBindings;
    }

    public void setAudit(Audit audit) {
        this.audit = audit == null ? Audit.NONE : audit;
    }

    /** Told (deviceId, ONLINE|OFFLINE) after a connectivity change is stored; informational (statistics, alerts). */
    public void addStatusListener(BiConsumer<String, String> listener) {
        statusListeners.add(listener);
    }

    public void setSealSource(SealSource source) {
        this.sealSource = source == null ? this::ownBindings : source;
    }

    private Future<List<SealBinding>> ownBindings(SqlClient client, String deviceId) {
        return db.execute(client, "SELECT seal_id, slot FROM device_seal WHERE device_id = $1 ORDER BY slot, seal_id", deviceId)
            .map(rs -> {
                List<SealBinding> list = new ArrayList<>();
                rs.forEach(r -> list.add(new SealBinding(r.getString("seal_id"), r.getInteger("slot"))));
                return list;
            });
    }

    public Future<Device> create(NewDevice d) {
        return create(d, null);
    }

    public Future<Device> create(NewDevice d, String actorId) {
        String id = d.id() == null || d.id().isBlank() ? "dev-" + Secrets.token(6).toLowerCase(java.util.Locale.ROOT) : d.id();
        if (!Topics.validDeviceId(id)) {
            return Future.failedFuture(ProblemException.badRequest("device id must be 1-64 letters, digits, '.', '_' or '-'"));
        }
        if (d.serialNo() == null || d.serialNo().isBlank() || d.kind() == null) {
            return Future.failedFuture(ProblemException.badRequest("serialNo and kind are required"));
        }
        List<SealBinding> seals = d.seals() == null ? List.of() : d.seals();
        if (d.kind() == DeviceKind.SEAL_DEVICE && seals.size() > 1) {
            return Future.failedFuture(ProblemException.badRequest("a SEAL_DEVICE holds one seal"));
        }
        long now = clock.millis();
        return db.inTransaction(tx -> db.execute(tx, "SELECT id FROM device WHERE id = $1 OR serial_no = $2", id, d.serialNo())
            .compose(rs -> {
                if (rs.size() > 0) {
                    return Future.failedFuture(ProblemException.conflict("a device with this id or serial number exists"));
                }
                return db.execute(tx, "INSERT INTO device (id, serial_no, kind, location, status, created_at) "
                    + "VALUES ($1, $2, $3, $4, $5, $6)", id, d.serialNo(), d.kind().name(), d.location(),
                    DeviceStatus.PENDING_ENROLMENT.name(), now);
            })
            .compose(v -> bind(tx, id, seals))
            .compose(v -> audit.record(tx, actorId, "device.create", id, new JsonObject().put("serialNo", d.serialNo())
                .put("kind", d.kind().name())))
            .compose(v -> get(tx, id)));
    }

    private Future<Void> bind(SqlConnection tx, String deviceId, List<SealBinding> seals) {
        Future<Void> chain = Future.succeededFuture();
        for (SealBinding s : seals) {
            chain = chain.compose(v -> db.execute(tx, "INSERT INTO device_seal (device_id, seal_id, slot) VALUES ($1, $2, $3)",
                deviceId, s.sealId(), s.slot()).mapEmpty());
        }
        return chain;
    }

    public Future<Device> get(String id) {
        return db.pool().withConnection(conn -> get(conn, id));
    }

    Future<Device> get(SqlConnection conn, String id) {
        return db.execute(conn, "SELECT " + COLUMNS + " FROM device WHERE id = $1", id).compose(rs -> {
            if (rs.size() == 0) {
                return Future.failedFuture(ProblemException.notFound("device " + id));
            }
            Row row = rs.iterator().next();
            return sealSource.boundTo(conn, id).map(seals -> toDevice(row, seals));
        });
    }

    public Future<List<Device>> list() {
        return db.pool().withConnection(conn -> db.execute(conn, "SELECT " + COLUMNS + " FROM device ORDER BY id").compose(rs -> {
            List<Device> out = new ArrayList<>();
            Future<Void> chain = Future.succeededFuture();
            for (Row r : rs) {
                chain = chain.compose(v -> sealSource.boundTo(conn, r.getString("id")).map(seals -> {
                    out.add(toDevice(r, seals));
                    return null;
                }));
            }
            return chain.map(v -> out);
        }));
    }

    private static Device toDevice(Row r, List<SealBinding> seals) {
        return new Device(r.getString("id"), r.getString("serial_no"), DeviceKind.valueOf(r.getString("kind")),
            DeviceStatus.valueOf(r.getString("status")), r.getString("location"), r.getLong("last_seen_at"),
            r.getString("firmware"), List.copyOf(seals), r.getLong("enrolled_at"));
    }

    /** A new one-time code for enrolling (or re-enrolling) the device; earlier unused codes stop working. */
    public Future<EnrolmentCode> issueEnrolmentCode(String deviceId) {
        return issueEnrolmentCode(deviceId, null);
    }

    public Future<EnrolmentCode> issueEnrolmentCode(String deviceId, String actorId) {
        String code = Secrets.enrolmentCode();
        long now = clock.millis();
        long expiresAt = now + settings.enrolmentCodeTtl().toMillis();
        return db.inTransaction(tx -> get(tx, deviceId).compose(d -> {
            if (d.status() == DeviceStatus.DISABLED) {
                return Future.failedFuture(ProblemException.conflict("device is disabled; enable it first"));
            }
            return db.execute(tx, "UPDATE device_enrolment_code SET used_at = $1 WHERE device_id = $2 AND used_at IS NULL",
                    now, deviceId)
                .compose(v -> db.execute(tx, "INSERT INTO device_enrolment_code (code_hash, device_id, created_at, expires_at) "
                    + "VALUES ($1, $2, $3, $4)", Secrets.hash(Secrets.normaliseCode(code)), deviceId, now, expiresAt))
                .compose(v -> audit.record(tx, actorId, "device.enrolment-code", deviceId, new JsonObject().put("expiresAt", expiresAt)));
        })).map(v -> EnrolmentCode.of(deviceId, code, expiresAt, settings.httpBaseUrl()));
    }

    /**
     * The agent's side of enrolment (DEVICE-CONTRACT): consumes the code, stores the device's public key and
     * answers with fresh MQTT and HTTP credentials (stored only hashed) and the token-signing keys.
     */
    public Future<JsonObject> enroll(String code, String publicKeyBase64, String firmware) {
        PublicKey publicKey;
        try {
            publicKey = parsePublicKey(publicKeyBase64);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new ProblemException(422, "invalid-public-key", "Invalid public key", e.getMessage()));
        }
        long now = clock.millis();
        String mqttPassword = Secrets.token(32);
        String httpToken = Secrets.token(32);
        String codeHash = Secrets.hash(Secrets.normaliseCode(code));
        return db.inTransaction(tx -> db.execute(tx, "SELECT device_id, expires_at, used_at FROM device_enrolment_code "
                + "WHERE code_hash = $1" + db.forUpdate(), codeHash)
            .compose(rs -> {
                if (rs.size() == 0) {
                    return Future.failedFuture(new ProblemException(404, "enrolment-code-unknown", "Unknown enrolment code",
                        "unknown enrolment code"));
                }
                Row row = rs.iterator().next();
                if (row.getLong("used_at") != null || row.getLong("expires_at") <= now) {
                    return Future.failedFuture(new ProblemException(410, "enrolment-code-gone", "Enrolment code used or expired",
                        "enrolment code used or expired"));
                }
                String deviceId = row.getString("device_id");
                return db.execute(tx, "UPDATE device_enrolment_code SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL",
                        now, codeHash)
                    .compose(v -> db.execute(tx, "UPDATE device SET public_key = $1, mqtt_secret = $2, http_token = $3, "
                        + "firmware = COALESCE($4, firmware), token_kid = $5, enrolled_at = $6, "
                        + "status = CASE WHEN status = 'DISABLED' THEN status ELSE 'OFFLINE' END WHERE id = $7",
                        Base64.getEncoder().encodeToString(publicKey.getEncoded()), Secrets.hash(mqttPassword),
                        Secrets.hash(httpToken), firmware, keys.newest().kid(), now, deviceId))
                    .compose(v -> audit.record(tx, "device:" + deviceId, "device.enroll", deviceId,
                        new JsonObject().put("firmware", firmware)))
                    .compose(v -> get(tx, deviceId));
            })
            .map(d -> enrolmentAnswer(d, mqttPassword, httpToken, now)));
    }

    private JsonObject enrolmentAnswer(Device d, String mqttPassword, String httpToken, long now) {
        JsonArray seals = new JsonArray();
        d.seals().forEach(s -> seals.add(s.toJson()));
        return new JsonObject().put("deviceId", d.id()).put("serialNo", d.serialNo()).put("kind", d.kind().name())
            .put("mqtt", new JsonObject().put("url", settings.mqttUrlForDevices()).put("clientId", d.id())
                .put("username", d.id()).put("password", mqttPassword))
            .put("http", new JsonObject().put("baseUrl", settings.httpBaseUrl()).put("token", httpToken))
            .put("tokenKeys", keys.publicKeySet()).put("seals", seals).put("serverTime", now);
    }

    static PublicKey parsePublicKey(String base64) {
        if (base64 == null || base64.length() > 200) {
            throw new IllegalArgumentException("publicKey must be a base64 X.509 SubjectPublicKeyInfo of an Ed25519 key");
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("publicKey must be a base64 X.509 SubjectPublicKeyInfo of an Ed25519 key", e);
        }
    }

    /** Disables the device: its unlocks are revoked in the same transaction, then its live session is cut. */
    public Future<Device> disable(String deviceId) {
        return disable(deviceId, null);
    }

    public Future<Device> disable(String deviceId, String actorId) {
        return db.inTransaction(tx -> get(tx, deviceId)
                .compose(d -> db.execute(tx, "UPDATE device SET status = 'DISABLED' WHERE id = $1", deviceId))
                .compose(v -> onDisable.disabled(tx, deviceId))
                .compose(v -> audit.record(tx, actorId, "device.disable", deviceId, new JsonObject()))
                .compose(v -> get(tx, deviceId)))
            .onSuccess(d -> sessions.disconnect(deviceId).whenComplete((cut, error) -> {
                if (error != null) {
                    LOG.warn("could not disconnect disabled device {}", deviceId, error);
                }
            }));
    }

    public Future<Device> enable(String deviceId) {
        return enable(deviceId, null);
    }

    public Future<Device> enable(String deviceId, String actorId) {
        return db.inTransaction(tx -> get(tx, deviceId).compose(d -> d.status() != DeviceStatus.DISABLED
            ? Future.succeededFuture(d)
            : db.execute(tx, "UPDATE device SET status = CASE WHEN enrolled_at IS NULL THEN 'PENDING_ENROLMENT' ELSE 'OFFLINE' END "
                + "WHERE id = $1", deviceId)
                .compose(v -> audit.record(tx, actorId, "device.enable", deviceId, new JsonObject()))
                .compose(v -> get(tx, deviceId))));
    }

    @Override
    public CompletionStage<Boolean> verify(String deviceId, byte[] password) {
        return db.execute("SELECT mqtt_secret FROM device WHERE id = $1 AND status <> 'DISABLED'", deviceId)
            .map(rs -> rs.size() == 1 && Secrets.matches(rs.iterator().next().getString("mqtt_secret"), password))
            .toCompletionStage();
    }

    /** The enabled device a snapshot-upload bearer token belongs to, or null. */
    public Future<String> deviceForHttpToken(String bearer) {
        if (bearer == null || bearer.isBlank()) {
            return Future.succeededFuture(null);
        }
        return db.execute("SELECT id FROM device WHERE http_token = $1 AND status <> 'DISABLED'", Secrets.hash(bearer))
            .map(rs -> rs.size() == 1 ? rs.iterator().next().getString("id") : null);
    }

    /** The device's enrolled Ed25519 public key, or null when it has none. */
    public Future<PublicKey> publicKey(String deviceId) {
        return publicKey(db.pool(), deviceId);
    }

    /** As {@link #publicKey(String)}, read through {@code client} (e.g. inside the caller's transaction). */
    public Future<PublicKey> publicKey(SqlClient client, String deviceId) {
        return db.execute(client, "SELECT public_key FROM device WHERE id = $1", deviceId).map(rs -> {
            String key = rs.size() == 1 ? rs.iterator().next().getString("public_key") : null;
            return key == null ? null : parsedKeys.computeIfAbsent(key, DeviceRegistry::parsePublicKey);
        });
    }

    /**
     * The enrolled public keys of several devices in one statement (e.g. every device of a batch of events), inside the
     * caller's transaction; a device without a key (or unknown) is left out of the answer.
     */
    public Future<Map<String, PublicKey>> publicKeys(SqlClient client, Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        StringBuilder in = new StringBuilder();
        for (int i = 1; i <= deviceIds.size(); i++) {
            in.append(i == 1 ? "$" : ", $").append(i);
        }
        return db.execute(client, "SELECT id, public_key FROM device WHERE id IN (" + in + ")", deviceIds.toArray()).map(rs -> {
            Map<String, PublicKey> keys = new HashMap<>();
            for (Row r : rs) {
                String key = r.getString("public_key");
                if (key != null) {
                    keys.put(r.getString("id"), parsedKeys.computeIfAbsent(key, DeviceRegistry::parsePublicKey));
                }
            }
            return keys;
        });
    }

    /** A retained status or last-will message: ONLINE/OFFLINE (never overriding DISABLED or pending enrolment). */
    public Future<Void> onStatus(String deviceId, JsonObject status) {
        String state = status.getString("state");
        if (!"ONLINE".equals(state) && !"OFFLINE".equals(state)) {
            return Future.succeededFuture();
        }
        long now = clock.millis();
        return db.execute("UPDATE device SET status = $1, status_at = $2, last_seen_at = $3, firmware = COALESCE($4, firmware) "
                + "WHERE id = $5 AND status IN ('ONLINE', 'OFFLINE')", state, now, now, status.getString("firmware"), deviceId)
            .map(rs -> {
                if (rs.rowCount() > 0) {
                    statusListeners.forEach(l -> l.accept(deviceId, state));
                }
                return null;
            });
    }

    /**
     * Any message from the device: it was there just now. Never waits for the device's row: an approving transaction
     * holds it (the command counter) until its COMMIT, and the device's answers that wait for this update (ACCEPTED
     * above all) would wait for that transaction and the ones queued before it. On PostgreSQL a locked row is skipped
     * and the next message writes the time; SQLite has one writer and no row locks.
     */
    public Future<Void> touch(String deviceId) {
        long now = clock.millis();
        Long last = touched.get(deviceId);
        if (last != null && now - last >= 0 && now - last < TOUCH_EVERY_MS) {
            return Future.succeededFuture();
        }
        touched.put(deviceId, now);
        String row = db.dialect() == Dialect.POSTGRES ? "(SELECT id FROM device WHERE id = $2 FOR UPDATE SKIP LOCKED)" : "$2";
        return db.execute("UPDATE device SET last_seen_at = $1 WHERE id = " + row, now, deviceId).map(rs -> {
            if (rs.rowCount() == 0) {
                touched.remove(deviceId, now);
            }
            return null;
        });
    }

    /** The device holding a seal, with its slot; null when no device holds it. */
    public Future<JsonObject> deviceOfSeal(String sealId) {
        return db.execute("SELECT device_id, slot FROM device_seal WHERE seal_id = $1", sealId).map(rs -> rs.size() == 0 ? null
            : new JsonObject().put("deviceId", rs.iterator().next().getString("device_id"))
                .put("slot", rs.iterator().next().getInteger("slot")));
    }
}
