package com.sealflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.db.Dialect;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator's first admin ({@code SEALFLOW_ADMIN_PASSWORD}) is hashed while the rest of the server starts, but
 * exists before HTTP opens: it can log in on the first request, and a password the policy refuses still stops the start.
 */
class FirstAdminAtStartTest {

    @Test
    void theConfiguredAdminCanLogInAsSoonAsTheServerAnswers() {
        // a costly hash, so that it is still running while the router is built and the broker awaited
        try (TestServer server = TestServer.start(Dialect.SQLITE, Map.of("demo", "false", "admin.password", "First-admin-2026!",
            "password.iterations", "200000"))) {
            TestHttp http = server.http();
            http.get("/api/auth/csrf");
            TestHttp.Res login = http.post("/api/auth/login",
                new io.vertx.core.json.JsonObject().put("username", "admin").put("password", "First-admin-2026!"));
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            assertThat(http.get("/api/me").json().getJsonArray("roles").getList()).contains("ADMIN");
        }
    }

    @Test
    void aPasswordThePolicyRefusesStopsTheStart() {
        assertThatThrownBy(() -> TestServer.start(Dialect.SQLITE, Map.of("demo", "false", "admin.password", "short")))
            .hasMessageContaining("SEALFLOW_ADMIN_PASSWORD").hasMessageContaining("characters");
    }
}
