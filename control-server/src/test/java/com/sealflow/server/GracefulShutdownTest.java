package com.sealflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping (what SIGTERM does): requests in flight finish, then the server stops accepting and closes. */
class GracefulShutdownTest {

    @Test
    void requestInFlightCompletesThenNewConnectionsAreRefused() throws Exception {
        // an expensive password hash makes a login a slow request to be caught in flight
        TestServer server = TestServer.start(Dialect.SQLITE, Map.of("demo", "true", "password.iterations", "3000000",
            "shutdown.grace.seconds", "20"));
        TestHttp http = server.http();
        http.get("/api/auth/csrf");
        long t0 = System.nanoTime();
        CompletableFuture<TestHttp.Res> login = CompletableFuture.supplyAsync(() ->
            http.post("/api/auth/login", new JsonObject().put("username", "lisi").put("password", "sealflow")));
        TestHttp probe = server.http();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!probe.get("/metrics").body().lines().anyMatch(l -> l.startsWith("vertx_http_server_active_requests")
            && l.contains("method=\"POST\"") && !l.endsWith(" 0.0"))) {
            assertThat(System.currentTimeMillis()).as("login never in flight").isLessThan(deadline);
            Thread.sleep(20);
        }
        server.close();
        TestHttp.Res res = login.get(30, TimeUnit.SECONDS);
        assertThat(res.status()).as("drained, not cut").isEqualTo(200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(20_000);
        assertThatThrownBy(() -> server.http().get("/health")).isInstanceOf(UncheckedIOException.class);
    }
}
