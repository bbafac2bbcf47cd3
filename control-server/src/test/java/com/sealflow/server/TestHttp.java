package com.sealflow.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser-like client: keeps cookies, copies the XSRF-TOKEN cookie into the X-XSRF-TOKEN header like axios,
 * and can send a bearer token instead. One per simulated person.
 */
public final class TestHttp {

    public final String base;
    public final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private String bearer;
    private boolean sendCsrf = true;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();

    public TestHttp(String base) {
        this.base = base;
        // HTTP/1.1 like a browser on plain http (browsers never use h2c)
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A response, with the body as text; {@link #json()} / {@link #array()} parse it. */
    public record Res(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public JsonArray array() {
            return new JsonArray(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public TestHttp bearer(String token) {
        this.bearer = token;
        return this;
    }

    public TestHttp sendCsrf(boolean on) {
        this.sendCsrf = on;
        return this;
    }

    public TestHttp header(String name, String value) {
        if (value == null) {
            extraHeaders.remove(name);
        } else {
            extraHeaders.put(name, value);
        }
        return this;
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
            .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    public Res get(String path) {
        return send("GET", path, null, null);
    }

    public Res delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Res post(String path, Object json) {
        return send("POST", path, json == null ? "" : json.toString(), "application/json");
    }

    public Res put(String path, Object json) {
        return send("PUT", path, json == null ? "" : json.toString(), "application/json");
    }

    public Res patch(String path, Object json) {
        return send("PATCH", path, json == null ? "" : json.toString(), "application/json");
    }

    public Res send(String method, String path, String body, String contentType) {
        return sendBytes(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), contentType);
    }

    public Res sendBytes(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        String xsrf = cookie("XSRF-TOKEN");
        if (sendCsrf && xsrf != null) {
            b.header("X-XSRF-TOKEN", xsrf);
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        extraHeaders.forEach(b::header);
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
