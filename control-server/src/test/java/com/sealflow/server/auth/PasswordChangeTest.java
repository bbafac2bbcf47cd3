package com.sealflow.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Changing one's own password, and an admin resetting someone's (which ends their sessions). */
class PasswordChangeTest {

    static final Servers SERVERS = Servers.demo();

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void changeOwnPassword(Dialect d) {
        TestHttp liu = SERVERS.login(d, "liuyang");
        JsonObject wrong = new JsonObject().put("currentPassword", "nope").put("newPassword", "a-new-password");
        assertThat(liu.post("/api/me/password", wrong).status()).isEqualTo(403);
        JsonObject weak = new JsonObject().put("currentPassword", "sealflow").put("newPassword", "short");
        assertThat(liu.post("/api/me/password", weak).status()).isEqualTo(422);
        JsonObject ok = new JsonObject().put("currentPassword", "sealflow").put("newPassword", "a-new-password");
        assertThat(liu.post("/api/me/password", ok).status()).isEqualTo(204);
        Servers.login(SERVERS.get(d), "liuyang", "a-new-password");
        TestHttp old = SERVERS.get(d).http();
        old.get("/api/auth/csrf");
        assertThat(old.post("/api/auth/login", new JsonObject().put("username", "liuyang").put("password", "sealflow")).status())
            .isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void adminResetEndsTheUsersSessions(Dialect d) {
        TestHttp sun = SERVERS.login(d, "sunba");
        String id = sun.get("/api/me").json().getString("id");
        assertThat(SERVERS.login(d, "zhangsan").put("/api/users/" + id + "/password", new JsonObject().put("password", "hijacked!!"))
            .status()).isEqualTo(403);
        TestHttp admin = SERVERS.login(d, "admin");
        assertThat(admin.put("/api/users/" + id + "/password", new JsonObject().put("password", "reset-by-admin")).status())
            .isEqualTo(204);
        assertThat(sun.get("/api/me").status()).isEqualTo(401);
        Servers.login(SERVERS.get(d), "sunba", "reset-by-admin");
        assertThat(admin.put("/api/users/forged/password", new JsonObject().put("password", "whatever-long")).status()).isEqualTo(404);
        JsonObject audit = SERVERS.login(d, "auditor").get("/api/audit?action=auth.password.set&objectId=" + id).json();
        assertThat(audit.getLong("total")).isGreaterThanOrEqualTo(2);
    }
}
