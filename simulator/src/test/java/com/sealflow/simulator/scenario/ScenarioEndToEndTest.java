package com.sealflow.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.agent.testkit.EmbeddedBroker;
import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.PtyBridge;
import com.sealflow.simulator.testkit.FakeControlServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** Every scenario file in the folder, over TCP; a file with more to prove than its own expectations has a check below. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    void everyScenarioFileRunsToTheEnd(String file) throws Exception {
        ScenarioRunner.Result result = run(file, false);
        assertThat(result.passed()).as(result.toString()).isTrue();
        ScenarioChecks.after(file, server);
    }

    static List<String> scenarioFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
            assertThat(names).as("the scenario folder").hasSizeGreaterThanOrEqualTo(10);
            return names;
        }
    }

    @Test
    void happyPathStampOverAPty() throws Exception {
        assertThat(PtyBridge.available()).as("socat installed (apt-get install -y socat; CI installs it): never skipped").isTrue();
        ScenarioRunner.Result result = run("happy-path-stamp.yaml", true);
        assertThat(result.passed()).as(result.toString()).isTrue();
        ScenarioChecks.after("happy-path-stamp.yaml", server);
    }

    @Test
    void powerLossMidSessionOverAPty() throws Exception {
        assertThat(PtyBridge.available()).as("socat installed (apt-get install -y socat; CI installs it): never skipped").isTrue();
        ScenarioRunner.Result result = run("power-loss-mid-session.yaml", true);
        assertThat(result.passed()).as(result.toString()).isTrue();
        ScenarioChecks.after("power-loss-mid-session.yaml", server);
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
