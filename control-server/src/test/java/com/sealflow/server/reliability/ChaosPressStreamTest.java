package com.sealflow.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.protocol.serial.AuthMethod;
import com.sealflow.protocol.serial.Message;
import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.DatabaseConfig;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import com.sealflow.simulator.chaos.NetworkProxy;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.VirtualDevice;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream of presses with photos from a virtual device whose real edge agent (a child JVM) reaches the server's
 * broker through a fault-injecting TCP proxy (latency, jitter, drops, resets, cuts, stalls, a slow link), while the
 * server reaches PostgreSQL through another (latency, connection resets). Meanwhile the agent is SIGKILLed and
 * restarted and the server, with its embedded broker, is stopped and started again on the same database. In the
 * end every press the MCU saw acknowledged is stored exactly once with its photo, the device's event chain is
 * complete (seq 1..n, each once) and every request is COMPLETED.
 *
 * <p>Presses: {@code -Dsealflow.chaos.presses=N} (150 in the build); server restarts:
 * {@code -Dsealflow.chaos.server-restarts=R} (1 in the build); seed: {@code -Dsealflow.chaos.seed=S} (printed, to repeat
 * a run's fault schedule).
 */
class ChaosPressStreamTest {

    private static final int PRESSES = Integer.getInteger("sealflow.chaos.presses", 150);
    /** Server (and embedded broker) restarts while the device presses. */
    private static final int SERVER_RESTARTS = Integer.getInteger("sealflow.chaos.server-restarts", 1);
    private static final int PER_SESSION = 50;
    private static final String DEVICE = "SD-01";

    @TempDir
    Path tmp;

    private volatile TestServer server;

    @Test
    void everyAcknowledgedPressIsStoredOnceWithItsPhotoThroughFaultsKillsAndRestarts() throws Exception {
        long seed = Long.getLong("sealflow.chaos.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("ChaosPressStreamTest: %d presses, seed %d%n", PRESSES, seed);
        long started = System.nanoTime();
        DatabaseConfig pg = TestDatabases.postgresConfig();
        URI pgUri = URI.create(pg.url().substring("jdbc:".length()));
        Map<String, String> settings = new HashMap<>(Map.of("demo", "true", "demo.devices", "false",
            "db.user", pg.user(), "db.password", pg.password(),
            "http.port", Integer.toString(freePort()), "mqtt.port", Integer.toString(freePort())));
        ExecutorService background = Executors.newCachedThreadPool();
        try (NetworkProxy dbNet = new NetworkProxy(pgUri.getHost(), pgUri.getPort())) {
            settings.put("db.url", "jdbc:postgresql://127.0.0.1:" + dbNet.port() + pgUri.getRawPath()
                + (pgUri.getRawQuery() == null ? "" : "?" + pgUri.getRawQuery()));
            server = TestServer.start(Dialect.POSTGRES, settings, tmp.resolve("server"));
            background.submit(() -> {
                try (Ticker ticker = new Ticker(() -> server)) {
                    Thread.sleep(Long.MAX_VALUE);
                }
                return null;
            });
            String serverUrl = "http://127.0.0.1:" + server.server.port();
            try (NetworkProxy mqttNet = new NetworkProxy("127.0.0.1", Integer.parseInt(settings.get("mqtt.port")))) {
                Servers.enrol(server, DEVICE, tmp.resolve("agents").resolve(DEVICE));
                String custodian = Servers.login(server, "zhengyi", "sealflow").get("/api/me").json().getString("id");
                ChildAgents agents = new ChildAgents(tmp.resolve("agents"), Map.of("mqtt.url", "tcp://127.0.0.1:" + mqttNet.port()));
                SimulatorConfig sim = new SimulatorConfig("127.0.0.1", 0, serverUrl, tmp.resolve("sim"), false, true,
                    List.of(DeviceConfig.sealDevice(DEVICE).withCustodianPins(Map.of(custodian, SimulatorConfig.DEMO_PIN))));
                Set<Long> acked = new ConcurrentSkipListSet<>();
                List<String> requests = new ArrayList<>();
                Faults faults = new Faults(random, mqttNet, dbNet);
                try (Simulator simulator = Simulator.start(sim, agents)) {
                    VirtualDevice device = simulator.device(DEVICE);
                    device.mcu().onAck((message, nanos) -> {
                        if (message instanceof Message.Press p) {
                            acked.add(p.pressCounter());
                        }
                    });
                    int kills = Math.max(2, PRESSES / 100);
                    int restarts = SERVER_RESTARTS;
                    Future<?> serverRestart = null;
                    int pressed = 0;
                    while (pressed < PRESSES) {
                        int copies = Math.min(PER_SESSION, PRESSES - pressed);
                        if (serverRestart != null) {
                            serverRestart.get();
                        }
                        faults.calm();
                        String requestId = openSession(device, copies);
                        requests.add(requestId);
                        for (int i = 0; i < copies; i++, pressed++) {
                            faults.step(pressed);
                            if (pressed % (PRESSES / (kills + 1)) == PRESSES / (kills + 1) / 2) {
                                background.submit(() -> kill9AndRestart(agents, random.nextInt(1500)));
                            }
                            if (restarts > 0 && pressed % (PRESSES / restarts) == PRESSES / restarts * 2 / 3) {
                                serverRestart = background.submit(() -> restartServer(settings));
                            }
                            assertThat(device.press().forced()).as("press %d is inside its session", pressed).isFalse();
                            Thread.sleep(20 + random.nextInt(40));
                        }
                    }
                    if (serverRestart != null) {
                        serverRestart.get();
                    }
                    faults.calm();
                    Flows.await(acked::size, n -> n == PRESSES, 120);
                    System.out.printf("ChaosPressStreamTest: %d presses ACKed by the agent; faults: %s%n", acked.size(), faults);
                    System.out.printf("ChaosPressStreamTest: broker link: %s; database link: %s%n", mqttNet.stats(), dbNet.stats());
                    Flows.await(() -> Evidence.of(pg, DEVICE), e -> e.photosStored() == PRESSES && e.distinctCounters() >= PRESSES, 180);
                    TestHttp applicant = Servers.login(server, "zhangsan", "sealflow");
                    for (String id : requests) {
                        Flows.await(() -> applicant.get("/api/requests/" + id).json().getString("status"), "COMPLETED"::equals, 60);
                    }
                } finally {
                    agents.child(DEVICE).close();
                }
                Evidence e = Evidence.of(pg, DEVICE);
                System.out.printf("ChaosPressStreamTest: stored %d presses (%d distinct counters, %d distinct events, %d photos), "
                        + "%d device events seq 1..%d (%d distinct, %d linked, %d trusted); open anomalies %s, resolved %s; "
                        + "%d requests COMPLETED; %.1f s%n",
                    e.presses(), e.distinctCounters(), e.distinctEvents(), e.photosStored(), e.events(), e.maxSeq(), e.distinctSeqs(),
                    e.links(), e.trusted(),
                    new TreeMap<>(e.anomalies()), new TreeMap<>(e.resolved()), requests.size(), (System.nanoTime() - started) / 1e9);
                assertThat(e.counters()).as("every ACKed press stored").containsExactlyInAnyOrderElementsOf(acked);
                assertThat(e.presses()).as("no press stored twice").isEqualTo(PRESSES).isEqualTo(e.distinctCounters())
                    .isEqualTo(e.distinctEvents());
                assertThat(e.photosStored()).as("every press has its photo").isEqualTo(PRESSES);
                assertThat(e.events()).as("seq 1..n, each once").isEqualTo(e.maxSeq()).isEqualTo(e.distinctSeqs());
                assertThat(e.links()).as("each stored event links to the one before").isEqualTo(e.events() - 1);
                // a live event overtaking the backlog is flagged as a gap when it arrives; the late ones then fit in and
                // resolve the flag (kept as GAP_REPAIRED), so no gap is left open once seq 1..n is complete
                assertThat(e.anomalies().keySet()).as("no clone, forgery, skew or open gap suspected")
                    .isSubsetOf("DEVICE_OFFLINE_DURING_SESSION");
                assertThat(e.resolved().keySet()).isSubsetOf("CHAIN_BROKEN");
            } finally {
                server.close();
            }
        } finally {
            background.shutdownNow();
        }
    }

    /** Applies, approves, waits for the device to accept the unlock and enters the custodian's PIN. */
    private String openSession(VirtualDevice device, int copies) {
        TestHttp applicant = Servers.login(server, "zhangsan", "sealflow");
        String requestId = Flows.apply(applicant, DEVICE, copies);
        Flows.approve(server, requestId);
        Flows.await(() -> applicant.get("/api/requests/" + requestId).json(),
            d -> d.getJsonArray("unlocks").size() == 1
                && "ACCEPTED".equals(d.getJsonArray("unlocks").getJsonObject(0).getString("state")), 120);
        device.auth(AuthMethod.PIN, SimulatorConfig.DEMO_PIN);
        Flows.await(() -> device.mcu().state().remainingPresses(), n -> n == copies, 60);
        return requestId;
    }

    private Void kill9AndRestart(ChildAgents agents, long downMillis) throws Exception {
        agents.kill9(DEVICE);
        Thread.sleep(downMillis);
        agents.restart(DEVICE);
        System.out.printf("ChaosPressStreamTest: agent SIGKILLed, restarted after %d ms%n", downMillis);
        return null;
    }

    private Void restartServer(Map<String, String> settings) {
        long t = System.nanoTime();
        server.close();
        server = TestServer.start(Dialect.POSTGRES, settings, tmp.resolve("server"));
        System.out.printf("ChaosPressStreamTest: server and its broker restarted in %.1f s%n", (System.nanoTime() - t) / 1e9);
        return null;
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
