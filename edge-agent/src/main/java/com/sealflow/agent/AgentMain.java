package com.sealflow.agent;

import com.sealflow.agent.config.AgentConfig;
import com.sealflow.agent.config.ConfigLoader;
import com.sealflow.agent.health.AgentStatus;
import com.sealflow.agent.health.StatusFile;
import com.sealflow.agent.identity.Enroller;
import com.sealflow.agent.identity.Enrolment;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.journal.StoreSpace;
import com.sealflow.agent.session.CustodianAuth;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar edge-agent-all.jar [enroll|run|status|hash-pin]}; see README.md. */
@Command(name = "sealflow-agent", mixinStandardHelpOptions = true, version = AgentRuntime.AGENT_VERSION,
        subcommands = {AgentMain.Enroll.class, AgentMain.Run.class, AgentMain.Status.class, AgentMain.HashPin.class},
        description = "SealFlow edge agent: verifies unlock tokens, drives the seal device, journals and uploads evidence.")
public final class AgentMain {

    @Option(names = {"-c", "--config"}, description = "config file (default: ${DEFAULT-VALUE})", defaultValue = "agent.properties",
            scope = CommandLine.ScopeType.INHERIT)
    Path configFile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentMain()).execute(args));
    }

    AgentConfig config() throws Exception {
        return AgentConfig.fromProperties(ConfigLoader.load(configFile, System.getenv()));
    }

    @Command(name = "enroll", description = "Generate the device key, enrol with a one-time code, store credentials.")
    static final class Enroll implements Callable<Integer> {
        @CommandLine.ParentCommand
        AgentMain parent;
        @Option(names = "--server", required = true, description = "control server base URL, e.g. http://host:8080")
        String server;
        @Option(names = "--code", required = true, description = "one-time enrolment code")
        String code;

        @Override
        public Integer call() throws Exception {
            AgentConfig cfg = parent.config();
            Enrolment e = new Enroller(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build())
                    .enroll(server, code, cfg.firmware(), cfg.dataDir());
            System.out.printf("enrolled as %s (%s, %s); %d token key(s); credentials in %s%n", e.deviceId(), e.serialNo(),
                    e.kind(), e.tokenKeys().size(), cfg.dataDir().resolve(Enrolment.FILE));
            return 0;
        }
    }

    @Command(name = "run", description = "Run the agent until SIGTERM.")
    static final class Run implements Callable<Integer> {
        @CommandLine.ParentCommand
        AgentMain parent;

        @Override
        public Integer call() throws Exception {
            AgentConfig cfg = parent.config();
            if (!Enrolment.exists(cfg.dataDir())) {
                System.err.println("not enrolled: run 'enroll --server URL --code CODE' first (data dir " + cfg.dataDir() + ")");
                return 2;
            }
            EdgeAgent agent = EdgeAgent.builder(cfg).build().start();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                agent.close();
                stopped.countDown();
            }, "agent-shutdown"));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "status", description = "Print link state, armed tokens, journal and queue depth, free space, last errors.")
    static final class Status implements Callable<Integer> {
        @CommandLine.ParentCommand
        AgentMain parent;

        @Override
        public Integer call() throws Exception {
            AgentConfig cfg = parent.config();
            Path data = cfg.dataDir();
            if (!Enrolment.exists(data)) {
                System.out.println("not enrolled (data dir " + data.toAbsolutePath() + ")");
                return 1;
            }
            Enrolment e = Enrolment.load(data);
            System.out.println("device        " + e.deviceId() + " (" + e.kind() + ")");
            if (Files.exists(data.resolve(StatusFile.FILE))) {
                AgentStatus s = StatusFile.read(data);
                System.out.println("as of         " + Instant.ofEpochMilli(s.at()));
                System.out.println("mqtt          " + (s.mqttConnected() ? "connected" : "DOWN"));
                System.out.println("device link   " + (s.mcuUp() ? "up" : "DOWN") + " (" + s.transport() + ")");
                System.out.println("camera        " + s.camera());
                System.out.println("armed tokens  " + s.armedTokens() + (s.activeToken() == null ? ""
                        : "; session on " + s.activeToken() + ", " + s.sessionPresses() + " press(es)"));
                System.out.println("clock skew    " + (s.clockSkewMs() == null ? "unknown" : s.clockSkewMs() + " ms"));
                s.lastErrors().forEach((k, v) -> System.out.println("last error    " + k + ": " + v));
            } else {
                System.out.println("agent has not run yet");
            }
            try (Journal j = new Journal(data, e.deviceId(), (d, seq, id, draft, prev) -> {
                throw new IllegalStateException("read-only");
            })) {
                Journal.Depth d = j.depth();
                System.out.printf("journal       %d events, last seq %d; queue: %d unpublished, %d photos to upload%n",
                        d.events(), d.lastSeq(), d.unpublished(), d.photosPending());
            }
            long free = StoreSpace.of(data).freeBytes();
            System.out.printf("store free    %d MB (floor %d MB)%s%n", free >> 20, cfg.storeMinFreeBytes() >> 20,
                    free < cfg.storeMinFreeBytes() ? "  STORE FULL: unlocks refused" : "");
            return 0;
        }
    }

    @Command(name = "hash-pin", description = "Print the hash of a PIN or badge id for custodian.<id>.pin / .badge.")
    static final class HashPin implements Callable<Integer> {
        @CommandLine.Parameters(index = "0", description = "the PIN or badge id")
        String secret;

        @Override
        public Integer call() {
            System.out.println(CustodianAuth.hash(secret));
            return 0;
        }
    }
}
