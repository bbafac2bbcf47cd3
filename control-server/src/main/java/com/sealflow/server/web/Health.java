package com.sealflow.server.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health} (the process is up) and {@code GET /health/ready} (it can serve: every registered check
 * passes, e.g. the database answers, the broker is connected). Modules register checks at wiring time.
 */
public final class Health {

    private final Map<String, Supplier<Future<?>>> checks = new LinkedHashMap<>();
    private volatile boolean shuttingDown;

    public synchronized void register(String name, Supplier<Future<?>> check) {
        checks.put(name, check);
    }

    /** From now on readiness fails, so a load balancer stops sending new requests while we drain. */
    public void markShuttingDown() {
        shuttingDown = true;
    }

    void live(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("status", "UP").encode());
    }

    void ready(RoutingContext ctx) {
        List<String> names;
        List<Future<?>> results = new ArrayList<>();
        synchronized (this) {
            names = new ArrayList<>(checks.keySet());
            for (Supplier<Future<?>> c : checks.values()) {
                Future<?> f;
                try {
                    f = c.get();
                } catch (RuntimeException e) {
                    f = Future.failedFuture(e);
                }
                results.add(f);
            }
        }
        Future.join(results).onComplete(ignored -> {
            JsonObject details = new JsonObject();
            boolean up = !shuttingDown;
            for (int i = 0; i < names.size(); i++) {
                boolean ok = results.get(i).succeeded();
                up &= ok;
                details.put(names.get(i), ok ? "UP" : "DOWN: " + results.get(i).cause().getMessage());
            }
            ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", details).encode());
        });
    }
}
