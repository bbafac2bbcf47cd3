package com.sealflow.server.notify;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for an integration: records every request it receives (headers and raw body) and
 * answers 500 to the next {@link #failNext} requests, 204 otherwise.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String deliveryId, String event, String timestamp, String signature, String contentType, String body,
                    int answered) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failNext = new AtomicInteger();
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    WebhookReceiver() {
        try {
            server = start();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpServer start() throws java.util.concurrent.TimeoutException {
        return vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            int status = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            received.add(new Received(req.getHeader("SealFlow-Delivery-Id"), req.getHeader("SealFlow-Event"),
                req.getHeader("SealFlow-Timestamp"), req.getHeader("SealFlow-Signature"), req.getHeader("Content-Type"),
                body.toString(), status));
            req.response().setStatusCode(status).end();
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/hooks/sealflow";
    }

    /** The requests that were answered 2xx. */
    List<Received> accepted() {
        return received.stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    @Override
    public void close() {
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
