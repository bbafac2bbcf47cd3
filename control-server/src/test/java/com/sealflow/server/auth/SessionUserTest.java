package com.sealflow.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A session's user is read with the session on every request (one joined read): a change an administrator makes to the
 * user — roles granted or taken, the account deactivated or activated again — holds from the user's next request,
 * without a new login.
 */
class SessionUserTest {

    static final Servers SERVERS = Servers.demo();

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    private static JsonArray roles(TestHttp http) {
        TestHttp.Res me = http.get("/api/me");
        assertThat(me.status()).isEqualTo(200);
        return me.json().getJsonArray("roles");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void rolesGrantedAndTakenHoldFromTheNextRequest(Dialect d) {
        TestHttp user = SERVERS.login(d, "liuyang");
        TestHttp admin = SERVERS.login(d, "admin");
        String id = user.get("/api/me").json().getString("id");
        assertThat(roles(user)).containsExactly("EMPLOYEE");

        assertThat(admin.patch("/api/users/" + id, new JsonObject().put("roles", new JsonArray().add("AUDITOR").add("LEGAL")))
            .status()).isEqualTo(200);
        assertThat(roles(user)).containsExactlyInAnyOrder("AUDITOR", "LEGAL", "EMPLOYEE");
        assertThat(user.get("/api/audit").status()).isNotIn(401, 403);

        assertThat(admin.patch("/api/users/" + id, new JsonObject().put("roles", new JsonArray())).status()).isEqualTo(200);
        assertThat(roles(user)).containsExactly("EMPLOYEE");
        assertThat(user.get("/api/audit").status()).isEqualTo(403);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aDeactivatedUsersSessionIsNobodyUntilActivatedAgain(Dialect d) {
        TestHttp user = SERVERS.login(d, "chenyu");
        TestHttp admin = SERVERS.login(d, "admin");
        String id = user.get("/api/me").json().getString("id");

        assertThat(admin.patch("/api/users/" + id, new JsonObject().put("active", false)).status()).isEqualTo(200);
        TestHttp.Res refused = user.get("/api/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        assertThat(admin.patch("/api/users/" + id, new JsonObject().put("active", true)).status()).isEqualTo(200);
        JsonObject me = user.get("/api/me").json();
        assertThat(me.getString("id")).isEqualTo(id);
        assertThat(me.getString("username")).isEqualTo("chenyu");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aUserWithSeveralRolesHasThemAllAndAnUnknownCookieIsNobody(Dialect d) {
        TestHttp admin = SERVERS.login(d, "admin");
        assertThat(roles(admin)).containsExactlyInAnyOrder("ADMIN", "SEAL_ADMIN", "FLOW_ADMIN", "EMPLOYEE");
        assertThat(SERVERS.get(d).http().header("Cookie", Sessions.COOKIE + "=no-such-session").get("/api/me").status())
            .isEqualTo(401);
    }
}
