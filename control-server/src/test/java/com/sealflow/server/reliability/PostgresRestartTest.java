package com.sealflow.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.protocol.serial.Message;
import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.DatabaseConfig;
import com.sealflow.server.db.Dialect;
import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import com.sealflow.protocol.serial.AuthMethod;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.VirtualDevice;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's PostgreSQL crashes (every PostgreSQL process SIGKILLed) and comes back on the same data directory and
 * port while a real agent presses and approvers approve: the server is not restarted. Its pool reconnects, readiness
 * says DOWN while the database is away and UP again after, every press the agent saw acknowledged is stored exactly
 * once (an event the intake could not commit is not acknowledged, so the broker hands it over again), the device's
 * events are seq 1..n each once, and every request completes.
 *
 * <p>Build: 3 sessions of 8 presses, one crash while the approvals of session 2 are being made and one in the middle
 * of session 3's presses. Longer: {@code -Dsealflow.pgrestart.sessions=N} (a crash in every session after the first).
 */
class PostgresRestartTest {

    private static final int SESSIONS = Integer.getInteger("sealflow.pgrestart.sessions", 3);
    private static final int COPIES = Integer.getInteger("sealflow.pgrestart.copies", 8);
    private static final long DOWN_MS = Long.getLong("sealflow.pgrestart.down-ms", 3000);
    private static final String DEVICE = "SD-01";

    @TempDir
    Path tmp;

