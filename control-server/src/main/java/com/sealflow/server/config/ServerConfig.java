package com.sealflow.server.config;

import com.sealflow.server.db.DatabaseConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Every setting of the control server, typed. Keys (config file) and variables (environment) are listed in
 * {@link #load}; the names from DESIGN §10 are fixed, the others are ours and start with {@code SEALFLOW_}.
 */
public record ServerConfig(
    String httpHost,
    int httpPort,
    String publicUrl,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    String mqttUrl,
    int mqttPort,
    boolean demo,
    int simPort,
    String adminUsername,
    String adminPassword,
    long maxBodyBytes,
    long maxFileBytes,
    Duration sessionIdleTimeout,
    Duration sessionAbsoluteTimeout,
    boolean secureCookies,
    int passwordIterations,
    Duration shutdownGrace,
    boolean demoDevices,
    String mqttHost,
    String mqttPublicUrl,
    NotifySettings notifications,
    boolean mqttDiskPersistence,
    int dbReadPoolSize) {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int OWASP_PBKDF2_ITERATIONS = 600_000;

    public static ServerConfig load(ConfigSource src) {
        int port = src.integer("http.port", 8080);
        boolean demo = src.flag("demo", false);
        return new ServerConfig(
            src.string("http.host", "0.0.0.0"),
            port,
            src.string("public.url", "http://localhost:" + port),
            Path.of(src.string("data.dir", "./data")),
            src.get("db.url").orElse(null),
            src.get("db.user").orElse(null),
            src.get("db.password").orElse(null),
            src.get("mqtt.url").orElse(null),
            src.integer("mqtt.port", 1883),
            demo,
            src.integer("sim.port", 8081),
            src.string("admin.username", "admin"),
            src.get("admin.password").orElse(null),
            src.longValue("http.max.body", 1024 * 1024),
            src.longValue("file.max.size", 20L * 1024 * 1024),
            Duration.ofMinutes(src.integer("session.idle.minutes", 30)),
            Duration.ofHours(src.integer("session.absolute.hours", 12)),
            src.flag("cookie.secure", false),
            src.integer("password.iterations", OWASP_PBKDF2_ITERATIONS),
            Duration.ofSeconds(src.integer("shutdown.grace.seconds", 10)),
            // demo mode starts the demo company's virtual devices unless told not to (tests, or devices run elsewhere)
            demo && src.flag("demo.devices", true),
            // the embedded broker's bind address; 0.0.0.0 accepts devices from the network
            src.string("mqtt.host", "127.0.0.1"),
            // the broker URL devices are told at enrolment (null: derived from the broker and the public URL)
            src.get("mqtt.public.url").orElse(null),
            NotifySettings.load(src),
            // the embedded broker keeps its sessions and queues in memory unless told to write them to disk
            // (docs/mqtt-brokers.md, "Broker persistence": nothing the disk would keep is needed after a restart)
            diskPersistence(src.string("mqtt.persistence", "memory")),
            // connections for reads outside transactions, beside the writers' (0: the default, 8 on PostgreSQL, 4 on SQLite)
            readPoolSize(src.integer("db.read.pool.size", 0)));
    }

    private static int readPoolSize(int n) {
        if (n < 0) {
            throw new IllegalArgumentException(ConfigSource.envName("db.read.pool.size") + " must be 0 (the default) or more, not " + n);
        }
        return n;
    }

    private static boolean diskPersistence(String mode) {
        return switch (mode.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "memory", "in-memory" -> false;
            case "file" -> true;
            default -> throw new IllegalArgumentException("mqtt.persistence must be memory or file, not " + mode);
        };
    }

    public DatabaseConfig database() {
        DatabaseConfig config = dbUrl == null ? DatabaseConfig.sqlite(dataDir) : DatabaseConfig.postgres(dbUrl, dbUser, dbPassword);
        return dbReadPoolSize == 0 ? config : config.withReadPoolSize(dbReadPoolSize);
    }

    /** Same settings on another port / data dir / database: used by tests and tools. */
    public ServerConfig withHttpPort(int port) {
        return new ServerConfig(httpHost, port, "http://localhost:" + port, dataDir, dbUrl, dbUser, dbPassword, mqttUrl,
            mqttPort, demo, simPort, adminUsername, adminPassword, maxBodyBytes, maxFileBytes, sessionIdleTimeout,
            sessionAbsoluteTimeout, secureCookies, passwordIterations, shutdownGrace, demoDevices, mqttHost, mqttPublicUrl,
            notifications, mqttDiskPersistence, dbReadPoolSize);
    }

    @Override
    public String toString() {
        // never print secrets
        return "ServerConfig[http=" + httpHost + ":" + httpPort + ", dataDir=" + dataDir + ", db="
            + (dbUrl == null ? "sqlite" : dbUrl) + ", mqtt=" + (mqttUrl == null ? "embedded:" + mqttPort : mqttUrl)
            + ", demo=" + demo + "]";
    }
}
