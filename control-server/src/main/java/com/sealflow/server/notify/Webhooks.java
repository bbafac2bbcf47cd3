package com.sealflow.server.notify;

import com.sealflow.server.db.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;

/**
 * Fans an event out to the endpoints that subscribe to it: one outbox row per endpoint, in the caller's transaction.
 * The body is fixed when the row is written ({@code {id, type, createdAt, data}}, {@code id} the event's id shared by
 * all its deliveries), so every attempt sends the same bytes; the signature and timestamp are made per attempt.
 */
final class Webhooks {

    private final WebhookEndpoints endpoints;
    private final Outbox outbox;
    private final Clock clock;

    Webhooks(WebhookEndpoints endpoints, Outbox outbox, Clock clock) {
        this.endpoints = endpoints;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Whether some endpoint subscribes to {@code type} (skips building the event when none does). */
    Future<Boolean> anyWants(SqlConnection tx, String type) {
        return endpoints.all(tx).map(all -> all.stream().anyMatch(e -> e.wants(type)));
    }

    /** Completes with the number of deliveries written. */
    Future<Integer> emit(SqlConnection tx, String type, JsonObject data) {
        return endpoints.all(tx).compose(all -> {
            String body = new JsonObject().put("id", Ids.newId()).put("type", type).put("createdAt", clock.millis())
                .put("data", data).encode();
            Future<Integer> chain = Future.succeededFuture(0);
            for (WebhookEndpoints.Endpoint e : all) {
                if (e.wants(type)) {
                    chain = chain.compose(n -> outbox.enqueue(tx, Ids.newId(), Outbox.WEBHOOK, e.id(), type, null, body).map(n + 1));
                }
            }
            return chain;
        });
    }

    /** A {@code ping} to one endpoint (admins test their receiver); completes with the delivery id. */
    Future<String> ping(SqlConnection tx, WebhookEndpoints.Endpoint e, String actorId) {
        String id = Ids.newId();
        String body = new JsonObject().put("id", Ids.newId()).put("type", "ping").put("createdAt", clock.millis())
            .put("data", new JsonObject().put("endpointId", e.id()).put("by", actorId)).encode();
        return outbox.enqueue(tx, id, Outbox.WEBHOOK, e.id(), "ping", null, body).map(id);
    }
}
