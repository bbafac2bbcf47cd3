package com.sealflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.db.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The operator's first admin ({@code SEALFLOW_ADMIN_PASSWORD}) is hashed while the rest of the server starts, but
 * exists before HTTP opens: it can log in on the first request, on both databases and after a restart, and a password the
 * policy refuses still stops the start.
 */
class FirstAdminAtStartTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theConfiguredAdminCanLogInAsSoonAsTheServerAnswers(Dialect dialect) {
        // a costly hash (begun at launch on this new database), so that it is still running while the rest starts
        try (TestServer server = TestServer.start(dialect, Map.of("demo", "false", "admin.password", "First-admin-2026!",
            "password.iterations", "200000"))) {
            assertAdminLogsIn(server, "First-admin-2026!");
        }
    }

    @Test
    void onARestartTheAdminMadeAtTheFirstStartStillLogsIn() throws Exception {
        Path dataDir = Files.createTempDirectory("sealflow-restart-");
        Map<String, String> settings = Map.of("demo", "false", "admin.password", "First-admin-2026!");
        try (TestServer first = TestServer.start(Dialect.SQLITE, settings, dataDir)) {
            assertAdminLogsIn(first, "First-admin-2026!");
        }
        // a changed setting does not replace the admin that exists: no hash begun, no second admin
        try (TestServer again = TestServer.start(Dialect.SQLITE, Map.of("demo", "false", "admin.password", "Another-pass-2026!"),
            dataDir)) {
            assertAdminLogsIn(again, "First-admin-2026!");
        }
    }

    private static void assertAdminLogsIn(TestServer server, String password) {
        TestHttp http = server.http();
        http.get("/api/auth/csrf");
        TestHttp.Res login = http.post("/api/auth/login",
            new io.vertx.core.json.JsonObject().put("username", "admin").put("password", password));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(http.get("/api/me").json().getJsonArray("roles").getList()).contains("ADMIN");
    }

    @Test
    void aPasswordThePolicyRefusesStopsTheStart() {
        assertThatThrownBy(() -> TestServer.start(Dialect.SQLITE, Map.of("demo", "false", "admin.password", "short")))
            .hasMessageContaining("SEALFLOW_ADMIN_PASSWORD").hasMessageContaining("characters");
    }
}
