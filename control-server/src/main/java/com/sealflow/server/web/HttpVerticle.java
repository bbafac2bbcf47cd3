package com.sealflow.server.web;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One job: serve the router on a port. Stopping it stops accepting connections and lets requests in flight
 * finish for up to the grace period before the connections are closed. {@link #deploy} runs several instances
 * on one port, each on an event loop of its own (Vert.x spreads the connections over them).
 */
public final class HttpVerticle extends VerticleBase {

    private final Router router;
    private final String host;
    private final int port;
    private final Duration grace;
    private HttpServer server;

    public HttpVerticle(Router router, String host, int port, Duration grace) {
        this.router = router;
        this.host = host;
        this.port = port;
        this.grace = grace;
    }

    /** A deployment of {@code instances} verticles serving one router on one port; {@code first} answers for the port. */
    public record Deployed(String deploymentId, HttpVerticle first) {
    }

    /**
     * Deploys {@code instances} verticles on one port. With one instance every request, and the database
     * connections it opens, runs on a single event loop thread, which caps the server at one core. On port 0 (tests)
     * one instance: Vert.x would give each instance listening on port 0 a random port of its own.
     */
    public static Future<Deployed> deploy(Vertx vertx, Router router, String host, int port, Duration grace, int instances) {
        int count = port == 0 ? 1 : Math.max(1, instances);
        List<HttpVerticle> made = new CopyOnWriteArrayList<>();
        return vertx.deployVerticle(() -> {
            HttpVerticle v = new HttpVerticle(router, host, port, grace);
            made.add(v);
            return v;
        }, new DeploymentOptions().setInstances(count)).map(id -> new Deployed(id, made.get(0)));
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer(new HttpServerOptions());
        return server.requestHandler(router).invalidRequestHandler(InvalidRequests::answer).listen(port, host);
    }

    /** The routes served (tests check every mounted one is documented). */
    public Router router() {
        return router;
    }

    /** The bound port (useful when started on port 0). */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
    }
}
