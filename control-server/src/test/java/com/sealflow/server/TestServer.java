package com.sealflow.server;

import com.sealflow.server.config.ConfigSource;
import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.db.DatabaseConfig;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real control server on a free port, on a fresh SQLite or PostgreSQL database, with a clock the test
 * moves. Password hashing is cheap here (the cost is a setting); everything else is as in production.
 */
public final class TestServer implements AutoCloseable {

    public final SealFlowServer server;
    public final MutableClock clock;
    public final Path dataDir;

    private TestServer(SealFlowServer server, MutableClock clock, Path dataDir) {
        this.server = server;
        this.clock = clock;
        this.dataDir = dataDir;
    }

    public static TestServer start(Dialect dialect) {
        return start(dialect, Map.of());
    }

    /** {@code settings} are config keys, e.g. {@code "demo" -> "true"}, {@code "admin.password" -> "..."}. */
    public static TestServer start(Dialect dialect, Map<String, String> settings) {
        try {
            return start(dialect, settings, Files.createTempDirectory("sealflow-server-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On a given data dir (SQLite: restarting on the same database). */
    public static TestServer start(Dialect dialect, Map<String, String> settings, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        // a real port, not 0: the public URL handed to enrolling devices must name it
        env.put("SEALFLOW_HTTP_PORT", Integer.toString(freePort()));
        env.put("SEALFLOW_HTTP_HOST", "127.0.0.1");
        env.put("SEALFLOW_DATA_DIR", dataDir.toString());
        env.put("SEALFLOW_PASSWORD_ITERATIONS", "1000");
        env.put("SEALFLOW_SHUTDOWN_GRACE_SECONDS", "1");
        env.put("SEALFLOW_MQTT_PORT", Integer.toString(freePort()));
        env.put("SEALFLOW_SIM_PORT", Integer.toString(freePort()));
        env.put("SEALFLOW_DEMO_DEVICES", "false");
        if (dialect == Dialect.POSTGRES) {
            DatabaseConfig pg = TestDatabases.postgresConfig();
            env.put("SEALFLOW_DB_URL", pg.url());
            env.put("SEALFLOW_DB_USER", pg.user());
            env.put("SEALFLOW_DB_PASSWORD", pg.password());
        }
        settings.forEach((k, v) -> env.put(ConfigSource.envName(k), v));
        MutableClock clock = new MutableClock();
        SealFlowServer server = SealFlowServer.start(ServerConfig.load(ConfigSource.ofValues(env)), clock);
        return new TestServer(server, clock, dataDir);
    }

    public TestHttp http() {
        return new TestHttp("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.stopAndWait();
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
