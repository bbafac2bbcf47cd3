package com.sealflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.auth.Passwords;
import com.sealflow.server.config.ConfigSource;
import com.sealflow.server.config.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The first admin's hash is begun at launch only when it will be needed (production mode, an acceptable
 * {@code SEALFLOW_ADMIN_PASSWORD}, a new database), and what it makes verifies the password at the server's cost.
 */
class AdminHashAtLaunchTest {

    private static final Vertx VERTX = Vertx.vertx();
    private static final String PASSWORD = "Launch-admin-2026!";

    @AfterAll
    static void close() {
        VERTX.close();
    }

    @Test
    void onANewDatabaseTheHashIsBegunAndVerifiesThePassword() throws Exception {
        Future<String> made = AdminHashAtLaunch.beginIfNeeded(config(Map.of())).made(VERTX);
        assertThat(made).isNotNull();
        String hash = made.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(hash).startsWith("pbkdf2-sha256$1000$");
        assertThat(new Passwords(1000).verify(PASSWORD, hash)).isTrue();
        assertThat(new Passwords(1000).verify("another-password", hash)).isFalse();
    }

    @Test
    void nothingIsBegunWhenTheHashMayNotBeNeeded() throws IOException {
        assertThat(AdminHashAtLaunch.beginIfNeeded(config(Map.of("demo", "true"))).made(VERTX)).as("demo").isNull();
        assertThat(AdminHashAtLaunch.beginIfNeeded(config(Map.of("admin.password", "short"))).made(VERTX))
            .as("a password the policy refuses (the start then stops with its message)").isNull();
        Map<String, String> noPassword = new HashMap<>(base(Files.createTempDirectory("sealflow-launch-")));
        noPassword.remove("SEALFLOW_ADMIN_PASSWORD");
        assertThat(AdminHashAtLaunch.beginIfNeeded(ServerConfig.load(ConfigSource.ofValues(noPassword))).made(VERTX))
            .as("no password: the setup link").isNull();

        Path used = Files.createTempDirectory("sealflow-launch-");
        Files.writeString(used.resolve("sealflow.db"), "");
        assertThat(AdminHashAtLaunch.beginIfNeeded(ServerConfig.load(ConfigSource.ofValues(base(used)))).made(VERTX))
            .as("an existing database (a restart)").isNull();
    }

    private static ServerConfig config(Map<String, String> settings) throws IOException {
        Map<String, String> env = new HashMap<>(base(Files.createTempDirectory("sealflow-launch-")));
        settings.forEach((k, v) -> env.put(ConfigSource.envName(k), v));
        return ServerConfig.load(ConfigSource.ofValues(env));
    }

    private static Map<String, String> base(Path dataDir) {
        return Map.of("SEALFLOW_DATA_DIR", dataDir.toString(), "SEALFLOW_DEMO", "false",
            "SEALFLOW_ADMIN_PASSWORD", PASSWORD, "SEALFLOW_PASSWORD_ITERATIONS", "1000");
    }
}
