package com.sealflow.server;

import com.sealflow.server.config.ConfigSource;
import com.sealflow.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The training run of the class-data archive the build writes next to the jar ({@code control-server.jsa}): starts a
 * production server (SQLite, embedded broker, no demo) on free ports and a temporary data directory, asks
 * {@code /health/ready}, stops and exits. Run as {@code java -XX:ArchiveClassesAtExit=control-server.jsa -cp
 * control-server.jar com.sealflow.server.StartupArchive}; the JVM then stores every class the start loaded, so a
 * server launched with {@code -XX:SharedArchiveFile=control-server.jsa} maps them instead of loading and verifying
 * them again. A JVM that finds no archive, or one made from another jar, starts without it.
 */
public final class StartupArchive {

    private static final int ASKS = 3;
    private static final int STARTS = 3;
    private static final int ASK_TIMEOUT_MS = 20_000;

    private StartupArchive() {
    }

    public static void main(String[] args) throws Exception {
        int status = run();
        System.out.println("start-up archive training run: /health/ready answered " + status);
        System.exit(status == 200 ? 0 : 1);
    }

    /** Starts a production server, asks /health/ready, stops it; returns the HTTP status it answered. */
    static int run() throws IOException {
        return run(StartupArchive::freePort);
    }

    /**
     * As {@link #run()}, with the ports from {@code ports}. A port found free can be taken by another process before the
     * server binds it; such a start is tried again on other ports, up to {@value #STARTS} times in all.
     */
    static int run(PortSource ports) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(ports);
            } catch (RuntimeException e) {
                if (attempt >= STARTS || !portTaken(e)) {
                    throw e;
                }
                System.out.println("start-up archive training run: a chosen port was taken (" + e.getMessage() + "), trying others");
            }
        }
    }

    /** Where the training run's ports come from. */
    interface PortSource {
        int next() throws IOException;
    }

    private static int runOnce(PortSource ports) throws IOException {
        Path dir = Files.createTempDirectory("sealflow-archive-run");
        try {
            int http = ports.next();
            Map<String, String> env = Map.of(
                "SEALFLOW_DATA_DIR", dir.toString(),
                "SEALFLOW_HTTP_HOST", "127.0.0.1",
                "SEALFLOW_HTTP_PORT", Integer.toString(http),
                "SEALFLOW_MQTT_PORT", Integer.toString(ports.next()),
                "SEALFLOW_SIM_PORT", Integer.toString(ports.next()),
                "SEALFLOW_ADMIN_PASSWORD", UUID.randomUUID() + "-Aa1!",
                // the hash's cost does not change which classes load; the run only has to be short
                "SEALFLOW_PASSWORD_ITERATIONS", "1000");
            SealFlowServer server = SealFlowServer.start(ServerConfig.load(ConfigSource.ofValues(env)), Clock.systemUTC());
            try {
                return askReady(http, ASK_TIMEOUT_MS);
            } finally {
                server.stopAndWait();
            }
        } finally {
            deleteTree(dir);
        }
    }

    static boolean portTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Asks /health/ready up to {@value #ASKS} times, each on a new connection that gives up after {@code timeoutMs}: a
     * request left without an answer (seen once after a NullPointerException in Vert.x's HTTP metrics) would otherwise
     * keep the run waiting until the build kills it, and a killed run leaves an archive without the later classes.
     */
    static int askReady(int port, int timeoutMs) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < ASKS; attempt++) {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health/ready").toURL().openConnection();
            c.setConnectTimeout(timeoutMs);
            c.setReadTimeout(timeoutMs);
            try {
                return c.getResponseCode();
            } catch (IOException e) {
                last = e;
            } finally {
                c.disconnect();
            }
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
