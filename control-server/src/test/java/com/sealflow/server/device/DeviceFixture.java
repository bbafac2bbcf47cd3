package com.sealflow.server.device;

import com.sealflow.server.MutableClock;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import com.sealflow.server.device.broker.BrokerSessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Device module wired on a fresh database with a hand-moved clock and recording collaborators. */
public final class DeviceFixture implements AutoCloseable {

    public record Sent(String topic, JsonObject payload) {
    }

    public record Finished(String requestId, String taskId, String outcome, List<HandleCompletion.SealUsage> usage) {
    }

    public final Database db;
    public final MutableClock clock = new MutableClock(1_800_000_000_000L);
    public final Path dataDir;
    public final SigningKeys keys;
    public final DeviceRegistry registry;
    public final DeviceCommands commands;
    public final OutboxRelay relay;
    public final List<Sent> sent = new CopyOnWriteArrayList<>();
    public final List<Finished> finished = new CopyOnWriteArrayList<>();
    /** The next this many handle reports fail as a busy database would make them fail. */
    public final java.util.concurrent.atomic.AtomicInteger transientFailures = new java.util.concurrent.atomic.AtomicInteger();
    public OutboxRelay.Publisher publisher = (topic, payload) -> {
        sent.add(new Sent(topic, new JsonObject(new String(payload, java.nio.charset.StandardCharsets.UTF_8))));
        return Future.succeededFuture();
    };

    public DeviceFixture(Vertx vertx, Dialect dialect) throws Exception {
        this(TestDatabases.open(vertx, dialect), BrokerSessions.NONE, null);
    }

    public DeviceFixture(Database db, BrokerSessions sessions, Runnable kick) throws Exception {
        this(db, sessions, kick, false);
    }

    /** {@code fastPath}: commands are published straight after commit (as in production), not by {@code drainOnce}. */
    public DeviceFixture(Database db, BrokerSessions sessions, Runnable kick, boolean fastPath) throws Exception {
        this.db = db;
        this.dataDir = Files.createTempDirectory("sealflow-dev-");
        this.keys = SigningKeys.load(dataDir);
        DeviceSettings settings = DeviceSettings.defaults("tcp://127.0.0.1:1883", "http://127.0.0.1:8080");
        this.relay = new OutboxRelay(db, clock, "node-a", (topic, payload) -> publisher.publish(topic, payload));
        HandleCompletion record = (requestId, taskId, outcome, usage) -> {
            if (transientFailures.getAndDecrement() > 0) {
                return Future.failedFuture(new IllegalStateException("deadlock detected (a transient failure)"));
            }
            finished.add(new Finished(requestId, taskId, outcome, usage));
            return Future.succeededFuture();
        };
        this.commands = fastPath ? new DeviceCommands(db, clock, settings, keys, record, relay)
            : new DeviceCommands(db, clock, settings, keys, record, kick == null ? () -> { } : kick);
        this.registry = new DeviceRegistry(db, clock, settings, keys, sessions, (tx, id) -> commands.revokeDevice(tx, id).mapEmpty());
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A device's key pair and credentials after enrolment. */
    public record Enrolled(String deviceId, KeyPair keyPair, JsonObject answer) {
        public String mqttPassword() {
            return answer.getJsonObject("mqtt").getString("password");
        }

        public String httpToken() {
            return answer.getJsonObject("http").getString("token");
        }
    }

    public Enrolled createAndEnroll(String id, DeviceKind kind, List<SealBinding> seals) throws Exception {
        await(registry.create(new DeviceRegistry.NewDevice(id, "SN-" + id, kind, "HQ", new ArrayList<>(seals))));
        EnrolmentCode code = await(registry.issueEnrolmentCode(id));
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        JsonObject answer = await(registry.enroll(code.code(), Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
            "1.0.0"));
        return new Enrolled(id, pair, answer);
    }

    public UnlockRequest stamp(String requestId, String deviceId, String sealId, int copies) {
        return new UnlockRequest(requestId, "R-" + requestId, "STAMP",
            List.of(new UnlockRequest.SealUnlock(sealId, deviceId, null, copies)), List.of("wushi"), "task-" + requestId);
    }

    public List<String> issue(UnlockRequest request) {
        return await(db.inTransaction(tx -> commands.issueUnlocks(tx, request)));
    }

    /**
     * Waits (briefly) for finished handle tasks to be reported: by the after-commit kick, or, when that one found
     * the row still locked by a concurrent transaction (SKIP LOCKED), by the timer, which this loop plays.
     */
    public List<Finished> awaitFinished(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (finished.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
            await(commands.reportFinishedHandles());
        }
        return finished;
    }

    public String state(String commandId) {
        return await(db.execute("SELECT state FROM device_command WHERE id = $1", commandId)).iterator().next().getString("state");
    }

    @Override
    public void close() {
        await(db.close());
    }
}
