package com.sealflow.server.reliability;

import com.sealflow.server.SealFlowServer;
import com.sealflow.server.config.ConfigSource;
import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.device.broker.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A control server as its own JVM ({@code java -cp <test classpath> ChildServer <offset file>}), configured from the
 * environment like {@code ServerMain}, so that a test can SIGKILL it. Its clock is real time plus an offset in
 * milliseconds that the test writes to the offset file (read every 50 ms): time limits fall due without waiting.
 * Prints {@code READY <port>} once it serves.
 */
public final class ChildServer {

    final Process process;
    final int port;
    final Path log;

    private ChildServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a node with the given config keys ({@code db.url}, {@code mqtt.url}, ...); waits until it serves. */
    static ChildServer launch(Map<String, String> settings, Path dataDir, Path offsetFile) throws Exception {
        Path log = Files.createDirectories(Path.of("target", "chaos-servers")).resolve(dataDir.getFileName() + "-"
            + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
            "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), ChildServer.class.getName(), offsetFile.toString())
            .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SEALFLOW_"));
        env.put("SEALFLOW_CONFIG", "");
        env.put("SEALFLOW_HTTP_HOST", "127.0.0.1");
        env.put("SEALFLOW_HTTP_PORT", Integer.toString(FreePort.find()));
        env.put("SEALFLOW_MQTT_PORT", Integer.toString(FreePort.find()));
        env.put("SEALFLOW_SIM_PORT", Integer.toString(FreePort.find()));
        env.put("SEALFLOW_DATA_DIR", dataDir.toString());
        env.put("SEALFLOW_PASSWORD_ITERATIONS", "1000");
        env.put("SEALFLOW_SHUTDOWN_GRACE_SECONDS", "1");
        settings.forEach((k, v) -> env.put(ConfigSource.envName(k), v));
        Process process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("READY ")) {
                    return new ChildServer(process, Integer.parseInt(line.substring(6).trim()), log);
                }
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("server node did not start; its log: " + log.toAbsolutePath());
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL, as a power loss or the OOM killer would end it: no shutdown hook, no goodbye to broker or database. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("server node survived SIGKILL");
        }
    }

    public static void main(String[] args) throws Exception {
        Path offsetFile = Path.of(args[0]);
        OffsetClock clock = new OffsetClock();
        Thread reader = new Thread(() -> {
            while (true) {
                try {
                    clock.offset = Long.parseLong(Files.readString(offsetFile).trim());
                    TimeUnit.MILLISECONDS.sleep(50);
                } catch (IOException | NumberFormatException notYet) {
                    // written by the test at any moment: read again next time
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "offset-clock");
        reader.setDaemon(true);
        reader.start();
        SealFlowServer server = SealFlowServer.start(ServerConfig.load(ConfigSource.fromEnvironment()), clock);
        System.out.println("READY " + server.port());
        System.out.flush();
    }

    /** Real time plus the test's offset. */
    static final class OffsetClock extends Clock {
        volatile long offset;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public long millis() {
            return System.currentTimeMillis() + offset;
        }
    }
}
