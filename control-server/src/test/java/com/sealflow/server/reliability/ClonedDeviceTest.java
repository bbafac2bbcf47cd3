package com.sealflow.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.agent.identity.DeviceKeys;
import com.sealflow.agent.identity.Enroller;
import com.sealflow.agent.identity.Enrolment;
import com.sealflow.protocol.evidence.DeviceEvent;
import com.sealflow.protocol.evidence.EvidenceCodec;
import com.sealflow.protocol.evidence.SignedDeviceEvent;
import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.device.broker.FakeDevice;
import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import com.sealflow.simulator.device.DeviceConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cloned device: the enrolled data dir of SD-01 (identity, key, MQTT password, journal) copied to a second
 * machine, both real edge agents online against the server's broker at once, each pressing on its own MCU. The two
 * chains fork at the copy: for every sequence number claimed twice at most one event is trusted, every fork is
 * flagged for security staff (counter backwards or broken chain) and no event of either is lost or stored twice.
 * Stolen credentials get no further: SD-01's password does not log in as SD-02, SD-01's connection cannot publish
 * on SD-02's topics, and events signed with SD-01's key sent over SD-02's own connection are flagged, not trusted.
 */
class ClonedDeviceTest {

    private static final int PRESSES_EACH = 10;

    @TempDir
    Path tmp;

    @Test
    void twoAgentsWithOneIdentityAreFlaggedAndStolenCredentialsAreRefused() throws Exception {
        try (TestServer server = TestServer.start(Dialect.SQLITE, Map.of("demo", "true", "demo.devices", "false"));
             Ticker ticker = new Ticker(() -> server)) {
            String url = "http://127.0.0.1:" + server.server.port();
            TestHttp admin = Servers.login(server, "admin", "sealflow");
            Path genuine = tmp.resolve("genuine");
            Path cloned = tmp.resolve("clone");
            Enrolment sd01 = enrol(admin, url, "SD-01", genuine.resolve("SD-01").resolve("agent"));
            Enrolment sd02 = enrol(admin, url, "SD-02", tmp.resolve("other").resolve("SD-02").resolve("agent"));
            copy(genuine.resolve("SD-01"), cloned.resolve("SD-01"));

            try (Simulator a = Simulator.start(config(url, genuine)); Simulator b = Simulator.start(config(url, cloned))) {
                for (int i = 0; i < PRESSES_EACH; i++) {
                    a.device("SD-01").press();
                    Thread.sleep(60);
                    b.device("SD-01").press();
                    Thread.sleep(60);
                }
                // each forced press is a PRESS and a TAMPER event, 4 per round; the two agents keep taking the one
                // client id from each other, so delivery is slow: wait for most of them, then judge what arrived
                try {
                    Flows.await(() -> events(server).size(), n -> n >= 4 * PRESSES_EACH, 90);
                } catch (AssertionError slow) {
                    System.out.println("ClonedDeviceTest: not every event arrived while both agents fought: " + slow.getMessage());
                }
            }
            JsonArray events = events(server);
            Map<Long, Integer> trustedPerSeq = new HashMap<>();
            Map<Long, Integer> perSeq = new HashMap<>();
            for (Object o : events) {
                JsonObject e = (JsonObject) o;
                perSeq.merge(e.getLong("seq"), 1, Integer::sum);
                if (e.getBoolean("verified")) {
                    trustedPerSeq.merge(e.getLong("seq"), 1, Integer::sum);
                }
            }
            long forks = perSeq.values().stream().filter(n -> n > 1).count();
            JsonArray anomalies = Flows.items(Servers.login(server, "anbao", "sealflow").get("/api/evidence/anomalies?deviceId=SD-01"));
            Map<String, Integer> kinds = new HashMap<>();
            anomalies.stream().map(JsonObject.class::cast).forEach(x -> kinds.merge(x.getString("kind"), 1, Integer::sum));
            System.out.printf("ClonedDeviceTest: %d events from two agents with one identity, %d sequence numbers claimed twice, "
                + "%d trusted; anomalies %s%n", events.size(), forks, events.stream().filter(o -> ((JsonObject) o).getBoolean("verified"))
                .count(), kinds);
            assertThat(events.size()).as("most events of both arrive and are kept").isGreaterThanOrEqualTo(2 * PRESSES_EACH);
            assertThat(forks).as("the chains fork").isPositive();
            assertThat(trustedPerSeq.values()).as("at most one event trusted per sequence number").containsOnly(1);
            assertThat(kinds.getOrDefault("COUNTER_BACKWARDS", 0) + kinds.getOrDefault("CHAIN_BROKEN", 0))
                .as("every claimed-twice sequence number flagged").isGreaterThanOrEqualTo((int) forks);

            stolenCredentialsGetNoFurther(server, sd01, sd02, genuine.resolve("SD-01").resolve("agent"));
        }
    }

