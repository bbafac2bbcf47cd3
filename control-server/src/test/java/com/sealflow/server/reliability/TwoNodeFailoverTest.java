package com.sealflow.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.agent.identity.Enrolment;
import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.DatabaseConfig;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import com.sealflow.server.device.broker.MosquittoBroker;
import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.VirtualDevice;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two full control-server nodes (each its own Vert.x, HTTP port and data dir) on one PostgreSQL database and
 * Debian's Mosquitto as the external broker (MQTT 5 shared subscription), a real edge agent on a virtual device.
 * A browser's session cookie from node A works on node B (sessions live in the database) and logging out on B ends
 * it on A. Node time limits (the demo flow's department step: remind 4 h before, transfer after 1 day) act exactly
 * once per task although both nodes poll the timers and node A is closed while they are due. The device's forced
 * presses, streaming while node A goes away, are ingested exactly once: seq 1..n, each once, every press once.
 */
class TwoNodeFailoverTest {

    private static final int REQUESTS = 8;
    private static final int PRESSES = 30;

    @TempDir
    Path tmp;

    @Test
    void sessionsMoveBetweenNodesTimeoutsActOnceAndEventsAreIngestedOnceWhenANodeGoesAway() throws Exception {
        Map<String, String> users = new HashMap<>(Map.of("sealflow-server-a", "secret-a", "sealflow-server-b", "secret-b"));
        DatabaseConfig pg = TestDatabases.postgresConfig();
        try (MosquittoBroker mosquitto = new MosquittoBroker(users)) {
            Map<String, String> settings = new HashMap<>(Map.of("demo", "true", "demo.devices", "false", "db.url", pg.url(),
                "db.user", pg.user(), "db.password", pg.password()));
            settings.put("mqtt.url", "tcp://sealflow-server-a:secret-a@127.0.0.1:" + mosquitto.port);
            TestServer a = TestServer.start(Dialect.POSTGRES, settings, tmp.resolve("node-a"));
            TestServer b = null;
            try {
                settings.put("mqtt.url", "tcp://sealflow-server-b:secret-b@127.0.0.1:" + mosquitto.port);
                b = TestServer.start(Dialect.POSTGRES, settings, tmp.resolve("node-b"));
                sessionCookieWorksOnTheOtherNode(a, b);

                // a device enrolled through node A, its agent online through Mosquitto
                Path simDir = tmp.resolve("sim");
                Enrolment enrolment = Servers.enrol(a, "SD-01", simDir.resolve("SD-01").resolve("agent"));
                users.put("SD-01", enrolment.mqtt().password());
                mosquitto.writePasswords(users);

                // requests from both nodes, all waiting at the department head's step
                List<String> requests = new ArrayList<>();
                TestHttp onA = Servers.login(a, "zhangsan", "sealflow");
                TestHttp onB = Servers.login(b, "zhangsan", "sealflow");
                for (int i = 0; i < REQUESTS; i++) {
                    requests.add(Flows.apply(i % 2 == 0 ? onA : onB, "SD-01", 1));
                }
                // 21 h later both nodes see the reminder due (4 h before the 1-day limit)
                a.clock.advance(Duration.ofHours(21));
                b.clock.advance(Duration.ofHours(21));
                Flows.await(() -> history(pg, requests, "REMIND"), h -> h.values().stream().allMatch(n -> n >= 1)
                    && h.size() == REQUESTS, 60);

                SimulatorConfig sim = new SimulatorConfig("127.0.0.1", 0, "http://127.0.0.1:" + a.server.port(), simDir, false, true,
                    List.of(DeviceConfig.sealDevice("SD-01")));
                try (Simulator simulator = Simulator.start(sim)) {
                    VirtualDevice device = simulator.device("SD-01");
                    assertThat(device.press().forced()).isTrue();
                    Flows.await(() -> presses(pg), n -> n == 1, 60);
                    for (int i = 1; i < PRESSES; i++) {
                        if (i == PRESSES / 2) {
                            // the time limits fall due on both nodes, and node A goes away while they are processed
                            a.clock.advance(Duration.ofHours(4));
                            b.clock.advance(Duration.ofHours(4));
                            Thread.sleep(500);
                            a.close();
                            a = null;
                        }
                        assertThat(device.press().forced()).isTrue();
                        Thread.sleep(50);
                    }
                    Flows.await(() -> history(pg, requests, "TIMEOUT"), h -> h.size() == REQUESTS, 60);
                    Flows.await(() -> presses(pg), n -> n >= PRESSES, 60);
                    Thread.sleep(3000);
                }
                Map<String, Integer> reminds = history(pg, requests, "REMIND");
                Map<String, Integer> timeouts = history(pg, requests, "TIMEOUT");
                long[] ev = events(pg);
                System.out.printf("TwoNodeFailoverTest: %d requests: %d reminders, %d timeouts (node A closed while due); "
                        + "%d presses stored, %d device events seq 1..%d (%d distinct)%n", REQUESTS,
                    reminds.values().stream().mapToInt(Integer::intValue).sum(),
                    timeouts.values().stream().mapToInt(Integer::intValue).sum(),
                    presses(pg), ev[0], ev[2], ev[1]);
                assertThat(reminds.values()).as("one reminder per task").hasSize(REQUESTS).containsOnly(1);
                assertThat(timeouts.values()).as("one timeout per task").hasSize(REQUESTS).containsOnly(1);
                assertThat(presses(pg)).as("every press once").isEqualTo(PRESSES);
                assertThat(ev[0]).as("every device event once, none missing").isEqualTo(ev[1]).isEqualTo(ev[2]);
            } finally {
                if (a != null) {
                    a.close();
                }
                if (b != null) {
                    b.close();
                }
            }
        }
    }

    /** Log in on A, carry the cookies to B: the session works there, including a CSRF-checked write; logout on B ends it. */
    private static void sessionCookieWorksOnTheOtherNode(TestServer a, TestServer b) {
        TestHttp onA = Servers.login(a, "zhangsan", "sealflow");
        String me = onA.get("/api/me").json().getString("id");
        TestHttp onB = Servers.carrySession(onA, b);
        TestHttp.Res meOnB = onB.get("/api/me");
        assertThat(meOnB.status()).as(meOnB.body()).isEqualTo(200);
        assertThat(meOnB.json().getString("id")).isEqualTo(me);
        String draft = Flows.apply(onB, "SD-01", 1);
        assertThat(onA.get("/api/requests/" + draft).status()).as("written on B, read on A").isEqualTo(200);
        TestHttp.Res out = onB.post("/api/auth/logout", new JsonObject());
        assertThat(out.status()).as(out.body()).isIn(200, 204);
        assertThat(onA.get("/api/me").status()).as("logged out on B: the session is gone on A too").isEqualTo(401);
    }

    /** How often each request's approval instance logged {@code action}, by request id. */
    private static Map<String, Integer> history(DatabaseConfig pg, List<String> requests, String action) {
        Map<String, Integer> out = new HashMap<>();
        query(pg, "SELECT i.business_key, COUNT(*) FROM approval_history h JOIN approval_instance i ON i.id = h.instance_id "
            + "WHERE h.action = '" + action + "' GROUP BY i.business_key", rs -> {
                if (requests.contains(rs.getString(1))) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            });
        return out;
    }

    private static long presses(DatabaseConfig pg) {
        long[] n = new long[1];
        query(pg, "SELECT COUNT(DISTINCT counter) FROM press WHERE device_id = 'SD-01'", rs -> n[0] = rs.getLong(1));
        long[] all = new long[1];
        query(pg, "SELECT COUNT(*) FROM press WHERE device_id = 'SD-01'", rs -> all[0] = rs.getLong(1));
        assertThat(all[0]).as("no press stored twice").isEqualTo(n[0]);
        return n[0];
    }

    /** Device events of SD-01: count, distinct seqs, highest seq. */
    private static long[] events(DatabaseConfig pg) {
        long[] out = new long[3];
        query(pg, "SELECT COUNT(*), COUNT(DISTINCT seq), COALESCE(MAX(seq), 0) FROM device_event WHERE device_id = 'SD-01'", rs -> {
            out[0] = rs.getLong(1);
            out[1] = rs.getLong(2);
            out[2] = rs.getLong(3);
        });
        return out;
    }

    private interface Row {
        void accept(ResultSet rs) throws java.sql.SQLException;
    }

    private static void query(DatabaseConfig pg, String sql, Row row) {
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                row.accept(rs);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
