package com.sealflow.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.PtyBridge;
import com.sealflow.simulator.testkit.EmbeddedBroker;
import com.sealflow.simulator.testkit.FakeControlServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario files, run end to end: real edge agents, a real broker, a tiny fake control server. */
class ScenarioEndToEndTest {

    static EmbeddedBroker broker;
    static FakeControlServer server;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.start(dir.resolve("broker"));
        server = new FakeControlServer(broker.url());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        broker.close();
    }

    @Test
    void happyPathStampOverAPty() throws Exception {
        Assumptions.assumeTrue(PtyBridge.available(), "socat is not installed");
        ScenarioRunner.Result result = run("happy-path-stamp.yaml", true);
        assertThat(result.passed()).as(result.toString()).isTrue();
        await(() -> server.events("SD-01", "PRESS").size() >= 4 && server.snapshots.size() >= 4);
        List<JsonObject> presses = server.events("SD-01", "PRESS");
        assertThat(presses).hasSize(4);
        assertThat(presses).extracting(p -> p.getJsonObject("body").getBoolean("forced")).containsExactly(false, false, false, true);
        assertThat(presses).extracting(p -> p.getJsonObject("body").getLong("pressCounter")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(server.events("SD-01", "SESSION_ENDED")).hasSize(2);
        for (JsonObject press : presses.subList(0, 3)) {
            byte[] photo = server.snapshots.get(press.getString("eventId"));
            assertThat(photo).as("photo of %s", press.getString("eventId")).isNotNull().startsWith(0xFF, 0xD8);
        }
        assertThat(server.results).anyMatch(r -> "DONE".equals(r.getString("state")));
    }

    @Test
    void wrongPin() throws Exception {
        ScenarioRunner.Result result = run("wrong-pin.yaml", false);
        assertThat(result.passed()).as(result.toString()).isTrue();
        assertThat(server.events("SD-02", "AUTH_FAILED")).isNotEmpty();
        await(() -> !server.events("SD-02", "SESSION_ENDED").isEmpty());
        assertThat(server.events("SD-02", "SESSION_ENDED")).singleElement()
                .satisfies(e -> assertThat(e.getJsonObject("body").getString("reason")).isEqualTo("ENDED_AT_DEVICE"));
    }

    @Test
    void forcedPress() throws Exception {
        ScenarioRunner.Result result = run("forced-press.yaml", false);
        assertThat(result.passed()).as(result.toString()).isTrue();
    }

    @Test
    void powerLossMidSession() throws Exception {
        ScenarioRunner.Result result = run("power-loss-mid-session.yaml", false);
        assertThat(result.passed()).as(result.toString()).isTrue();
    }

    @Test
    void powerLossMidSessionOverAPty() throws Exception {
        Assumptions.assumeTrue(PtyBridge.available(), "socat is not installed");
        ScenarioRunner.Result result = run("power-loss-mid-session.yaml", true);
        assertThat(result.passed()).as(result.toString()).isTrue();
        await(() -> !server.events("SD-01", "SESSION_ENDED").isEmpty());
        assertThat(server.events("SD-01", "SESSION_ENDED")).singleElement()
                .satisfies(e -> assertThat(e.getJsonObject("body").getString("reason")).isEqualTo("POWER"));
    }

    @Test
    void cabinetTakeOut() throws Exception {
        ScenarioRunner.Result result = run("cabinet-take-out.yaml", false);
        assertThat(result.passed()).as(result.toString()).isTrue();
    }

    @Test
    void networkCut() throws Exception {
        ScenarioRunner.Result result = run("network-cut.yaml", false);
        assertThat(result.passed()).as(result.toString()).isTrue();
    }

    @Test
    void lineNoise() throws Exception {
        ScenarioRunner.Result result = run("line-noise.yaml", false);
        assertThat(result.passed()).as(result.toString()).isTrue();
        await(() -> server.events("SD-03", "PRESS").size() >= 2);
        assertThat(server.events("SD-03", "PRESS").stream().map(e -> e.getJsonObject("body").getLong("pressCounter")).toList())
                .as("each press exactly once").doesNotHaveDuplicates();
    }

    @Test
    void aDeviceEnrolledAgainStartsAFreshJournal() throws Exception {
        Path data = Files.createTempDirectory(dir, "reenrol");
        for (int round = 0; round < 2; round++) {
            String code = UUID.randomUUID().toString();
            server.codes.put(code, "SD-07");
            server.events.clear();
            List<DeviceConfig> devices = List.of(DeviceConfig.sealDevice("SD-07").withEnrolmentCode(code));
            try (Simulator sim = Simulator.start(new SimulatorConfig("127.0.0.1", 0, server.url(), data, false, true, devices))) {
                await(() -> sim.device("SD-07").mcu().state().connected());
                sim.device("SD-07").press();
                await(() -> server.events("SD-07", "PRESS").size() == 1);
            }
            assertThat(server.events("SD-07", "PRESS")).singleElement()
                    .satisfies(e -> assertThat(e.getLong("seq")).as("seq of the only press after enrolment").isLessThanOrEqualTo(3));
        }
    }

    @Test
    void aFailedExpectationFailsTheRun() throws Exception {
        Scenario scenario = Scenario.parse("""
                name: doomed
                devices: [{id: SD-09, kind: SEAL_DEVICE}]
                steps:
                  - waitFor: {device: SD-09, link.serialConnected: true, timeoutMs: 30000}
                  - expect: {device: SD-09, lockState: UNLOCKED}
                  - press: {device: SD-09}
                """);
        ScenarioRunner.Result result = run(scenario, false);
        assertThat(result.passed()).isFalse();
        assertThat(result.steps()).hasSize(2);
        assertThat(result.steps().get(1).failure()).contains("lockState is LOCKED, expected UNLOCKED");
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
    }

    private ScenarioRunner.Result run(String file, boolean pty) throws Exception {
        return run(Scenario.load(Path.of("scenarios", file)), pty);
    }

    private ScenarioRunner.Result run(Scenario scenario, boolean pty) throws Exception {
        List<DeviceConfig> devices = scenario.devices().stream().map(d -> {
            String code = UUID.randomUUID().toString();
            server.codes.put(code, d.id());
            return d.withEnrolmentCode(code);
        }).toList();
        Path data = Files.createTempDirectory(dir, "sim");
        server.events.clear(); // each scenario enrols its devices afresh: earlier runs' events do not count
        server.results.clear();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Simulator sim = Simulator.start(new SimulatorConfig("127.0.0.1", 0, server.url(), data, pty, true, devices))) {
            ScenarioRunner runner = new ScenarioRunner(new SimClient(sim.baseUrl()),
                    (device, custodian, presses, slot) -> server.unlock(device, custodian, presses, slot),
                    new PrintStream(log, true, StandardCharsets.UTF_8));
            ScenarioRunner.Result result = runner.run(scenario);
            System.out.println(log.toString(StandardCharsets.UTF_8));
            return result;
        }
    }
}
