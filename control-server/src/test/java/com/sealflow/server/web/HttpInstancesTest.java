package com.sealflow.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several HTTP verticles share one port and serve its connections on event loops of their own. */
class HttpInstancesTest {

    @Test
    void connectionsAreSpreadOverOneEventLoopPerInstance() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            router.get("/thread").handler(ctx -> ctx.end(Thread.currentThread().getName()));
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            HttpVerticle.deploy(vertx, router, "127.0.0.1", port, Duration.ofSeconds(1), 2).await(20, TimeUnit.SECONDS);
            Set<String> threads = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                // a client of its own per request: a new connection each time, which the instances take in turn
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/thread")).build(),
                    HttpResponse.BodyHandlers.ofString());
                assertEquals(200, res.statusCode());
                threads.add(res.body());
            }
            assertEquals(2, threads.size(), "event loops that served: " + threads);
        } finally {
            vertx.close().await(20, TimeUnit.SECONDS);
        }
    }
}
