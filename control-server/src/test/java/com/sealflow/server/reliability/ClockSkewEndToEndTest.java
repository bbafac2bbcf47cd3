package com.sealflow.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real agent whose wall clock is a day ahead, a day behind, or at 1970 works with the server end to end as the
 * design says: the server's unlock is refused (TTL on the monotonic clock, wall clock checked against the token
 * with the skew tolerance: EXPIRED when ahead, CLOCK_SKEW when behind), so no session opens; a press forced on the
 * mechanism is still journaled, published and stored with its photo, and flagged PRESS_WITHOUT_SESSION and
 * CLOCK_SKEW (by the device's own estimate when behind, by the event time beyond the server's clock when ahead).
 */
class ClockSkewEndToEndTest {

    private static final String DEVICE = "SD-01";
    private static final long DAY = 86_400_000L;

    enum Skew {
        DAY_AHEAD, DAY_BEHIND, AT_1970;

        long offsetMs() {
            return switch (this) {
                case DAY_AHEAD -> DAY;
                case DAY_BEHIND -> -DAY;
                case AT_1970 -> 1_000L - System.currentTimeMillis();
            };
        }

        String refusal() {
            return this == DAY_AHEAD ? "EXPIRED" : "CLOCK_SKEW";
        }
    }

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Skew.class)
    void aSkewedAgentsUnlockIsRefusedAndItsForcedPressIsStoredAndFlagged(Skew skew) throws Exception {
        try (TestServer server = TestServer.start(Dialect.SQLITE, Map.of("demo", "true", "demo.devices", "false"), tmp.resolve("server"));
             Ticker ticker = new Ticker(() -> server)) {
            String serverUrl = "http://127.0.0.1:" + server.server.port();
            TestHttp admin = Servers.login(server, "admin", "sealflow");
            String code = admin.post("/api/devices/" + DEVICE + "/enrolment-code", new JsonObject()).json().getString("code");
            String custodian = Servers.login(server, "zhengyi", "sealflow").get("/api/me").json().getString("id");
            DeviceConfig dc = DeviceConfig.sealDevice(DEVICE).withEnrolmentCode(code)
                .withCustodianPins(Map.of(custodian, SimulatorConfig.DEMO_PIN))
                .withAgentProperties(Map.of(DeviceConfig.AGENT_CLOCK_OFFSET, Long.toString(skew.offsetMs())));
            SimulatorConfig sim = new SimulatorConfig("127.0.0.1", 0, serverUrl, tmp.resolve("sim"), false, true, List.of(dc));
            try (Simulator simulator = Simulator.start(sim)) {
                VirtualDevice device = simulator.device(DEVICE);
                Set<Long> acked = AckedPresses.of(device);
                Flows.await(() -> admin.get("/api/devices/" + DEVICE).json().getString("status"), "ONLINE"::equals, 60);

                TestHttp applicant = Servers.login(server, "zhangsan", "sealflow");
                String requestId = Flows.apply(applicant, DEVICE, 1);
                Flows.approve(server, requestId);
                JsonObject unlock = Flows.await(() -> applicant.get("/api/requests/" + requestId).json().getJsonArray("unlocks"),
                    u -> u.size() == 1 && "REJECTED".equals(u.getJsonObject(0).getString("state")), 60).getJsonObject(0);
                assertThat(unlock.getString("reason")).isEqualTo(skew.refusal());

                assertThat(device.press().forced()).as("no session opened: the press is forced").isTrue();
                Flows.await(acked::size, n -> n == 1, 30);
                JsonObject press = Flows.await(() -> Flows.items(admin.get("/api/evidence?deviceId=" + DEVICE)),
                    a -> a.size() == 1 && a.getJsonObject(0).getBoolean("photoStored"), 60).getJsonObject(0);
                JsonArray anomalies = admin.get("/api/evidence/anomalies?deviceId=" + DEVICE).array();
                System.out.printf("ClockSkewEndToEndTest %s: unlock %s %s; press %s flags %s at %d (server now %d); anomalies %s%n", skew,
                    unlock.getString("state"), unlock.getString("reason"), press.getString("id"), press.getJsonArray("flags"),
                    press.getLong("at"), server.clock.millis(), anomalies.stream().map(o -> ((JsonObject) o).getString("kind")).toList());
                assertThat(press.getJsonArray("flags").getList()).contains("PRESS_WITHOUT_SESSION", "CLOCK_SKEW");
                assertThat(press.getLong("at") - server.clock.millis()).as("the device's own time is kept")
                    .isBetween(skew.offsetMs() - 120_000, skew.offsetMs() + 120_000);
            }
        }
    }
}
