package com.sealflow.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebAppRoutesTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static WebClient client;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/api/ping").handler(ctx -> ctx.json(new io.vertx.core.json.JsonObject().put("ok", true)));
        WebAppRoutes.mount(router, "test-webroot");
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture().get();
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static HttpResponse<Buffer> get(String path) throws Exception {
        return client.get(server.actualPort(), "localhost", path).send().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void servesTheAppAndItsAssets() throws Exception {
        assertTrue(get("/").bodyAsString().contains("SealFlow test webroot"));
        assertTrue(get("/assets/app.js").bodyAsString().contains("asset"));
    }

    @Test
    void deepLinksFallBackToIndex() throws Exception {
        HttpResponse<Buffer> res = get("/requests/42");
        assertEquals(200, res.statusCode());
        assertTrue(res.bodyAsString().contains("SealFlow test webroot"));
    }

    @Test
    void leavesTheApiAndMissingAssetsAlone() throws Exception {
        assertEquals(200, get("/api/ping").statusCode());
        assertEquals(404, get("/api/nothing-here").statusCode());
        assertEquals(404, get("/assets/missing.js").statusCode());
        assertEquals(404, get("/health").statusCode());
    }
}
