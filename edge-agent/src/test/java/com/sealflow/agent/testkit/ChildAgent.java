package com.sealflow.agent.testkit;

import com.sealflow.agent.AgentMain;
import com.sealflow.agent.identity.DeviceKeys;
import com.sealflow.agent.identity.Enrolment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real agent ({@code AgentMain run}, {@code -Xmx64m}) in a child JVM, on a data dir that outlives it: enrolled once,
 * then started and killed with SIGKILL ({@link Process#destroyForcibly()}) as often as a test likes. Each start gets a
 * fresh {@link AcceptedSocketTransport}: the MCU end of the TCP wire the agent dials.
 */
public final class ChildAgent {

    private final Path dir;
    private final Path data;
    private final String deviceId;
    private final DeviceKeys keys = DeviceKeys.generate();
    private final byte[] linkKey = new byte[32];
    private String classpath = System.getProperty("java.class.path");
    private int starts;

    public ChildAgent(Path dir, String deviceId, String mqttUrl, String httpBase, List<Enrolment.TokenKey> tokenKeys)
            throws IOException {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.deviceId = deviceId;
        new SecureRandom().nextBytes(linkKey);
        keys.store(data);
        new Enrolment(deviceId, "SN-" + deviceId, "SEAL_DEVICE", new Enrolment.Mqtt(mqttUrl, deviceId, deviceId, "pw"),
                new Enrolment.Http(httpBase, "device-secret"), tokenKeys, List.of(new Enrolment.Seal("seal-1", null)),
                System.currentTimeMillis()).store(data);
    }

    /** Runs another class path, e.g. the packaged {@code edge-agent-all.jar}, instead of this JVM's. */
    public ChildAgent classpath(String cp) {
        this.classpath = cp;
        return this;
    }

    public Path data() {
        return data;
    }

    public DeviceKeys keys() {
        return keys;
    }

    public byte[] linkKey() {
        return linkKey.clone();
    }

    /** Starts the agent process; it dials {@code wire}. */
    public Process start(AcceptedSocketTransport wire) throws IOException {
        int n = starts++;
        Path props = dir.resolve("agent-" + n + ".properties");
        Files.writeString(props, String.join("\n", "data.dir=" + data, "transport=tcp:127.0.0.1:" + wire.port(),
                "camera=synthetic", "gpio=none", "health.interval-seconds=3600", "replay.rate-per-second=500",
                "custodian." + AgentHarness.CUSTODIAN + ".pin=" + AgentHarness.pinHash(),
                "link.key=" + Base64.getEncoder().encodeToString(linkKey)) + "\n");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", classpath, AgentMain.class.getName(), "-c", props.toString(), "run")
                .redirectErrorStream(true).redirectOutput(log(n).toFile()).start();
    }

    /** The child's output, kept under target/ so a failed run can be read afterwards. */
    public Path log(int nth) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "child-agents"));
        return logs.resolve(deviceId + "-" + nth + ".log");
    }

    /** SIGKILL, as a power loss or the OOM killer would end it: no shutdown hook runs. */
    public static void kill(Process agent) throws InterruptedException {
        agent.destroyForcibly();
        if (!agent.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("agent process survived SIGKILL");
        }
    }

    public String deviceId() {
        return deviceId;
    }
}
