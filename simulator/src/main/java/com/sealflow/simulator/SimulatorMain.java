package com.sealflow.simulator;

import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.fleet.IdleFleet;
import com.sealflow.simulator.load.LoadRunner;
import com.sealflow.simulator.people.PeopleLoad;
import com.sealflow.simulator.scenario.Scenario;
import com.sealflow.simulator.scenario.ScenarioRunner;
import com.sealflow.simulator.scenario.SimClient;
import com.sealflow.simulator.scenario.TokenIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simulator devices | scenario | load | people | idle}: virtual devices against any control server, scripted tests, fleet load. */
@Command(name = "simulator", mixinStandardHelpOptions = true, version = "SealFlow simulator 0.1.0",
        description = "SealFlow device simulator: virtual smart seal devices and cabinets with real edge agents.",
        subcommands = {SimulatorMain.Devices.class, SimulatorMain.RunScenario.class, SimulatorMain.Load.class,
            SimulatorMain.People.class, SimulatorMain.Idle.class})
public final class SimulatorMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorMain()).execute(args));
    }

    /** Options shared by the commands that start devices. */
    static class Fleet {
        @Option(names = "--server", description = "control server base URL, e.g. http://127.0.0.1:8080")
        String server;

        @Option(names = "--enrol-codes", split = ",", description = "DEVICE=CODE pairs from the admin's device page")
        Map<String, String> codes = new LinkedHashMap<>();

        @Option(names = "--cabinet", split = ",", description = "DEVICE=SLOTS for cabinets (ids starting CAB default to 3 slots)")
        Map<String, Integer> cabinets = new LinkedHashMap<>();

        @Option(names = "--pin", split = ",", description = "CUSTODIAN=PIN accepted at every device (default *=1234, any custodian)")
        Map<String, String> pins = new LinkedHashMap<>(Map.of("*", SimulatorConfig.DEMO_PIN));

        @Option(names = "--badge", split = ",", description = "CUSTODIAN=BADGE (hex card id) accepted at every device")
        Map<String, String> badges = new LinkedHashMap<>();

        @Option(names = "--port", description = "control API and panels port (default $SEALFLOW_SIM_PORT or 8081; 0 = any)")
        Integer port;

        @Option(names = "--data-dir", description = "agent data (keys, journals)", defaultValue = "./sim-data")
        Path dataDir;

        @Option(names = "--transport", description = "pty (socat, when installed) or tcp", defaultValue = "pty")
        String transport;

        SimulatorConfig config(List<DeviceConfig> devices) {
            int httpPort = port != null ? port : SimulatorConfig.portFromEnvironment();
            return new SimulatorConfig("127.0.0.1", httpPort, server, dataDir, "pty".equals(transport), true, devices);
        }

        List<DeviceConfig> fromCodes() {
            List<DeviceConfig> devices = new ArrayList<>();
            codes.forEach((id, code) -> {
                Integer slots = cabinets.getOrDefault(id, id.startsWith("CAB") ? 3 : null);
                DeviceConfig base = slots != null ? DeviceConfig.cabinet(id, slots) : DeviceConfig.sealDevice(id);
                devices.add(base.withEnrolmentCode(code).withCustodianPins(pins).withCustodianBadges(badges));
            });
            return devices;
        }
    }

    @Command(name = "devices", mixinStandardHelpOptions = true, description = "Enrol virtual devices with a control server and run them.")
    static final class Devices implements Callable<Integer> {
        @CommandLine.Mixin
        Fleet fleet = new Fleet();

        @Override
        public Integer call() throws InterruptedException {
            if (fleet.server == null || fleet.codes.isEmpty()) {
                System.err.println("devices needs --server and --enrol-codes DEVICE=CODE[,...]");
                return 2;
            }
            Simulator sim = Simulator.start(fleet.config(fleet.fromCodes()));
            Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
            System.out.println("virtual devices running; panels:");
            sim.fleet().all().forEach(d -> System.out.println("  " + d.id() + "  " + sim.panelUrl(d.id())));
            new CountDownLatch(1).await();
            return 0;
        }
    }

    @Command(name = "scenario", mixinStandardHelpOptions = true,
            description = "Run a YAML scenario; exits 1 when an expectation fails.")
    static final class RunScenario implements Callable<Integer> {
        @Parameters(index = "0", description = "the scenario file")
        Path file;

        @Option(names = "--sim", description = "run against an already running simulator (e.g. demo mode: http://127.0.0.1:8081)")
        String simUrl;

        @CommandLine.Mixin
        Fleet fleet = new Fleet();

        @Override
        public Integer call() throws Exception {
            Scenario scenario = Scenario.load(file);
            if (simUrl != null) {
                return new ScenarioRunner(new SimClient(simUrl), TokenIssuer.none(), System.out).run(scenario).passed() ? 0 : 1;
            }
            List<DeviceConfig> devices = new ArrayList<>();
            for (DeviceConfig d : scenario.devices()) {
                String code = fleet.codes.get(d.id());
                if (code == null) {
                    System.err.println("no enrolment code for " + d.id() + ": pass --enrol-codes " + d.id() + "=CODE or --sim URL");
                    return 2;
                }
                devices.add(d.withEnrolmentCode(code));
            }
            try (Simulator sim = Simulator.start(fleet.config(devices))) {
                return new ScenarioRunner(new SimClient(sim.baseUrl()), TokenIssuer.none(), System.out).run(scenario).passed() ? 0 : 1;
            }
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Fleet mode: many devices stamping at a target rate; prints latency percentiles and throughput.")
    static final class Load implements Callable<Integer> {
        @Option(names = "--devices", defaultValue = "20", description = "virtual devices (default 20)")
        int devices;

        @Option(names = "--rate", defaultValue = "50", description = "target presses per second over the fleet (default 50)")
        double rate;

        @Option(names = "--duration", defaultValue = "PT30S", description = "ISO-8601 duration (default PT30S)")
        Duration duration;

        @Option(names = "--presses-per-session", defaultValue = "5")
        int pressesPerSession;

        @Option(names = "--expect-p99-ms", description = "fail when the p99 press->ACK latency is above this")
        Double expectP99;

        @Option(names = "--expect-min-rate", description = "fail when fewer presses per second were acknowledged")
        Double expectRate;

        @Option(names = "--data-dir", defaultValue = "./sim-load-data")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            LoadRunner.Options options = new LoadRunner.Options(devices, rate, duration, pressesPerSession,
                    dataDir.resolve(Long.toString(System.currentTimeMillis())), expectP99, expectRate);
            return new LoadRunner(options).run(System.out) ? 0 : 1;
        }
    }

    @Command(name = "people", mixinStandardHelpOptions = true,
            description = "Many people at once through the control server's HTTP API: employees apply, department heads approve.")
    static final class People implements Callable<Integer> {
        @CommandLine.Mixin
        ServerLogin login = new ServerLogin();

        @Option(names = "--people", split = ",", defaultValue = "10,100,1000", description = "steps of concurrent people")
        List<Integer> steps;

        @Option(names = "--duration", defaultValue = "PT30S", description = "ISO-8601 duration of each step")
        Duration duration;

        @Option(names = "--think", defaultValue = "PT1S", description = "mean pause between one person's actions")
        Duration think;

        @Option(names = "--expect-p99-ms", description = "fail when an operation's p99 is above this at --expect-at people")
        Double expectP99;

        @Option(names = "--expect-at", defaultValue = "100")
        int expectAt;

        @Option(names = "--server-pid", defaultValue = "0",
            description = "the server's process id (same machine): prints its CPU per operation for each step")
        long serverPid;

        @Option(names = "--login-ramp", defaultValue = "PT0S",
            description = "spread the log-ins of a step evenly over this ISO-8601 duration (default: all at once)")
        Duration loginRamp;

        @Option(names = "--start-spread", defaultValue = "PT0S",
            description = "each person begins at a random moment within this ISO-8601 duration after a step starts, at a random"
                + " point of their cycle (default: all at once, everyone's first action an application)")
        Duration startSpread;

        @Option(names = "--warm-up", defaultValue = "PT0S",
            description = "before each step's measured --duration, the same people run their rounds for this ISO-8601 duration"
                + " unmeasured (its figures printed on one line); default: none, the window starts with everyone's first request")
        Duration warmUp;

        @Override
        public Integer call() throws Exception {
            PeopleLoad.Options options = new PeopleLoad.Options(login.server, login.admin, login.adminPassword, steps, duration, think,
                expectP99, expectAt);
            return new PeopleLoad(options).measureServer(serverPid).rampLogins(loginRamp).spreadStart(startSpread).warmUp(warmUp)
                .run(System.out) ? 0 : 1;
        }
    }

    @Command(name = "idle", mixinStandardHelpOptions = true,
            description = "Devices per server node: enrol N devices, keep them connected and idle, time a reconnect storm.")
    static final class Idle implements Callable<Integer> {
        @CommandLine.Mixin
        ServerLogin login = new ServerLogin();

        @Option(names = "--devices", defaultValue = "10000")
        int devices;

        @Option(names = "--credentials-file", description = "keeps enrolled credentials, so a rerun skips enrolment")
        Path credentials;

        @Option(names = "--idle", defaultValue = "PT60S")
        Duration idle;

        @Option(names = "--server-pid", description = "sample this process's CPU and memory while idle (Linux /proc)")
        Integer serverPid;

        @Option(names = "--await-restart", description = "after idling, wait for the broker to restart and time the reconnect storm")
        boolean awaitRestart;

        @Option(names = "--restart-signal", description = "file to create when the server may be restarted")
        Path restartSignal;

        @Option(names = "--reconnect-deadline", defaultValue = "PT60S")
        Duration reconnectDeadline;

        @Override
        public Integer call() throws Exception {
            IdleFleet.Options o = new IdleFleet.Options(login.server, login.admin, login.adminPassword, devices, credentials, idle,
                serverPid, awaitRestart, restartSignal, reconnectDeadline);
            return new IdleFleet(o).run(System.out) ? 0 : 1;
        }
    }
}
