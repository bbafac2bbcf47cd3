package com.sealflow.server.evidence;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.device.DeviceFixture;
import com.sealflow.server.device.DeviceKind;
import com.sealflow.server.device.SealBinding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EvidenceIntakeTest extends VertxPerClass {

    /** Device module + evidence intake on one database, with one enrolled seal device and an accepted unlock. */
    static final class Kit implements AutoCloseable {
        final DeviceFixture f;
        final EvidenceIntake intake;
        final EvidenceQueries queries;
        final FakeAgent agent;
        final String commandId;
        final String tokenId;

        Kit(Dialect dialect, int copies) throws Exception {
            f = new DeviceFixture(vertx, dialect);
            DeviceFixture.Enrolled d = f.createAndEnroll("SD-01", DeviceKind.SEAL_DEVICE, List.of(new SealBinding("seal-fin", null)));
            intake = new EvidenceIntake(f.db, f.clock, EvidenceSettings.defaults(f.dataDir), f.registry, f.commands);
            queries = new EvidenceQueries(f.db, f.clock);
            agent = new FakeAgent("SD-01", d.keyPair(), f.clock.millis());
            commandId = f.issue(f.stamp("req-1", "SD-01", "seal-fin", copies)).get(0);
            await(f.commands.onResult("SD-01", commandId, new JsonObject().put("state", "ACCEPTED")));
            tokenId = await(f.db.execute("SELECT token_id FROM device_command WHERE id = $1", commandId)).iterator().next()
                .getString("token_id");
        }

        void send(JsonObject envelope) {
            await(intake.onEvent("SD-01", envelope));
        }

        JsonArray presses() {
            return await(queries.presses(new EvidenceQueries.Filter(null, null, null, null, null, 100)));
        }

        List<String> kinds() {
            return await(queries.anomalies(null, 100)).stream().map(o -> ((JsonObject) o).getString("kind")).sorted().toList();
        }

        @Override
        public void close() {
            f.close();
        }
    }

    static String sha(int n) {
        return String.format("%064x", n);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void pressesAreLinkedToTheirRequestAndStoredOnceDespiteRepeats(Dialect dialect) throws Exception {
        try (Kit k = new Kit(dialect, 2)) {
            k.send(k.agent.next("SESSION_START", Map.of("tokenId", k.tokenId, "sessionId", 7L), null));
            JsonObject press = k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 101), sha(1));
            k.send(press);
            k.send(press);
            k.send(press.copy());
            JsonArray presses = k.presses();
            assertThat(presses).hasSize(1);
            JsonObject p = presses.getJsonObject(0);
            assertThat(p.getString("requestId")).isEqualTo("req-1");
            assertThat(p.getString("sealId")).isEqualTo("seal-fin");
            assertThat(p.getString("deviceId")).isEqualTo("SD-01");
            assertThat(p.getLong("counter")).isEqualTo(101L);
            assertThat(p.getString("photoSha256")).isEqualTo(sha(1));
            assertThat(p.getJsonArray("flags")).isEmpty();
            assertThat(p.getValue("review")).isNull();
            assertThat(await(k.queries.pressesOf("req-1"))).hasSize(1);
            long events = await(k.f.db.execute("SELECT COUNT(*) AS n FROM device_event")).iterator().next().getLong("n");
            assertThat(events).isEqualTo(2);
            assertThat(k.kinds()).isEmpty();

            // photo never arrives: flagged once after the grace period
            k.f.clock.advance(Duration.ofMinutes(9));
            assertThat(await(k.intake.flagMissingPhotos())).isZero();
            k.f.clock.advance(Duration.ofMinutes(2));
            assertThat(await(k.intake.flagMissingPhotos())).isEqualTo(1);
            assertThat(await(k.intake.flagMissingPhotos())).isZero();
            assertThat(k.presses().getJsonObject(0).getJsonArray("flags")).containsExactly("MISSING_PHOTO");
            assertThat(await(k.queries.presses(new EvidenceQueries.Filter(true, "SD-01", null, null, null, 10)))).hasSize(1);

            JsonObject reviewed = await(k.queries.review(p.getString("id"), "SUSPICIOUS", "no photo", "anbao"));
            assertThat(reviewed.getJsonObject("review").getString("verdict")).isEqualTo("SUSPICIOUS");
        }
    }

    /**
     * Events the broker acknowledged to the device but this server never stored (a node killed mid-way) show as a
     * gap; the server asks the device to publish that range again, and the events fill the gap as late arrivals.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aGapAsksTheDeviceToResendTheMissingRangeAndTheLateEventsFillIt(Dialect dialect) throws Exception {
        try (Kit k = new Kit(dialect, 5)) {
            k.send(k.agent.next("HEALTH", Map.of(), null));
            JsonObject lost1 = k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 1), sha(1));
            JsonObject lost2 = k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 2), sha(2));
            k.send(k.agent.next("HEALTH", Map.of(), null));
            JsonArray resends = resends(k);
            assertThat(resends).hasSize(1);
            JsonObject params = resends.getJsonObject(0).getJsonObject("params");
            assertThat(params.getLong("fromSeq")).isEqualTo(lost1.getLong("seq"));
            assertThat(params.getLong("toSeq")).isEqualTo(lost2.getLong("seq"));
            assertThat(resends.getJsonObject(0).getString("deviceId")).isEqualTo("SD-01");

            k.send(lost1);
            k.send(lost2);
            assertThat(k.presses()).hasSize(2);
            assertThat(k.kinds()).as("the gap was seen; the late events themselves are clean").containsExactly("CHAIN_BROKEN");
            assertThat(resends(k)).as("a filled gap asks nothing more").hasSize(1);
            k.send(k.agent.next("HEALTH", Map.of(), null));
            assertThat(resends(k)).hasSize(1);
        }
    }

    private static JsonArray resends(Kit k) {
        JsonArray out = new JsonArray();
        String sql = "SELECT o.payload FROM device_outbox o JOIN device_command c ON c.id = o.command_id "
            + "WHERE c.kind = 'RESEND' ORDER BY o.created_at";
        for (Row r : await(k.f.db.execute(sql))) {
            out.add(new JsonObject(r.getString("payload")));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void forgedSignaturesBrokenChainsAndReplaysAreFlagged(Dialect dialect) throws Exception {
        try (Kit k = new Kit(dialect, 5)) {
            k.send(k.agent.next("HEALTH", Map.of("queueDepth", 0L), null));
            // a clone of the device (same key) as it was after its first event
            FakeAgent clone = new FakeAgent("SD-01", k.agent.keys, k.agent.at);
            clone.seq = k.agent.seq;
            clone.prevHash = k.agent.prevHash;
            // forged: signed by another key; the chain head does not move
            FakeAgent forger = new FakeAgent("SD-01", KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), k.agent.at);
            forger.seq = k.agent.seq;
            forger.prevHash = k.agent.prevHash;
            k.send(forger.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 1), sha(2), forger.keys.getPrivate()));
            assertThat(k.kinds()).containsExactly("BAD_SIGNATURE");
            // the genuine next event still links to the genuine head
            JsonObject genuine = k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 2), sha(3));
            k.send(genuine);
            assertThat(k.kinds()).containsExactly("BAD_SIGNATURE");
            // a gap: an event went missing
            k.agent.next("HEALTH", Map.of(), null);
            k.send(k.agent.next("HEALTH", Map.of(), null));
            assertThat(k.kinds()).containsExactly("BAD_SIGNATURE", "CHAIN_BROKEN");
            // an edited replay (new event id) no longer verifies
            k.send(genuine.copy().put("eventId", "replayed-1"));
            assertThat(k.kinds()).containsExactly("BAD_SIGNATURE", "BAD_SIGNATURE", "CHAIN_BROKEN");
            // the clone signs genuinely, but its counter is behind the device's
            k.send(clone.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 9), sha(9)));
            assertThat(k.kinds()).containsExactly("BAD_SIGNATURE", "BAD_SIGNATURE", "CHAIN_BROKEN", "COUNTER_BACKWARDS");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void pressesOutsideASessionOverTheAllowanceTamperDoorsAndClocksAreFlagged(Dialect dialect) throws Exception {
        try (Kit k = new Kit(dialect, 1)) {
            k.send(k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 1), sha(1)));
            k.send(k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 2), sha(2)));
            assertThat(k.kinds()).containsExactly("OVER_ALLOWED_PRESSES");
            k.send(k.agent.next("PRESS", FakeAgent.press(null, null, 3), sha(3)));
            k.send(k.agent.next("PRESS", FakeAgent.press("forged-token", "req-1", 4), null));
            k.send(k.agent.next("TAMPER", Map.of("kind", "CASE_OPEN"), null));
            k.send(k.agent.next("DOOR", Map.of("open", true), null));
            assertThat(k.kinds()).containsExactly("MISSING_PHOTO", "OVER_ALLOWED_PRESSES", "PRESS_WITHOUT_SESSION",
                "PRESS_WITHOUT_SESSION", "TAMPER");
            await(k.f.commands.onResult("SD-01", k.commandId, new JsonObject().put("state", "DONE").put("pressesUsed", 1)));
            k.send(k.agent.next("DOOR", Map.of("open", true), null));
            assertThat(k.kinds()).contains("DOOR_OPENED_WITHOUT_TOKEN");
            k.agent.at += Duration.ofHours(1).toMillis();
            k.send(k.agent.next("HEALTH", Map.of(), null));
            assertThat(k.kinds()).contains("CLOCK_SKEW");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void goingOfflineWithAnAcceptedUnlockIsFlagged(Dialect dialect) throws Exception {
        try (Kit k = new Kit(dialect, 1)) {
            await(k.intake.onOffline("SD-01", k.f.clock.millis()));
            assertThat(k.kinds()).containsExactly("DEVICE_OFFLINE_DURING_SESSION");
        }
    }
}
