package com.sealflow.simulator.people;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One person at a browser: the session cookie and the {@code XSRF-TOKEN} cookie kept per person, the CSRF header
 * sent on every mutation, JSON in and out. Many people share one {@link HttpClient} (its connection pool), each
 * with their own cookies, so a thousand people do not need a thousand selector threads.
 */
public final class PersonSession {

    /** A status and body; {@link #json()} and {@link #array()} parse on demand. */
    public record Reply(int status, String body) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public JsonArray array() {
            return new JsonArray(body);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Log-ins queue behind slow password hashing when hundreds arrive at once: wait for them. */
    private static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(10);

    private final HttpClient http;
    private final String baseUrl;
    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    public PersonSession(HttpClient http, String baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Fetches the CSRF cookie and logs in; throws when the server refuses. */
    public void login(String username, String password) throws IOException, InterruptedException {
        expect(get("/api/auth/csrf"), "csrf");
        JsonObject body = new JsonObject().put("username", username).put("password", password);
        expect(send(HttpRequest.newBuilder(uri("/api/auth/login")).POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .header("Content-Type", "application/json").timeout(LOGIN_TIMEOUT)), "login " + username);
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET());
    }

    public Reply post(String path, JsonObject body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .header("Content-Type", "application/json"));
    }

    public Reply put(String path, JsonObject body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).PUT(HttpRequest.BodyPublishers.ofString(body.encode()))
            .header("Content-Type", "application/json"));
    }

    public Reply patch(String path, JsonObject body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode()))
            .header("Content-Type", "application/json"));
    }

    public static Reply expect(Reply reply, String what) throws IOException {
        if (!reply.ok()) {
            throw new IOException(what + ": HTTP " + reply.status() + " " + reply.body());
        }
        return reply;
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.header("Accept", "application/json");
        if (!cookies.isEmpty()) {
            StringJoiner header = new StringJoiner("; ");
            cookies.forEach((name, value) -> header.add(name + "=" + value));
            request.header("Cookie", header.toString());
        }
        String xsrf = cookies.get("XSRF-TOKEN");
        if (xsrf != null) {
            request.header("X-XSRF-TOKEN", xsrf);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("set-cookie")) {
            remember(setCookie);
        }
        return new Reply(response.statusCode(), response.body());
    }

    private void remember(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        boolean expired = setCookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0");
        if (value.isEmpty() || expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }
}
