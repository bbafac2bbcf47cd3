package com.sealflow.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.protocol.serial.AuthMethod;
import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.VirtualDevice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery delay is not clock skew. A request approved while its device is away, whose unlock reaches the device
 * minutes later when it comes online (the token's notAfter allows 30 minutes): device and server clocks agree, so its
 * presses are not flagged CLOCK_SKEW, although the token's issue time is minutes behind the device's clock when it
 * arrives. A device whose clock is minutes ahead, to the agent the same picture, is still flagged: its live events
 * carry times beyond the server's clock.
 *
 * <p>The minutes of waiting are compressed: the server's clock stands {@link #AWAY} behind real time while the device
 * is enrolled and the request applied for and approved, and moves to real time before the device's agent first starts.
 * The agent (real time) thus receives exactly what a token that waited {@code AWAY} in the server's outbox looks like.
 */
class DelayedUnlockTest {

    private static final String DEVICE = "SD-01";
    private static final Duration AWAY = Duration.ofMinutes(10);

    @TempDir
    Path tmp;

    /** What the server stored of one session of two presses. */
    private record Stored(long tokenAgeMs, List<List<String>> pressFlags, List<String> anomalies) {
    }

    @Test
    void anUnlockDeliveredMinutesAfterItsApprovalLeavesThePressesUnflagged() throws Exception {
        Stored s = session(AWAY, 0);
        assertThat(s.tokenAgeMs()).as("the token was that late").isGreaterThan(AWAY.toMillis());
        assertThat(s.pressFlags()).as("delivery delay is not clock skew").hasSize(2).allMatch(List::isEmpty);
        assertThat(s.anomalies()).doesNotContain("CLOCK_SKEW");
    }

    @Test
    void aDeviceMinutesAheadIsStillFlaggedByItsEventTimes() throws Exception {
        long ahead = Duration.ofSeconds(200).toMillis();
        Stored s = session(Duration.ZERO, ahead);
        assertThat(s.tokenAgeMs()).isGreaterThanOrEqualTo(ahead);
        assertThat(s.pressFlags()).hasSize(2).allMatch(f -> f.equals(List.of("CLOCK_SKEW")));
    }

    /**
     * Enrols the device, applies and approves with the server's clock {@code away} behind, moves it to real time, then
     * starts the agent (its wall clock {@code agentAheadMs} ahead) and makes the session's two presses.
     */
    private Stored session(Duration away, long agentAheadMs) throws Exception {
        try (TestServer server = TestServer.start(Dialect.SQLITE, Map.of("demo", "true", "demo.devices", "false"), tmp.resolve("server"))) {
            server.clock.advance(away.negated());
            try (Ticker ticker = new Ticker(() -> server)) {
                String serverUrl = "http://127.0.0.1:" + server.server.port();
                TestHttp admin = Servers.login(server, "admin", "sealflow");
                Path simDir = tmp.resolve("sim");
                Servers.enrol(server, DEVICE, simDir.resolve(DEVICE).resolve("agent"));
                String custodian = Servers.login(server, "zhengyi", "sealflow").get("/api/me").json().getString("id");
                TestHttp applicant = Servers.login(server, "zhangsan", "sealflow");
                String requestId = Flows.apply(applicant, DEVICE, 2);
                Flows.approve(server, requestId);
                long issuedAt = server.clock.millis();

                // the device comes online: its agent starts now, the server's clock is real time from here
                server.clock.advance(away);
                DeviceConfig dc = DeviceConfig.sealDevice(DEVICE).withCustodianPins(Map.of(custodian, SimulatorConfig.DEMO_PIN))
                    .withAgentProperties(Map.of(DeviceConfig.AGENT_CLOCK_OFFSET, Long.toString(agentAheadMs)));
                SimulatorConfig sim = new SimulatorConfig("127.0.0.1", 0, serverUrl, simDir, false, true, List.of(dc));
                try (Simulator simulator = Simulator.start(sim)) {
                    VirtualDevice device = simulator.device(DEVICE);
                    Set<Long> acked = AckedPresses.of(device);
                    Flows.await(() -> applicant.get("/api/requests/" + requestId).json().getJsonArray("unlocks"),
                        u -> u.size() == 1 && "ACCEPTED".equals(u.getJsonObject(0).getString("state")), 60);
                    device.auth(AuthMethod.PIN, SimulatorConfig.DEMO_PIN);
                    Flows.await(() -> device.mcu().state().remainingPresses(), n -> n == 2, 30);
                    for (int i = 0; i < 2; i++) {
                        assertThat(device.press().forced()).as("press %d is inside the session", i).isFalse();
                    }
                    Flows.await(acked::size, n -> n == 2, 30);
                    JsonArray presses = Flows.await(() -> Flows.items(admin.get("/api/evidence?deviceId=" + DEVICE)),
                        a -> a.size() == 2 && a.stream().allMatch(p -> ((JsonObject) p).getBoolean("photoStored")), 60);
                    List<String> anomalies = admin.get("/api/evidence/anomalies?deviceId=" + DEVICE).array().stream()
                        .map(o -> ((JsonObject) o).getString("kind")).toList();
                    Flows.await(() -> applicant.get("/api/requests/" + requestId).json().getString("status"), "COMPLETED"::equals, 60);
                    Stored s = new Stored(presses.getJsonObject(0).getLong("at") - issuedAt,
                        presses.stream().map(p -> ((JsonObject) p).getJsonArray("flags").stream().map(String::valueOf).toList()).toList(),
                        anomalies);
                    System.out.printf("DelayedUnlockTest: device away %d s, clock %d s ahead: the token reached it %.1f min after "
                        + "its issue; press flags %s; anomalies %s%n", away.toSeconds(), agentAheadMs / 1000, s.tokenAgeMs() / 60_000.0,
                        s.pressFlags(), s.anomalies());
                    return s;
                }
            }
        }
    }
}
