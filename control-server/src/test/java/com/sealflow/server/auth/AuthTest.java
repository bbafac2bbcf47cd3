package com.sealflow.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Logging in and out over real HTTP on both databases: sessions, rotation, CSRF, timeouts. */
class AuthTest {

    static final Servers SERVERS = Servers.demo();

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    static JsonObject creds(String u, String p) {
        return new JsonObject().put("username", u).put("password", p);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void loginMeLogout(Dialect d) {
        TestHttp http = SERVERS.get(d).http();
        TestHttp.Res anon = http.get("/api/me");
        assertThat(anon.status()).isEqualTo(401);
        assertThat(anon.contentType()).startsWith("application/problem+json");

        http.get("/api/auth/csrf");
        TestHttp.Res login = http.post("/api/auth/login", creds("lisi", "sealflow"));
        assertThat(login.status()).isEqualTo(200);
        JsonObject me = http.get("/api/me").json();
        assertThat(me.getString("username")).isEqualTo("lisi");
        assertThat(me.getString("name")).isEqualTo("李四");
        assertThat(me.getString("departmentId")).isNotNull();
        assertThat(me.getJsonArray("roles")).contains("EMPLOYEE");
        assertThat(me.fieldNames()).containsExactlyInAnyOrder("id", "username", "name", "departmentId", "roles");

        assertThat(http.post("/api/auth/logout", null).status()).isEqualTo(204);
        assertThat(http.get("/api/me").status()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void sessionIdIsRotatedAtLoginAndTheOldOneDies(Dialect d) {
        TestHttp http = Servers.login(SERVERS.get(d), "zhangsan", "sealflow");
        String first = http.cookie(Sessions.COOKIE);
        http.post("/api/auth/login", creds("zhangsan", "sealflow"));
        String second = http.cookie(Sessions.COOKIE);
        assertThat(second).isNotNull().isNotEqualTo(first);
        assertThat(http.get("/api/me").status()).isEqualTo(200);

        TestHttp stolen = SERVERS.get(d).http().header("Cookie", Sessions.COOKIE + "=" + first);
        assertThat(stolen.get("/api/me").status()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void csrfIsRequiredAndChecked(Dialect d) {
        TestHttp noCookie = SERVERS.get(d).http();
        TestHttp.Res res = noCookie.post("/api/auth/login", creds("lisi", "sealflow"));
        assertThat(res.status()).isEqualTo(403);
        assertThat(res.json().getString("type")).endsWith("/csrf");

        TestHttp http = Servers.login(SERVERS.get(d), "lisi", "sealflow");
        http.sendCsrf(false);
        assertThat(http.post("/api/auth/logout", null).status()).isEqualTo(403);
        http.header("X-XSRF-TOKEN", "forged");
        assertThat(http.post("/api/auth/logout", null).json().getString("type")).endsWith("/csrf");
        http.header("X-XSRF-TOKEN", null).sendCsrf(true);
        assertThat(http.post("/api/auth/logout", null).status()).isEqualTo(204);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void idleAndAbsoluteTimeouts(Dialect d) {
        TestServer server = SERVERS.get(d);
        TestHttp http = Servers.login(server, "chenyu", "sealflow");
        server.clock.advance(Duration.ofMinutes(29));
        assertThat(http.get("/api/me").status()).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(31));
        assertThat(http.get("/api/me").status()).isEqualTo(401);

        TestHttp busy = Servers.login(server, "chenyu", "sealflow");
        for (int i = 0; i < 35; i++) {
            server.clock.advance(Duration.ofMinutes(20));
            assertThat(busy.get("/api/me").status()).as("after %d min", (i + 1) * 20).isEqualTo(200);
        }
        server.clock.advance(Duration.ofMinutes(20));
        assertThat(busy.get("/api/me").status()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void wrongPasswordAndUnknownUserLookTheSame(Dialect d) {
        TestHttp http = SERVERS.get(d).http();
        http.get("/api/auth/csrf");
        TestHttp.Res wrong = http.post("/api/auth/login", creds("qianqi", "nope-nope"));
        TestHttp.Res unknown = http.post("/api/auth/login", creds("nobody-here", "nope-nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().getString("detail")).isEqualTo(unknown.json().getString("detail"));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void loginIsThrottledPerUsernameWithBackoff(Dialect d) {
        TestServer server = SERVERS.get(d);
        TestHttp http = server.http();
        http.get("/api/auth/csrf");
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
            assertThat(http.post("/api/auth/login", creds("zhaoliu", "guess" + i)).status()).isEqualTo(401);
        }
        TestHttp.Res locked = http.post("/api/auth/login", creds("zhaoliu", "sealflow"));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().getString("type")).endsWith("/too-many-attempts");
        assertThat(locked.header("Retry-After")).isEqualTo("30");
        // another user from the same address is not affected
        assertThat(http.post("/api/auth/login", creds("wangwu", "sealflow")).status()).isEqualTo(200);

        server.clock.advance(Duration.ofSeconds(31));
        TestHttp again = server.http();
        again.get("/api/auth/csrf");
        assertThat(again.post("/api/auth/login", creds("zhaoliu", "wrong-again")).status()).isEqualTo(401);
        assertThat(again.post("/api/auth/login", creds("zhaoliu", "sealflow")).status()).as("doubled lock").isEqualTo(429);
        server.clock.advance(Duration.ofSeconds(61));
        assertThat(again.post("/api/auth/login", creds("zhaoliu", "sealflow")).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void badLoginBodiesAre400NotServerErrors(Dialect d) {
        TestHttp http = SERVERS.get(d).http();
        http.get("/api/auth/csrf");
        TestHttp.Res malformed = http.send("POST", "/api/auth/login", "{\"username\": ", "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getString("type")).endsWith("/malformed-json");
        TestHttp.Res wrongType = http.post("/api/auth/login", new JsonObject().put("username", 42).put("password", true));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().getString("type")).endsWith("/wrong-type");
        TestHttp.Res array = http.send("POST", "/api/auth/login", "[1,2]", "application/json");
        assertThat(array.status()).isEqualTo(400);
        TestHttp.Res missing = http.post("/api/auth/login", new JsonObject());
        assertThat(missing.status()).isEqualTo(400);
        TestHttp.Res text = http.send("POST", "/api/auth/login", "username=a", "text/plain");
        assertThat(text.status()).isEqualTo(415);
    }
}