    private void stolenCredentialsGetNoFurther(TestServer server, Enrolment sd01, Enrolment sd02, Path sd01Dir) throws Exception {
        String broker = sd01.mqtt().url();
        assertThatThrownBy(() -> new FakeDevice(broker, "SD-02", "SD-02", sd01.mqtt().password()).connect())
            .as("SD-01's password is not SD-02's").isInstanceOf(MqttException.class);
        int before = deviceEvents(server, "SD-02");
        DeviceKeys keys01 = DeviceKeys.load(sd01Dir);
        DeviceEvent forged = new DeviceEvent(UUID.randomUUID().toString(), "SD-02", 1, "HEALTH", server.clock.millis(), 1000,
            Map.of("queueDepth", 0L), DeviceEvent.GENESIS);
        SignedDeviceEvent signed = EvidenceCodec.sign(forged, keys01.privateKey());
        String envelope = new JsonObject().put("eventId", forged.eventId()).put("deviceId", "SD-02").put("seq", 1L).put("type", "HEALTH")
            .put("at", forged.at()).put("monotonicMs", 1000L).put("body", new JsonObject().put("queueDepth", 0L))
            .put("prevHash", forged.prevHash()).put("hash", signed.hash()).put("signature", signed.signature()).encode();
        try (FakeDevice as01 = new FakeDevice(broker, "SD-01", "SD-01", sd01.mqtt().password()).connect()) {
            // SD-01's own connection publishing on SD-02's topic: the broker drops it (or cuts the client)
            try {
                as01.publish("sealflow/v1/dev/SD-02/evt", envelope);
            } catch (MqttException refused) {
                // refusing outright is as good as dropping
            }
        }
        Thread.sleep(1500);
        assertThat(deviceEvents(server, "SD-02")).as("nothing reaches SD-02's record through SD-01's connection").isEqualTo(before);
        try (FakeDevice as02 = new FakeDevice(broker, "SD-02", "SD-02", sd02.mqtt().password()).connect()) {
            as02.publish("sealflow/v1/dev/SD-02/evt", envelope);
        }
        JsonObject stored = Flows.await(() -> Flows.items(Servers.login(server, "anbao", "sealflow")
                .get("/api/evidence/anomalies?deviceId=SD-02")), l -> !l.isEmpty(), 30).getJsonObject(0);
        assertThat(stored.getString("kind")).as("signed with SD-01's key: not SD-02's event").isEqualTo("BAD_SIGNATURE");
    }

    private static Enrolment enrol(TestHttp admin, String url, String device, Path dir) throws Exception {
        TestHttp.Res code = admin.post("/api/devices/" + device + "/enrolment-code", new JsonObject());
        assertThat(code.status()).as(code.body()).isIn(200, 201);
        return new Enroller(HttpClient.newHttpClient()).enroll(url, code.json().getString("code"), "1.0.0", dir);
    }

    private static SimulatorConfig config(String url, Path dir) {
        return new SimulatorConfig("127.0.0.1", 0, url, dir, false, true, List.of(DeviceConfig.sealDevice("SD-01")));
    }

    /** SD-01's device events as the server stored them: seq and whether they verified. */
    private static JsonArray events(TestServer server) {
        JsonArray out = new JsonArray();
        done(server.server.platform().db().execute("SELECT seq, verified FROM device_event WHERE device_id = 'SD-01' ORDER BY seq"))
            .forEach(r -> out.add(new JsonObject().put("seq", r.getLong("seq")).put("verified", r.getInteger("verified") == 1)));
        return out;
    }

    private static int deviceEvents(TestServer server, String device) {
        return done(server.server.platform().db().execute("SELECT COUNT(*) AS n FROM device_event WHERE device_id = $1", device))
            .iterator().next().getInteger("n");
    }

    private static <T> T done(io.vertx.core.Future<T> future) {
        try {
            return future.await(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
