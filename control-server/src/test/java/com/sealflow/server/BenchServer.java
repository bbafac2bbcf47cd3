package com.sealflow.server;

import com.sealflow.server.config.ConfigSource;
import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.db.DatabaseConfig;
import com.sealflow.server.db.TestDatabases;
import com.sealflow.server.device.broker.FreePort;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * What the benchmark commands share: their {@code --name value} options and a control server started in their JVM
 * (real clock, embedded HiveMQ, demo company without its virtual devices, cheap password hashing, SQLite or embedded
 * PostgreSQL) on free loopback ports, its data in {@code dir/server}.
 */
public final class BenchServer {

    private BenchServer() {
    }

    /** {@code --name value} pairs, without the dashes. */
    public static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }

    /** Whether the options ask for PostgreSQL ({@code --db postgres}) rather than SQLite. */
    public static boolean postgres(Map<String, String> options) {
        return "postgres".equalsIgnoreCase(options.getOrDefault("db", "sqlite"));
    }

    /** Starts the server; stop it with {@link SealFlowServer#stopAndWait()}. */
    public static SealFlowServer start(Path dir, boolean postgres) {
        return start(dir, postgres ? TestDatabases.postgresConfig() : null);
    }

    /** Starts the server on the given PostgreSQL database ({@code null}: SQLite in {@code dir}). */
    public static SealFlowServer start(Path dir, DatabaseConfig pg) {
        Map<String, String> env = new HashMap<>();
        env.put("SEALFLOW_HTTP_PORT", Integer.toString(FreePort.find()));
        env.put("SEALFLOW_HTTP_HOST", "127.0.0.1");
        env.put("SEALFLOW_DATA_DIR", dir.resolve("server").toString());
        env.put("SEALFLOW_PASSWORD_ITERATIONS", "1000");
        env.put("SEALFLOW_MQTT_PORT", Integer.toString(FreePort.find()));
        env.put("SEALFLOW_DEMO", "true");
        env.put("SEALFLOW_DEMO_DEVICES", "false");
        // SEALFLOW_MQTT_PERSISTENCE=file compares the broker's disk persistence with the default (in memory)
        String persistence = System.getenv("SEALFLOW_MQTT_PERSISTENCE");
        if (persistence != null) {
            env.put("SEALFLOW_MQTT_PERSISTENCE", persistence);
        }
        if (pg != null) {
            env.put("SEALFLOW_DB_URL", pg.url());
            env.put("SEALFLOW_DB_USER", pg.user());
            env.put("SEALFLOW_DB_PASSWORD", pg.password());
        }
        return SealFlowServer.start(ServerConfig.load(ConfigSource.ofValues(env)), Clock.systemUTC());
    }

    /** The server's HTTP base URL. */
    public static String base(SealFlowServer server) {
        return "http://127.0.0.1:" + server.port();
    }
}
