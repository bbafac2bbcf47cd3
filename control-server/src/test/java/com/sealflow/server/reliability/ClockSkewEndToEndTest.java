package com.sealflow.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.agent.identity.Enroller;
import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.DatabaseConfig;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.VirtualDevice;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real edge agent whose wall clock is a day ahead, a day behind, and at 1970, against a real server (PostgreSQL,
 * embedded broker) on the true time, through the whole journey: apply, approve, unlock command, forced press. As
 * designed (DESIGN.md §4, docs/device-contract.md): the unlock token is refused by the device ({@code EXPIRED} a day
 * ahead, {@code CLOCK_SKEW} a day behind and at 1970) and nothing unlocks; the press is still journaled, delivered and
 * stored once, with the device's own time kept as claimed, the server's receive time beside it, and the event flagged
 * {@code CLOCK_SKEW} (a day ahead: its time is beyond the server's clock; behind: the agent reports its skew).
 */
class ClockSkewEndToEndTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final String DEVICE = "SD-01";

    @TempDir
    Path tmp;

    private record Case(String name, String refusal, java.util.function.Function<String, SkewedAgents> agents) {
    }

    @Test
    void skewedAgentClocksAreRefusedAndFlaggedAsDesigned() throws Exception {
        DatabaseConfig pg = TestDatabases.postgresConfig();
        Map<String, String> settings = new HashMap<>(Map.of("demo", "true", "demo.devices", "false", "db.url", pg.url(),
            "db.user", pg.user(), "db.password", pg.password()));
        try (TestServer server = TestServer.start(Dialect.POSTGRES, settings, tmp.resolve("server"));
             Ticker ticker = new Ticker(() -> server)) {
            String serverUrl = "http://127.0.0.1:" + server.server.port();
            String code = Servers.login(server, "admin", "sealflow").post("/api/devices/" + DEVICE + "/enrolment-code",
                new JsonObject()).json().getString("code");
            Path agents = tmp.resolve("agents");
            String mqtt = new Enroller(HttpClient.newHttpClient()).enroll(serverUrl, code, "1.0.0", agents.resolve(DEVICE)).mqtt().url();
            TestHttp applicant = Servers.login(server, "zhangsan", "sealflow");
            List<Case> cases = List.of(
                new Case("a day ahead", "EXPIRED", url -> SkewedAgents.shiftedBy(agents, url, DAY)),
                new Case("a day behind", "CLOCK_SKEW", url -> SkewedAgents.shiftedBy(agents, url, -DAY)),
                new Case("at 1970", "CLOCK_SKEW", url -> SkewedAgents.startingAt(agents, url, 1_000)));
            int n = 0;
            for (Case c : cases) {
                n++;
                SimulatorConfig sim = new SimulatorConfig("127.0.0.1", 0, serverUrl, tmp.resolve("sim-" + n), false, true,
                    List.of(DeviceConfig.sealDevice(DEVICE)));
                try (Simulator simulator = Simulator.start(sim, c.agents().apply(mqtt))) {
                    VirtualDevice device = simulator.device(DEVICE);
                    String requestId = Flows.apply(applicant, DEVICE, 1);
                    Flows.approve(server, requestId);
                    JsonObject unlock = Flows.await(() -> applicant.get("/api/requests/" + requestId).json().getJsonArray("unlocks"),
                        u -> u.size() == 1 && List.of("REJECTED", "ACCEPTED", "DONE").contains(u.getJsonObject(0).getString("state")), 60)
                        .getJsonObject(0);
                    assertThat(device.mcu().state().remainingPresses()).as(c.name() + ": nothing unlocked").isZero();
                    long sent = System.currentTimeMillis();
                    assertThat(device.press().forced()).as(c.name() + ": a press without a session is forced").isTrue();
                    int stored = n;
                    Flows.await(() -> count(pg, "SELECT COUNT(*) FROM press WHERE device_id = '" + DEVICE + "'"), x -> x >= stored, 60);
                    long[] press = newestPress(pg);
                    System.out.printf("ClockSkewEndToEndTest: agent %s: unlock %s %s; press stored with device time %s, received %s "
                            + "(%+.1f h apart), CLOCK_SKEW flags on it: %d%n", c.name(), unlock.getString("state"),
                        unlock.getString("reason"), java.time.Instant.ofEpochMilli(press[0]), java.time.Instant.ofEpochMilli(press[1]),
                        (press[0] - press[1]) / 3.6e6, press[2]);
                    assertThat(unlock.getString("state")).as(c.name()).isEqualTo("REJECTED");
                    assertThat(unlock.getString("reason")).as(c.name()).contains(c.refusal());
                    assertThat(press[1]).as(c.name() + ": the server's receive time").isBetween(sent - 5_000, sent + 60_000);
                    assertThat(press[2]).as(c.name() + ": the press is flagged CLOCK_SKEW").isPositive();
                    assertThat(Math.abs(press[0] - press[1])).as(c.name() + ": the device's time kept as claimed")
                        .isGreaterThan(DAY - 120_000);
                }
            }
            assertThat(count(pg, "SELECT COUNT(*) FROM press WHERE device_id = '" + DEVICE + "'")).as("each press once").isEqualTo(3);
        }
    }

    /** The newest stored press of the device: its event's claimed time, the server's receive time, CLOCK_SKEW flags. */
    private static long[] newestPress(DatabaseConfig pg) {
        long[] out = new long[3];
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password()); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT e.at, e.received_at, (SELECT COUNT(*) FROM evidence_anomaly a WHERE a.event_id = "
                 + "e.event_id AND a.kind = 'CLOCK_SKEW') FROM press p JOIN device_event e ON e.event_id = p.event_id "
                 + "WHERE p.device_id = '" + DEVICE + "' ORDER BY e.received_at DESC LIMIT 1")) {
            rs.next();
            for (int i = 0; i < 3; i++) {
                out[i] = rs.getLong(i + 1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static long count(DatabaseConfig pg, String sql) {
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password()); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
