package com.sealflow.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Production mode has no default credentials: the first admin comes from the setup link or the operator's secret. */
class FirstAdminTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void setupLinkCreatesTheFirstAdminOnce(Dialect d) {
        try (TestServer server = TestServer.start(d)) {
            TestHttp http = server.http();
            http.get("/api/auth/csrf");
            for (String[] guess : new String[][] {{"admin", "sealflow"}, {"admin", "admin"}, {"admin", "password"}}) {
                assertThat(http.post("/api/auth/login", new JsonObject().put("username", guess[0]).put("password", guess[1]))
                    .status()).isEqualTo(401);
            }
            String path = server.server.setupPath();
            assertThat(path).startsWith("/setup?token=");
            String token = path.substring("/setup?token=".length());
            assertThat(http.get(path).body()).contains("<form");

            JsonObject body = new JsonObject().put("username", "boss").put("name", "Boss").put("password", "correct horse battery");
            assertThat(http.post("/api/setup", body.copy().put("token", "forged")).status()).isEqualTo(403);
            assertThat(http.post("/api/setup", body.copy().put("token", token).put("password", "short")).status()).isEqualTo(422);
            TestHttp.Res ok = http.post("/api/setup", body.copy().put("token", token));
            assertThat(ok.status()).isEqualTo(201);
            assertThat(ok.json().getJsonArray("roles")).contains("ADMIN");
            assertThat(http.post("/api/setup", body.copy().put("token", token).put("username", "boss2")).status()).isEqualTo(403);

            TestHttp boss = Servers.login(server, "boss", "correct horse battery");
            assertThat(boss.get("/api/audit").status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void operatorSecretCreatesTheAdminAndNoSetupLink(Dialect d) {
        try (TestServer server = TestServer.start(d, Map.of("admin.password", "operator-secret-1"))) {
            assertThat(server.server.setupPath()).isNull();
            TestHttp admin = Servers.login(server, "admin", "operator-secret-1");
            assertThat(admin.get("/api/me").json().getJsonArray("roles")).contains("ADMIN");
            assertThat(admin.get("/api/users?q=zhangsan").array()).isEmpty();
        }
    }
}
