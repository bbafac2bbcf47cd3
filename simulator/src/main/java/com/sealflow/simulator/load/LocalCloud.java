package com.sealflow.simulator.load;

import com.sealflow.agent.mqtt.CloudLink;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An agent's cloud connection without a broker, for load runs that measure the device side:
 * publishes complete at once (and are counted), commands are injected by the load driver, and
 * command results complete the driver's futures.
 */
final class LocalCloud implements CloudLink {

    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private volatile Listener listener;

    @Override
    public void start(Listener l) {
        this.listener = l;
        l.connected(false);
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retained) {
        published.incrementAndGet();
        if (topic.contains("/cmd-res/")) {
            JsonObject result = new JsonObject(new String(payload, StandardCharsets.UTF_8));
            CompletableFuture<String> future = pending.get(result.getString("commandId"));
            if (future != null && !"DONE".equals(result.getString("state"))) {
                future.complete(result.getString("state") + (result.getString("reason") == null ? "" : ":" + result.getString("reason")));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Delivers a command as the broker would; the future completes with the agent's first answer (ACCEPTED, REJECTED:...). */
    CompletableFuture<String> command(String name, String commandId, byte[] payload) {
        CompletableFuture<String> future = new CompletableFuture<>();
        pending.put(commandId, future);
        future.whenComplete((r, e) -> pending.remove(commandId));
        listener.command(name, payload);
        return future;
    }

    long published() {
        return published.get();
    }

    @Override
    public String lastError() {
        return null;
    }

    @Override
    public void close() {
        // nothing to close
    }
}
