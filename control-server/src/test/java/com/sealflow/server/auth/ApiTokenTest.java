package com.sealflow.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Personal API tokens: created in a browser session, used as Bearer without CSRF, listed without secrets, revoked. */
class ApiTokenTest {

    static final Servers SERVERS = Servers.demo();

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void createUseListRevoke(Dialect d) {
        TestHttp browser = SERVERS.login(d, "auditor");
        TestHttp.Res created = browser.post("/api/me/tokens", new JsonObject().put("name", "export script"));
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().getString("token");
        assertThat(token).startsWith("sfp_");

        TestHttp script = SERVERS.get(d).http().bearer(token);
        assertThat(script.get("/api/me").json().getString("username")).isEqualTo("auditor");
        assertThat(script.get("/api/audit/verify").json().getBoolean("ok")).isTrue();
        // no cookie, no CSRF header: a bearer mutation is not exposed to CSRF
        assertThat(script.post("/api/auth/logout", null).status()).isEqualTo(204);
        // but a token cannot mint tokens
        assertThat(script.post("/api/me/tokens", new JsonObject().put("name", "more")).status()).isEqualTo(403);

        TestHttp.Res list = browser.get("/api/me/tokens");
        assertThat(list.array()).hasSize(1);
        assertThat(list.array().getJsonObject(0).containsKey("token")).isFalse();
        assertThat(list.body()).doesNotContain(token.substring(10));

        String id = created.json().getString("id");
        assertThat(browser.delete("/api/me/tokens/" + id).status()).isEqualTo(204);
        assertThat(script.get("/api/me").status()).isEqualTo(401);
        assertThat(browser.delete("/api/me/tokens/" + id).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void forgedAndForeignBearerTokensAreNobody(Dialect d) {
        TestHttp forged = SERVERS.get(d).http().bearer("sfp_" + "A".repeat(43));
        assertThat(forged.get("/api/me").status()).isEqualTo(401);
        TestHttp device = SERVERS.get(d).http().bearer("some-device-secret");
        assertThat(device.get("/api/me").status()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void deactivatedUsersTokensStopWorking(Dialect d) {
        TestHttp zhou = SERVERS.login(d, "zhoujiu");
        String token = zhou.post("/api/me/tokens", new JsonObject().put("name", "t")).json().getString("token");
        TestHttp admin = SERVERS.login(d, "admin");
        String id = zhou.get("/api/me").json().getString("id");
        assertThat(admin.patch("/api/users/" + id, new JsonObject().put("active", false)).status()).isEqualTo(200);
        assertThat(SERVERS.get(d).http().bearer(token).get("/api/me").status()).isEqualTo(401);
        assertThat(zhou.get("/api/me").status()).isEqualTo(401);
        assertThat(admin.patch("/api/users/" + id, new JsonObject().put("active", true)).status()).isEqualTo(200);
    }
}
