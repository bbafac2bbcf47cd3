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

    private static HttpResponse<Buffer> get(String path, String acceptEncoding) throws Exception {
        return client.get(server.actualPort(), "localhost", path).putHeader("Accept-Encoding", acceptEncoding).send()
            .toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void hashedAssetsAreCachedForAYearAndTheIndexIsRevalidated() throws Exception {
        HttpResponse<Buffer> asset = get("/assets/app.js");
        assertEquals("public, max-age=31536000, immutable", asset.getHeader("Cache-Control"));
        assertEquals("no-cache", get("/").getHeader("Cache-Control"));
        assertEquals("no-cache", get("/requests/42").getHeader("Cache-Control"));
        assertEquals(null, get("/assets/missing.js").getHeader("Cache-Control"));
    }

    @Test
    void sendsTheBuildsBrotliOrGzipCopyToBrowsersThatTakeIt() throws Exception {
        byte[] plain = java.nio.file.Files.readAllBytes(resource("app.js"));
        HttpResponse<Buffer> br = get("/assets/app.js", "gzip, deflate, br, zstd");
        assertEquals(200, br.statusCode());
        assertEquals("br", br.getHeader("Content-Encoding"));
        assertEquals("Accept-Encoding", br.getHeader("Vary"));
        assertTrue(br.getHeader("Content-Type").startsWith("text/javascript"));
        assertEquals("public, max-age=31536000, immutable", br.getHeader("Cache-Control"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(java.nio.file.Files.readAllBytes(resource("app.js.br")), br.body().getBytes());

        HttpResponse<Buffer> gz = get("/assets/app.js", "gzip;q=1.0, br;q=0");
        assertEquals("gzip", gz.getHeader("Content-Encoding"));
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.body().getBytes()))) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(plain, in.readAllBytes());
        }

        HttpResponse<Buffer> identity = get("/assets/app.js", "identity");
        assertEquals(null, identity.getHeader("Content-Encoding"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(plain, identity.body().getBytes());
        assertEquals(404, get("/assets/missing.js", "br").statusCode());
    }

    @Test
    void readsAcceptEncodingWithQualities() {
        assertTrue(WebAppRoutes.accepts("gzip, deflate, br", "br"));
        assertTrue(WebAppRoutes.accepts("BR;q=0.5", "br"));
        assertEquals(false, WebAppRoutes.accepts("br;q=0, gzip", "br"));
        assertEquals(false, WebAppRoutes.accepts("brotli", "br"));
        assertEquals(false, WebAppRoutes.accepts(null, "gzip"));
    }

    private static java.nio.file.Path resource(String name) throws Exception {
        return java.nio.file.Path.of(WebAppRoutesTest.class.getClassLoader().getResource("test-webroot/assets/" + name).toURI());
    }

    @Test
    void leavesTheApiAndMissingAssetsAlone() throws Exception {
        assertEquals(200, get("/api/ping").statusCode());
        assertEquals(404, get("/api/nothing-here").statusCode());
        assertEquals(404, get("/assets/missing.js").statusCode());
        assertEquals(404, get("/health").statusCode());
    }
}
