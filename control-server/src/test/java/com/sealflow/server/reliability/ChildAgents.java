package com.sealflow.server.reliability;

import com.sealflow.agent.AgentMain;
import com.sealflow.agent.session.CustodianAuth;
import com.sealflow.simulator.device.AgentHandle;
import com.sealflow.simulator.device.AgentLauncher;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.VirtualDevice;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs each virtual device's edge agent as the real program ({@code AgentMain run}, {@code -Xmx96m}) in a child JVM
 * dialling the simulated MCU's TCP line, on an enrolled data dir ({@code <dataDir>/<id>}) that outlives it, so a test
 * can SIGKILL it ({@link #kill9}) and start it again ({@link #restart}) as often as it likes.
 */
final class ChildAgents implements AgentLauncher {

    /** One device's agent: its properties file and the running process. */
    static final class Child implements AgentHandle {
        final String id;
        final Path props;
        final List<Path> logs = new ArrayList<>();
        volatile Process process;
        int starts;

        Child(String id, Path props) {
            this.id = id;
            this.props = props;
        }

        synchronized void start() throws IOException {
            Path log = Files.createDirectories(Path.of("target", "chaos-agents")).resolve(id + "-" + starts++ + ".log");
            logs.add(log);
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), AgentMain.class.getName(),
                "-c", props.toString(), "run").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }

        @Override
        public String mqttState() {
            return process != null && process.isAlive() ? "CHILD" : "DOWN";
        }

        @Override
        public JsonArray armedTokens() {
            return new JsonArray();
        }

        @Override
        public void network(boolean up) {
            throw new UnsupportedOperationException("the test's proxies are this agent's network");
        }

        @Override
        public boolean networkUp() {
            return true;
        }

        @Override
        public synchronized void close() {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    private final Path dataDir;
    private final Map<String, String> settings;
    private final Map<String, Child> children = new ConcurrentHashMap<>();

    /** {@code settings}: agent properties for every device (mqtt.url, http.base-url, ...). */
    ChildAgents(Path dataDir, Map<String, String> settings) {
        this.dataDir = dataDir;
        this.settings = settings;
    }

    @Override
    public AgentHandle start(VirtualDevice device, DeviceConfig dc, String linkKeyBase64) throws IOException {
        Path dir = dataDir.resolve(dc.id());
        List<String> lines = new ArrayList<>(List.of("data.dir=" + dir, "transport=" + device.transportSpec(), "camera=synthetic",
            "gpio=none", "health.interval-seconds=3600", "replay.rate-per-second=500", "link.key=" + linkKeyBase64));
        settings.forEach((k, v) -> lines.add(k + "=" + v));
        dc.agentProperties().forEach((k, v) -> lines.add(k + "=" + v));
        dc.custodianPins().forEach((custodian, pin) -> lines.add("custodian." + custodian + ".pin=" + CustodianAuth.hash(pin)));
        Path props = dir.resolve("agent.properties");
        Files.writeString(props, String.join("\n", lines) + "\n");
        Child child = new Child(dc.id(), props);
        child.start();
        children.put(dc.id(), child);
        return child;
    }

    Child child(String id) {
        return children.get(id);
    }

    /** SIGKILL, as a power loss or the OOM killer would end it: no shutdown hook runs. */
    void kill9(String id) throws InterruptedException {
        Process p = children.get(id).process;
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("agent " + id + " survived SIGKILL");
        }
    }

    void restart(String id) throws IOException {
        children.get(id).start();
    }
}