    @Test
    void theServerRidesOutAPostgresCrashAndRestartWithoutLosingOrDoublingEvidence() throws Exception {
        long started = System.nanoTime();
        ExecutorService background = Executors.newCachedThreadPool();
        try (StandalonePostgres pg = StandalonePostgres.start(tmp.resolve("pg"))) {
            DatabaseConfig db = pg.database("sealflow");
            Map<String, String> settings = Map.of("demo", "true", "demo.devices", "false", "db.url", db.url(),
                "db.user", db.user(), "db.password", db.password());
            try (TestServer server = TestServer.start(Dialect.POSTGRES, settings, tmp.resolve("server"));
                 Ticker ticker = new Ticker(() -> server);
                 Readiness readiness = new Readiness("http://127.0.0.1:" + server.server.port())) {
                String serverUrl = "http://127.0.0.1:" + server.server.port();
                Path simDir = tmp.resolve("sim");
                Servers.enrol(server, DEVICE, simDir.resolve(DEVICE).resolve("agent"));
                String custodian = Servers.login(server, "zhengyi", "sealflow").get("/api/me").json().getString("id");
                SimulatorConfig sim = new SimulatorConfig("127.0.0.1", 0, serverUrl, simDir, false, true,
                    List.of(DeviceConfig.sealDevice(DEVICE).withCustodianPins(Map.of(custodian, SimulatorConfig.DEMO_PIN))));
                Set<Long> acked = new ConcurrentSkipListSet<>();
                List<String> requests = new ArrayList<>();
                AtomicInteger crashes = new AtomicInteger();
                List<Double> outages = new ArrayList<>();
                try (Simulator simulator = Simulator.start(sim)) {
                    VirtualDevice device = simulator.device(DEVICE);
                    device.mcu().onAck((message, nanos) -> {
                        if (message instanceof Message.Press p) {
                            acked.add(p.pressCounter());
                        }
                    });
                    for (int session = 0; session < SESSIONS; session++) {
                        TestHttp applicant = Servers.login(server, "zhangsan", "sealflow");
                        String requestId = Flows.apply(applicant, DEVICE, COPIES);
                        requests.add(requestId);
                        Future<?> crash = null;
                        boolean duringApprovals = session % 2 == 1;
                        if (duringApprovals) {
                            crash = background.submit(() -> outages.add(pg.crashAndRestart(DOWN_MS, crashes)));
                        }
                        approveThroughOutage(server, requestId);
                        Flows.await(() -> applicant.get("/api/requests/" + requestId).json(), d -> d.getJsonArray("unlocks").size() == 1
                            && "ACCEPTED".equals(d.getJsonArray("unlocks").getJsonObject(0).getString("state")), 120);
                        device.auth(AuthMethod.PIN, SimulatorConfig.DEMO_PIN);
                        Flows.await(() -> device.mcu().state().remainingPresses(), n -> n == COPIES, 60);
                        for (int i = 0; i < COPIES; i++) {
                            if (session > 0 && !duringApprovals && i == COPIES / 3) {
                                crash = background.submit(() -> outages.add(pg.crashAndRestart(DOWN_MS, crashes)));
                            }
                            assertThat(device.press().forced()).as("press %d of session %d is inside its session", i, session).isFalse();
                            Thread.sleep(150);
                        }
                        if (crash != null) {
                            crash.get();
                        }
                    }
                    int pressed = SESSIONS * COPIES;
                    Flows.await(acked::size, n -> n == pressed, 120);
                    Flows.await(() -> Evidence.of(db, DEVICE), e -> e.distinctCounters() >= pressed && e.photosStored() >= pressed, 180);
                    TestHttp applicant = Servers.login(server, "zhangsan", "sealflow");
                    for (String id : requests) {
                        Flows.await(() -> applicant.get("/api/requests/" + id).json().getString("status"), "COMPLETED"::equals, 120);
                    }
                    Flows.await(readiness::current, s -> s == 200, 30);
                    Thread.sleep(1000);
                    Evidence e = Evidence.of(db, DEVICE);
                    System.out.printf("PostgresRestartTest: %d sessions of %d presses, PostgreSQL SIGKILLed and restarted %d times "
                            + "(down %s s each, restart included); readiness seen: %s; %d presses ACKed, %d stored (%d distinct counters, "
                            + "%d distinct events, %d photos), device events seq 1..%d (%d stored, %d distinct, %d linked); "
                            + "open anomalies %s, resolved %s; %d requests COMPLETED; %.1f s%n",
                        SESSIONS, COPIES, crashes.get(), outages, readiness.seen(), acked.size(), e.presses(), e.distinctCounters(),
                        e.distinctEvents(), e.photosStored(), e.maxSeq(), e.events(), e.distinctSeqs(), e.links(),
                        new TreeMap<>(e.anomalies()), new TreeMap<>(e.resolved()), requests.size(), (System.nanoTime() - started) / 1e9);
                    assertThat(crashes.get()).isEqualTo(SESSIONS - 1);
                    assertThat(readiness.seen()).as("readiness said DOWN while PostgreSQL was away, and UP again").contains(503, 200);
                    assertThat(e.counters()).as("every ACKed press stored").containsExactlyInAnyOrderElementsOf(acked);
                    assertThat(e.presses()).as("no press stored twice").isEqualTo(pressed).isEqualTo(e.distinctCounters())
                        .isEqualTo(e.distinctEvents());
                    assertThat(e.photosStored()).as("every press has its photo").isEqualTo(pressed);
                    assertThat(e.events()).as("seq 1..n, each once").isEqualTo(e.maxSeq()).isEqualTo(e.distinctSeqs());
                    assertThat(e.links()).as("each stored event links to the one before").isEqualTo(e.events() - 1);
                    assertThat(e.anomalies().keySet()).as("nothing suspected").isSubsetOf("DEVICE_OFFLINE_DURING_SESSION");
                }
            }
        } finally {
            background.shutdownNow();
        }
    }

    /**
     * Both approvals. A call the dead database fails (an error answer, or no login) is made again while the task is
     * still pending; a task no longer pending after an attempt was approved by it (its answer was lost).
     */
    private static void approveThroughOutage(TestServer server, String requestId) throws InterruptedException {
        for (String approver : List.of("lisi", "qianqi")) {
            boolean attempted = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                assertThat(System.nanoTime()).as("%s approved %s within 120 s", approver, requestId).isLessThan(deadline);
                try {
                    TestHttp me = Servers.login(server, approver, "sealflow");
                    Optional<JsonObject> task = Flows.items(me.get("/api/tasks?status=pending")).stream()
                        .map(JsonObject.class::cast).filter(t -> requestId.equals(t.getString("requestId"))).findFirst();
                    if (task.isEmpty() && attempted) {
                        break;
                    }
                    if (task.isPresent()) {
                        attempted = true;
                        TestHttp.Res res = me.post("/api/tasks/" + task.get().getString("id") + "/approve",
                            new JsonObject().put("comment", "ok"));
                        if (res.status() == 200) {
                            break;
                        }
                    }
                } catch (RuntimeException | AssertionError notNow) {
                    // the database is away: try again
                }
                Thread.sleep(200);
            }
        }
    }
}
