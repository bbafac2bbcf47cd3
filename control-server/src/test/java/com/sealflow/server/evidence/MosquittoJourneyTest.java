package com.sealflow.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.agent.identity.Enroller;
import com.sealflow.agent.identity.Enrolment;
import com.sealflow.protocol.serial.AuthMethod;
import com.sealflow.server.Journey;
import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.device.broker.MosquittoBroker;
import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.VirtualDevice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production shape end to end: the control server on PostgreSQL, Debian's Mosquitto with per-device passwords
 * and ACL patterns (docs/mqtt-brokers.md, option A), the real edge agent, and the simulated MCU behind a socat pty
 * pair. The request is approved while the device is away (enrolled, never connected); when the agent comes online
 * the unlock is sent again and reaches it; the custodian enters the PIN and presses twice; both presses arrive with
 * their photos, the custodian's task finishes and the request is COMPLETED.
 */
class MosquittoJourneyTest {

    @Test
    void requestApprovalsTokenAuthPressesPhotosCompletedOnPostgresAndMosquitto() throws Exception {
        MosquittoBroker.requireInstalled(MosquittoBroker.BINARY, MosquittoBroker.PASSWD_TOOL, MosquittoBroker.SOCAT);
        Map<String, String> users = new HashMap<>(Map.of("sealflow-server", "server-secret"));
        Path simDir = Files.createTempDirectory("sealflow-sim-");
        try (MosquittoBroker mosquitto = new MosquittoBroker(users);
             TestServer server = TestServer.start(Dialect.POSTGRES, Map.of("demo", "true", "demo.devices", "false",
                 "mqtt.url", "tcp://sealflow-server:server-secret@127.0.0.1:" + mosquitto.port))) {
            String serverUrl = "http://127.0.0.1:" + server.server.port();
            TestHttp admin = Servers.login(server, "admin", "sealflow");
            TestHttp.Res code = admin.post("/api/devices/SD-01/enrolment-code", new JsonObject());
            assertThat(code.status()).as(code.body()).isIn(200, 201);

            // the agent's own enrolment code path; the operator then adds the device to Mosquitto's password file
            Path agentDir = simDir.resolve("SD-01").resolve("agent");
            Enrolment enrolment = new Enroller(HttpClient.newHttpClient()).enroll(serverUrl, code.json().getString("code"),
                "1.0.0", agentDir);
            assertThat(enrolment.mqtt().url()).isEqualTo(mosquitto.url());
            users.put("SD-01", enrolment.mqtt().password());
            mosquitto.writePasswords(users);

            // apply and approve while the device has never been online
            TestHttp applicant = Servers.login(server, "zhangsan", "sealflow");
            JsonObject seal = Journey.seal(applicant, s -> "SD-01".equals(s.getString("deviceId")));
            String requestId = Journey.applyForTwoStamps(applicant, seal, "2026年三季度财务报表", new JsonObject());
            Journey journey = new Journey(server, Duration.ofSeconds(30));
            journey.approve("lisi", requestId, "同意");
            journey.approve("qianqi", requestId, "同意");
            JsonObject waiting = journey.await(() -> applicant.get("/api/requests/" + requestId).json(),
                d -> d.getJsonArray("unlocks").size() == 1);
            assertThat(waiting.getJsonArray("unlocks").getJsonObject(0).getString("state")).isIn("QUEUED", "SENT");

            String custodianId = Servers.login(server, "zhengyi", "sealflow").get("/api/me").json().getString("id");
            SimulatorConfig sim = new SimulatorConfig("127.0.0.1", 0, serverUrl, simDir, true, true,
                List.of(DeviceConfig.sealDevice("SD-01").withCustodianPins(Map.of(custodianId, SimulatorConfig.DEMO_PIN))));
            try (Simulator simulator = Simulator.start(sim)) {
                VirtualDevice device = simulator.device("SD-01");
                assertThat(device.transportSpec()).as("the agent talks to the MCU through a socat pty").startsWith("serial:");

                JsonObject armed = journey.await(() -> applicant.get("/api/requests/" + requestId).json(),
                    d -> "ACCEPTED".equals(d.getJsonArray("unlocks").getJsonObject(0).getString("state")));
                assertThat(armed.getString("status")).isEqualTo("IN_PROGRESS");
                device.auth(AuthMethod.PIN, SimulatorConfig.DEMO_PIN);
                journey.await(() -> device.mcu().state().remainingPresses(), n -> n == 2);
                assertThat(device.press().forced()).isFalse();
                journey.await(() -> device.mcu().state().remainingPresses(), n -> n == 1);
                assertThat(device.press().forced()).isFalse();

                JsonObject done = journey.await(() -> applicant.get("/api/requests/" + requestId).json(),
                    d -> "COMPLETED".equals(d.getString("status")) && d.getJsonArray("presses").size() == 2
                        && d.getJsonArray("presses").stream().map(JsonObject.class::cast)
                            .allMatch(p -> p.getString("photoSha256") != null));
                assertThat(done.getJsonArray("unlocks").getJsonObject(0).getString("state")).isEqualTo("DONE");
                assertThat(done.getJsonArray("unlocks").getJsonObject(0).getInteger("pressesUsed")).isEqualTo(2);
                TestHttp security = Servers.login(server, "anbao", "sealflow");
                for (Object p : done.getJsonArray("presses")) {
                    String pressId = ((JsonObject) p).getString("id");
                    TestHttp.Res photo = journey.await(() -> security.get("/api/evidence/" + pressId + "/photo"),
                        r -> r.status() == 200);
                    assertThat(photo.contentType()).startsWith("image/jpeg");
                    assertThat(security.get("/api/evidence/" + pressId).json().getJsonArray("flags")).isEmpty();
                }
                // a clean session: nothing for security staff to look at
                TestHttp.Res anomalies = security.get("/api/evidence/anomalies?deviceId=SD-01");
                assertThat(anomalies.status()).isEqualTo(200);
                assertThat(anomalies.array()).as(anomalies.body()).isEmpty();
                // the custodian's HANDLE task is finished: nothing of this request is left on their list
                JsonArray pending = Journey.items(Servers.login(server, "zhengyi", "sealflow").get("/api/tasks?status=pending"));
                assertThat(pending.stream().map(JsonObject.class::cast).map(t -> t.getString("requestId"))).doesNotContain(requestId);
            }
        }
    }
}
