package com.sealflow.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.agent.identity.Enrolment;
import com.sealflow.server.Servers;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.DatabaseConfig;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import com.sealflow.server.device.broker.MosquittoBroker;
import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.VirtualDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Mosquitto (no persistence) is SIGKILLed and started again under a real agent that keeps pressing, with a
 * control server using it as its external broker. Both MQTT clients come back by themselves (the broker lost every
 * session: the agent's queued and in-flight events are published again on the new connection), every press the
 * agent saw acknowledged is stored once — those after the restart included — and the device's events are seq 1..n.
 * {@code -Dsealflow.mosquitto.restarts=N} restarts it N times (2 in the build).
 */
class MosquittoRestartTest {

    private static final int RESTARTS = Integer.getInteger("sealflow.mosquitto.restarts", 2);
    private static final String DEVICE = "SD-01";

    @TempDir
    Path tmp;

    @Test
    void pressesAMosquittoRestartAreStored() throws Exception {
        long started = System.nanoTime();
        Map<String, String> users = new HashMap<>(Map.of("sealflow-server", "server-secret"));
        DatabaseConfig pg = TestDatabases.postgresConfig();
        ExecutorService background = Executors.newCachedThreadPool();
        try (MosquittoBroker mosquitto = new MosquittoBroker(users);
             TestServer server = TestServer.start(Dialect.POSTGRES, Map.of("demo", "true", "demo.devices", "false", "db.url", pg.url(),
                 "db.user", pg.user(), "db.password", pg.password(),
                 "mqtt.url", "tcp://sealflow-server:server-secret@127.0.0.1:" + mosquitto.port), tmp.resolve("server"));
             Ticker ticker = new Ticker(() -> server)) {
            String serverUrl = "http://127.0.0.1:" + server.server.port();
            Path simDir = tmp.resolve("sim");
            Enrolment enrolment = Servers.enrol(server, DEVICE, simDir.resolve(DEVICE).resolve("agent"));
            users.put(DEVICE, enrolment.mqtt().password());
            mosquitto.writePasswords(users);
            SimulatorConfig sim = new SimulatorConfig("127.0.0.1", 0, serverUrl, simDir, false, true,
                List.of(DeviceConfig.sealDevice(DEVICE)));
            try (Simulator simulator = Simulator.start(sim)) {
                VirtualDevice device = simulator.device(DEVICE);
                Set<Long> acked = AckedPresses.of(device);
                AtomicBoolean pressing = new AtomicBoolean(true);
                Future<Integer> presses = background.submit(() -> {
                    int n = 0;
                    while (pressing.get()) {
                        assertThat(device.press().forced()).isTrue();
                        n++;
                        Thread.sleep(200);
                    }
                    return n;
                });
                List<Long> restartedAfter = new ArrayList<>();
                for (int r = 0; r < RESTARTS; r++) {
                    int before = acked.size();
                    Flows.await(acked::size, n -> n >= before + 5, 60);
                    long at = acked.stream().mapToLong(Long::longValue).max().orElseThrow();
                    restartedAfter.add(at);
                    mosquitto.kill();
                    Thread.sleep(1000);
                    mosquitto.start();
                    // presses made after the restart reach the server
                    Flows.await(() -> Evidence.of(pg, DEVICE).counters().stream().filter(c -> c > at).count(), n -> n >= 5, 90);
                }
                pressing.set(false);
                int pressed = presses.get();
                Flows.await(acked::size, n -> n == pressed, 60);
                long last = acked.stream().mapToLong(Long::longValue).max().orElseThrow();
                Flows.await(() -> Evidence.of(pg, DEVICE).counters(), c -> c.containsAll(acked), 90);
                Thread.sleep(1000);
                Evidence e = Evidence.of(pg, DEVICE);
                String log = Files.readString(mosquitto.dir.resolve("mosquitto.log"));
                long refused = log.lines().filter(l -> l.contains("Bad socket read/write") || l.contains("alias")
                    || l.contains("protocol error")).count();
                System.out.printf("MosquittoRestartTest: Mosquitto SIGKILLed and restarted after presses %s; %d presses, %d ACKed, "
                        + "%d stored (%d distinct counters, %d distinct events), last %d; device events seq 1..%d: %d stored, %d distinct, "
                        + "%d linked; open anomalies %s, resolved %s; connections the broker refused: %d; %.1f s%n",
                    restartedAfter, pressed, acked.size(), e.presses(), e.distinctCounters(), e.distinctEvents(), last, e.maxSeq(),
                    e.events(), e.distinctSeqs(), e.links(), new TreeMap<>(e.anomalies()), new TreeMap<>(e.resolved()), refused,
                    (System.nanoTime() - started) / 1e9);
                List<Long> lost = new ArrayList<>(acked);
                lost.removeAll(e.counters());
                assertThat(lost).as("ACKed by the agent, not stored").isEmpty();
                assertThat(e.presses()).as("no press stored twice").isEqualTo(e.distinctCounters()).isEqualTo(e.distinctEvents());
                assertThat(e.events()).as("seq 1..n, each once").isEqualTo(e.maxSeq()).isEqualTo(e.distinctSeqs());
                assertThat(refused).as("the broker refused nothing the agent sent").isZero();
            }
        } finally {
            background.shutdownNow();
        }
    }
}
