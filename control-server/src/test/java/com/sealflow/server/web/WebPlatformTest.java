package com.sealflow.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP platform seen from outside: health, metrics, OpenAPI, problem+json for routing failures, headers. */
class WebPlatformTest {

    static TestServer server;
    static TestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start(Dialect.SQLITE);
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthAndReadiness() {
        assertThat(http.get("/health").json().getString("status")).isEqualTo("UP");
        TestHttp.Res ready = http.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().getJsonObject("checks").getString("database")).isEqualTo("UP");
    }

    @Test
    void prometheusMetrics() {
        TestHttp.Res res = http.get("/metrics");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.body()).contains("vertx_http_server");
    }

    @Test
    void openApiDocument() {
        TestHttp.Res res = http.get("/api/openapi.json");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().getString("openapi")).startsWith("3.1");
        assertThat(res.json().getJsonObject("paths").containsKey("/health")).isTrue();
    }

    @Test
    void unknownRouteIsProblem404() {
        TestHttp.Res res = http.get("/api/no/such/thing");
        assertThat(res.status()).isEqualTo(404);
        assertThat(res.contentType()).startsWith("application/problem+json");
        assertThat(res.json().getString("type")).isEqualTo("https://sealflow.dev/problems/not-found");
        assertThat(res.json().getInteger("status")).isEqualTo(404);
    }

    @Test
    void wrongMethodIsProblem405() {
        TestHttp.Res res = http.delete("/api/openapi.json");
        assertThat(res.status()).isEqualTo(405);
        assertThat(res.json().getString("type")).endsWith("/method-not-allowed");
    }

    @Test
    void hugeBodyIsProblem413() {
        String big = "{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        TestHttp.Res res = http.post("/api/auth/login", big);
        assertThat(res.status()).isEqualTo(413);
        assertThat(res.json().getString("type")).endsWith("/payload-too-large");
    }

    @Test
    void securityHeadersOnEveryResponse() {
        TestHttp.Res res = http.get("/api/openapi.json");
        assertThat(res.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(res.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(res.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(res.header("Cache-Control")).isEqualTo("no-store");
        assertThat(http.get("/nothing-here").header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
