package com.sealflow.server.device;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.protocol.token.UnlockToken;
import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeviceCommandsTest extends VertxPerClass {

    static UnlockToken token(DeviceFixture f, DeviceFixture.Sent sent, SigningKeys.Key key) {
        return TokenSigning.verify(sent.payload().getString("token"), key.kid(), key.publicKey());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void unlockIsSignedQueuedPublishedAcceptedAndDoneThenTheHandleTaskFinishesOnce(Dialect dialect) throws Exception {
        try (DeviceFixture f = new DeviceFixture(vertx, dialect)) {
            f.createAndEnroll("SD-01", DeviceKind.SEAL_DEVICE, List.of(new SealBinding("seal-fin", null)));
            String id = f.issue(f.stamp("req-1", "SD-01", "seal-fin", 3)).get(0);
            assertThat(f.state(id)).isEqualTo("QUEUED");
            assertThat(await(f.relay.drainOnce())).isEqualTo(1);
            assertThat(f.state(id)).isEqualTo("SENT");
            assertThat(f.sent).hasSize(1);
            DeviceFixture.Sent sent = f.sent.get(0);
            assertThat(sent.topic()).isEqualTo("sealflow/v1/dev/SD-01/cmd/unlock");
            assertThat(sent.payload().getString("commandId")).isEqualTo(id);
            UnlockToken claims = token(f, sent, f.keys.newest());
            assertThat(claims).isNotNull();
            assertThat(claims.deviceId()).isEqualTo("SD-01");
            assertThat(claims.requestId()).isEqualTo("req-1");
            assertThat(claims.custodianId()).isEqualTo("wushi");
            assertThat(claims.pressesAllowed()).isEqualTo(3);
            assertThat(claims.counter()).isEqualTo(1L);
            assertThat(claims.notAfter()).isEqualTo(sent.payload().getLong("expiresAt"));
            assertThat(sent.payload().getJsonObject("params").getString("token")).isEqualTo(sent.payload().getString("token"));
            assertThat(await(f.relay.drainOnce())).isZero();

            // another device cannot accept it either
            await(f.commands.onResult("SD-02", id, new JsonObject().put("state", "ACCEPTED")));
            assertThat(f.state(id)).isEqualTo("SENT");
            await(f.commands.onResult("SD-01", id, new JsonObject().put("state", "ACCEPTED")));
            assertThat(f.state(id)).isEqualTo("ACCEPTED");
            long acceptedAt = await(f.db.execute("SELECT accepted_at FROM device_command WHERE id = $1", id)).iterator().next()
                .getLong("accepted_at");
            assertThat(acceptedAt).isEqualTo(f.clock.millis());
            // a repeated ACCEPTED (QoS 1) changes nothing
            await(f.commands.onResult("SD-01", id, new JsonObject().put("state", "ACCEPTED")));
            assertThat(f.state(id)).isEqualTo("ACCEPTED");
            // another device cannot answer for it
            await(f.commands.onResult("SD-02", id, new JsonObject().put("state", "DONE").put("pressesUsed", 3)));
            assertThat(f.state(id)).isEqualTo("ACCEPTED");
            await(f.commands.onResult("SD-01", id, new JsonObject().put("state", "DONE").put("pressesUsed", 2)));
            await(f.commands.onResult("SD-01", id, new JsonObject().put("state", "DONE").put("pressesUsed", 2)));
            assertThat(f.state(id)).isEqualTo("DONE");
            assertThat(f.awaitFinished(1)).hasSize(1);
            assertThat(await(f.commands.reportFinishedHandles())).isZero();
            assertThat(f.finished).hasSize(1);
            assertThat(f.finished.get(0).outcome()).isEqualTo("DONE");
            assertThat(f.finished.get(0).taskId()).isEqualTo("task-req-1");
            assertThat(f.finished.get(0).usage().get(0).copiesUsed()).isEqualTo(2);
            assertThat(await(f.commands.unlocksOf("req-1")).getJsonObject(0).getString("state")).isEqualTo("DONE");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aHandleReportThatFailsForAMomentIsRetriedWithinSecondsNotAfterTheLease(Dialect dialect) throws Exception {
        try (DeviceFixture f = new DeviceFixture(vertx, dialect)) {
            f.createAndEnroll("SD-01", DeviceKind.SEAL_DEVICE, List.of(new SealBinding("seal-fin", null)));
            String id = f.issue(f.stamp("req-1", "SD-01", "seal-fin", 1)).get(0);
            f.transientFailures.set(1);
            await(f.commands.onResult("SD-01", id, new JsonObject().put("state", "ACCEPTED")));
            await(f.commands.onResult("SD-01", id, new JsonObject().put("state", "DONE").put("pressesUsed", 1)));
            long retryAt = f.clock.millis() + HandleReporter.RETRY_MS;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Long.valueOf(retryAt).equals(await(f.db.execute("SELECT handle_due_at FROM device_command WHERE id = $1", id))
                    .iterator().next().getLong("handle_due_at")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(f.transientFailures.get()).isZero();
            assertThat(f.finished).isEmpty();
            assertThat(await(f.commands.reportFinishedHandles())).isZero();
            f.clock.advance(Duration.ofMillis(HandleReporter.RETRY_MS));
            assertThat(await(f.commands.reportFinishedHandles())).isEqualTo(1);
            assertThat(f.finished).hasSize(1);
            assertThat(f.finished.get(0).outcome()).isEqualTo("DONE");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anApprovalThatRollsBackLeavesNoGrantAndSendsNothing(Dialect dialect) throws Exception {
        try (DeviceFixture f = new DeviceFixture(com.sealflow.server.db.TestDatabases.open(vertx, dialect),
            com.sealflow.server.device.broker.BrokerSessions.NONE, null, true)) {
            f.createAndEnroll("SD-01", DeviceKind.SEAL_DEVICE, List.of(new SealBinding("s1", null)));
            try {
                await(f.db.inTransaction(tx -> f.commands.issueUnlocks(tx, f.stamp("r1", "SD-01", "s1", 1))
                    .compose(ids -> io.vertx.core.Future.failedFuture(new IllegalStateException("approval failed later")))));
            } catch (IllegalStateException expected) {
                // the approving transaction rolled back
            }
            Thread.sleep(200);
            assertThat(f.sent).isEmpty();
            assertThat(await(f.commands.unlocksOf("r1"))).isEmpty();
            String id = f.issue(f.stamp("r2", "SD-01", "s1", 1)).get(0);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (f.sent.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(f.sent).extracting(x -> x.payload().getString("commandId")).containsExactly(id);
            // the counter of the rolled-back grant was never used
            assertThat(token(f, f.sent.get(0), f.keys.newest()).counter()).isEqualTo(1L);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void countersGrowPerDeviceAndDisabledOrUnenrolledDevicesGetNoToken(Dialect dialect) throws Exception {
        try (DeviceFixture f = new DeviceFixture(vertx, dialect)) {
            f.createAndEnroll("SD-01", DeviceKind.SEAL_DEVICE, List.of(new SealBinding("s1", null)));
            await(f.registry.create(new DeviceRegistry.NewDevice("SD-02", "SN-2", DeviceKind.SEAL_DEVICE, null, List.of())));
            for (int i = 0; i < 3; i++) {
                f.issue(f.stamp("r" + i, "SD-01", "s1", 1));
                // the relay sends by (created_at, id); ids made in the same millisecond are not ordered among themselves
                f.clock.advance(Duration.ofMillis(1));
            }
            await(f.relay.drainOnce());
            assertThat(f.sent).extracting(s -> token(f, s, f.keys.newest()).counter()).containsExactly(1L, 2L, 3L);
            String pending = f.issue(f.stamp("r9", "SD-02", "s2", 1)).get(0);
            assertThat(f.state(pending)).isEqualTo("REJECTED");
            String open = f.issue(f.stamp("r10", "SD-01", "s1", 1)).get(0);
            await(f.registry.disable("SD-01"));
            assertThat(f.state(open)).isEqualTo("REVOKED");
            String afterDisable = f.issue(f.stamp("r11", "SD-01", "s1", 1)).get(0);
            assertThat(f.state(afterDisable)).isEqualTo("REJECTED");
            // a refusal takes no counter: the device's counter is where its last token left it
            assertThat(counterOf(f, "SD-01")).isEqualTo(4L);
            assertThat(counterOf(f, "SD-02")).isZero();
            assertThat(await(f.db.execute("SELECT counter FROM device_command WHERE id = $1", afterDisable)).iterator().next()
                .getLong("counter")).isNull();
        }
    }

    private static long counterOf(DeviceFixture f, String deviceId) {
        return await(f.db.execute("SELECT cmd_counter FROM device WHERE id = $1", deviceId)).iterator().next().getLong("cmd_counter");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void unlocksExpireOnTimeOnceAndUnsentOnesAreNeverPublished(Dialect dialect) throws Exception {
        try (DeviceFixture f = new DeviceFixture(vertx, dialect)) {
            f.createAndEnroll("SD-01", DeviceKind.SEAL_DEVICE, List.of(new SealBinding("s1", null)));
            String sentOne = f.issue(f.stamp("r1", "SD-01", "s1", 1)).get(0);
            await(f.relay.drainOnce());
            String unsent = f.issue(f.stamp("r2", "SD-01", "s1", 1)).get(0);
            f.clock.advance(Duration.ofMinutes(29));
            assertThat(await(f.commands.expireDue())).isZero();
            f.clock.advance(Duration.ofMinutes(2));
            assertThat(await(f.commands.expireDue())).isEqualTo(2);
            assertThat(await(f.commands.expireDue())).isZero();
            assertThat(f.state(sentOne)).isEqualTo("EXPIRED");
            assertThat(f.state(unsent)).isEqualTo("EXPIRED");
            assertThat(await(f.relay.drainOnce())).isZero();
            assertThat(f.sent).hasSize(1);
            // a late answer changes nothing
            await(f.commands.onResult("SD-01", sentOne, new JsonObject().put("state", "ACCEPTED")));
            assertThat(f.state(sentOne)).isEqualTo("EXPIRED");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void withdrawalRevokesOpenUnlocksWithARevokeCommand(Dialect dialect) throws Exception {
        try (DeviceFixture f = new DeviceFixture(vertx, dialect)) {
            f.createAndEnroll("CAB-01", DeviceKind.CABINET, List.of(new SealBinding("s1", 1), new SealBinding("s2", 2)));
            UnlockRequest two = new UnlockRequest("r1", "R-1", "STAMP", List.of(
                new UnlockRequest.SealUnlock("s1", "CAB-01", 1, 2), new UnlockRequest.SealUnlock("s2", "CAB-01", 2, 1)),
                List.of("wushi"), "t1");
            List<String> ids = f.issue(two);
            await(f.relay.drainOnce());
            await(f.commands.onResult("CAB-01", ids.get(0), new JsonObject().put("state", "ACCEPTED")));
            int revoked = await(f.db.inTransaction(tx -> f.commands.revokeRequest(tx, "r1", "WITHDRAWN")));
            assertThat(revoked).isEqualTo(2);
            assertThat(f.state(ids.get(0))).isEqualTo("REVOKED");
            await(f.relay.drainOnce());
            List<DeviceFixture.Sent> revokes = f.sent.stream().filter(s -> s.topic().endsWith("/cmd/revoke")).toList();
            assertThat(revokes).hasSize(2);
            assertThat(revokes.get(0).payload().getString("tokenId")).isNotBlank();
            assertThat(f.finished).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void keyRotationSignsWithTheNewKeyOnlyAfterTheDeviceAcknowledgedIt(Dialect dialect) throws Exception {
        try (DeviceFixture f = new DeviceFixture(vertx, dialect)) {
            f.createAndEnroll("SD-01", DeviceKind.SEAL_DEVICE, List.of(new SealBinding("s1", null)));
            SigningKeys.Key old = f.keys.newest();
            String kid = await(f.commands.rotateSigningKey());
            assertThat(kid).isNotEqualTo(old.kid());
            f.issue(f.stamp("r1", "SD-01", "s1", 1));
            await(f.relay.drainOnce());
            DeviceFixture.Sent config = f.sent.stream().filter(s -> s.topic().endsWith("/cmd/config")).findFirst().orElseThrow();
            assertThat(config.payload().getJsonArray("tokenKeys")).hasSize(2);
            DeviceFixture.Sent first = f.sent.stream().filter(s -> s.topic().endsWith("/cmd/unlock")).findFirst().orElseThrow();
            assertThat(token(f, first, old)).isNotNull();
            await(f.commands.onResult("SD-01", config.payload().getString("commandId"), new JsonObject().put("state", "DONE")));
            f.sent.clear();
            f.issue(f.stamp("r2", "SD-01", "s1", 1));
            await(f.relay.drainOnce());
            assertThat(token(f, f.sent.get(0), f.keys.newest())).isNotNull();
        }
    }
}
