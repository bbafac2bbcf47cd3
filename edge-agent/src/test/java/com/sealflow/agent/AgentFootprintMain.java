package com.sealflow.agent;

import com.sealflow.agent.testkit.AcceptedSocketTransport;
import com.sealflow.agent.testkit.AgentHarness;
import com.sealflow.agent.testkit.Await;
import com.sealflow.agent.testkit.ChildAgent;
import com.sealflow.agent.testkit.EmbeddedBroker;
import com.sealflow.agent.testkit.FakeMcu;
import com.sealflow.agent.testkit.FakeServer;
import com.sealflow.agent.testkit.TestSubscriber;
import com.sealflow.agent.testkit.TokenFactory;
import com.sealflow.protocol.link.LinkEvent;
import com.sealflow.protocol.serial.SessionEndReason;
import com.sealflow.protocol.token.UnlockToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark command (docs/benchmarks.md, agent section): the packaged agent's entry point ({@code AgentMain run}) in its
 * own JVM at {@code -Xmx64m}, against the embedded broker. Prints the start-up time of several cold starts (JVM launch to
 * the MCU's HELLO answered, and to ONLINE on the broker; wall time and the CPU time the agent used by then), then runs
 * one stamping session of N presses with 640x480 photos, uploads included, and prints the heap the agent JVM reports
 * (jcmd GC.heap_info, before and after a full GC) and its peak RSS. Exits non-zero if the session does not complete
 * inside 64 MB of heap.
 *
 * <pre>
 * ./mvnw -q -o -Dskip.web=true -pl edge-agent package -DskipTests dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp edge-agent/target/test-classes:edge-agent/target/classes:$(cat edge-agent/target/test-classpath.txt) \
 *     com.sealflow.agent.AgentFootprintMain [presses=200] [starts=5]
 * </pre>
 */
public final class AgentFootprintMain {

    private AgentFootprintMain() {
    }

    public static void main(String[] args) throws Exception {
        int presses = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int starts = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("agent-footprint");
        String dev = "dev-footprint";
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
             FakeServer server = new FakeServer();
             TestSubscriber cloud = new TestSubscriber(broker.url())) {
            TokenFactory tokens = new TokenFactory();
            ChildAgent agent = new ChildAgent(dir, dev, broker.url(), server.baseUrl(), List.of(tokens.tokenKey()));
            for (Path jar : List.of(Path.of("edge-agent/target/edge-agent-all.jar"), Path.of("target/edge-agent-all.jar"))) {
                if (Files.exists(jar)) {
                    agent.classpath(jar.toString());
                    System.out.println("agent: " + jar + " (the packaged jar), -Xmx64m");
                    break;
                }
            }
            List<String> startups = new ArrayList<>();
            for (int i = 1; i <= starts; i++) {
                AcceptedSocketTransport wire = new AcceptedSocketTransport();
                long t0 = System.nanoTime();
                Process process = agent.start(wire);
                try (FakeMcu mcu = new FakeMcu(wire, dev, agent.linkKey()).startingAt(1000L * i)) {
                    mcu.start();
                    mcu.awaitHostHello();
                    long hello = System.nanoTime() - t0;
                    int nth = i;
                    cloud.await(s -> s.all().stream().filter(r -> r.topic().endsWith(dev + "/status")
                            && "ONLINE".equals(r.json().path("state").asText())).count() >= nth, Duration.ofSeconds(60), "ONLINE");
                    long online = System.nanoTime() - t0;
                    startups.add(String.format("start %d: MCU link up %d ms, ONLINE on the broker %d ms wall; %d ms CPU (user+sys) "
                            + "by then", i, hello / 1_000_000, online / 1_000_000, cpuMillis(process.pid())));
                    if (i == starts) {
                        session(cloud, tokens, mcu, dev, presses, server);
                        report(process, startups, presses);
                    }
                } finally {
                    ChildAgent.kill(process);
                    wire.close();
                }
            }
        }
    }

    private static void session(TestSubscriber cloud, TokenFactory tokens, FakeMcu mcu, String dev, int presses, FakeServer server)
            throws Exception {
        UnlockToken t = tokens.token(dev, AgentHarness.CUSTODIAN, presses, System.currentTimeMillis(), 3_600_000);
        cloud.command(dev, "unlock", Map.of("commandId", "fp-1", "token", tokens.sign(t)));
        cloud.awaitResult("fp-1", "ACCEPTED");
        LinkEvent auth = mcu.auth(AgentHarness.PIN).get(20, TimeUnit.SECONDS);
        if (auth instanceof LinkEvent.GaveUp) {
            mcu.auth(AgentHarness.PIN).get(20, TimeUnit.SECONDS);
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (mcu.unlocks().isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < presses; i++) {
            LinkEvent ev = mcu.press().get(20, TimeUnit.SECONDS);
            if (!(ev instanceof LinkEvent.Acknowledged)) {
                throw new IllegalStateException("press " + i + " not ACKed: " + ev);
            }
        }
        long pressMs = (System.nanoTime() - t0) / 1_000_000;
        mcu.endSession(SessionEndReason.PRESSES_USED).get(20, TimeUnit.SECONDS);
        int used = cloud.awaitResult("fp-1", "DONE").path("pressesUsed").asInt();
        Await.until(() -> server.photos().size() >= presses, Duration.ofSeconds(120), "all photos uploaded");
        System.out.printf("session: %d presses ACKed in %d ms (%.1f ms each, photo journaled before each ACK); DONE pressesUsed=%d; "
                + "%d photos uploaded%n", presses, pressMs, (double) pressMs / presses, used, server.photos().size());
    }

    private static void report(Process agent, List<String> startups, int presses) throws Exception {
        startups.forEach(System.out::println);
        System.out.println("heap of the agent JVM (-Xmx64m) after " + presses + " presses:");
        jcmd(agent.pid(), "GC.heap_info");
        jcmd(agent.pid(), "GC.run");
        System.out.println("after a full GC:");
        jcmd(agent.pid(), "GC.heap_info");
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(agent.pid()), "status"))) {
            if (line.startsWith("VmHWM") || line.startsWith("VmRSS")) {
                System.out.println(line.replaceAll("\\s+", " "));
            }
        }
    }

    /** utime + stime of a process from /proc (clock ticks of 10 ms): a start-up cost other loads on the machine do not inflate. */
    private static long cpuMillis(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    private static void jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        out.lines().filter(l -> l.contains("total") || l.contains("used") || l.contains("Metaspace")).map(l -> "  " + l.strip())
                .forEach(System.out::println);
    }
}
