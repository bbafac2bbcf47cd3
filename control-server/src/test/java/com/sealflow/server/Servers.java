package com.sealflow.server;

import com.sealflow.agent.identity.Enroller;
import com.sealflow.agent.identity.Enrolment;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * One demo-mode server per dialect for a test class (start-up is the slow part): tests that do not change
 * global state share it. Call {@link #close()} from {@code @AfterAll}.
 */
public final class Servers implements AutoCloseable {

    private final Map<Dialect, TestServer> servers = new EnumMap<>(Dialect.class);
    private final Map<String, String> settings;

    public Servers(Map<String, String> settings) {
        this.settings = settings;
    }

    public static Servers demo() {
        return new Servers(Map.of("demo", "true"));
    }

    public synchronized TestServer get(Dialect d) {
        return servers.computeIfAbsent(d, x -> TestServer.start(x, settings));
    }

    /** A fresh browser logged in as the user (demo password unless given). */
    public TestHttp login(Dialect d, String username) {
        return login(get(d), username, "sealflow");
    }

    public static TestHttp login(TestServer server, String username, String password) {
        TestHttp http = server.http();
        http.get("/api/auth/csrf");
        TestHttp.Res res = http.post("/api/auth/login",
            new io.vertx.core.json.JsonObject().put("username", username).put("password", password));
        if (res.status() != 200) {
            throw new AssertionError("login " + username + " failed: " + res.status() + " " + res.body());
        }
        return http;
    }

    /** Enrols {@code deviceId} as its agent would: the admin's enrolment code, then the agent's enrolment into {@code agentDir}. */
    public static Enrolment enrol(TestServer server, String deviceId, Path agentDir) throws Exception {
        String code = login(server, "admin", "sealflow").post("/api/devices/" + deviceId + "/enrolment-code", new JsonObject())
            .json().getString("code");
        return new Enroller(HttpClient.newHttpClient()).enroll("http://127.0.0.1:" + server.server.port(), code, "1.0.0", agentDir);
    }

    /** A browser on {@code to} holding the cookies {@code from} got elsewhere (another node): the same session. */
    public static TestHttp carrySession(TestHttp from, TestServer to) {
        TestHttp http = to.http();
        for (java.net.HttpCookie c : from.cookies.getCookieStore().getCookies()) {
            http.cookies.getCookieStore().add(java.net.URI.create("http://127.0.0.1:" + to.server.port()), c);
        }
        return http;
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(TestServer::close);
        servers.clear();
    }
}
