package com.sealflow.server.notify;

import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.JsonBody;
import com.sealflow.server.web.Paging;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Replies;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ADMIN only. {@code /api/webhooks}: list, create (the answer carries the secret, the only time it is shown), read,
 * change, delete, {@code POST .../{id}/ping}; {@code GET .../{id}/deliveries} and {@code GET /api/notify/deliveries}
 * (e-mail too): the delivery log; {@code GET /api/notify/deliveries/{id}} with every attempt, and
 * {@code POST .../{id}/redeliver} for one that was given up.
 */
final class WebhookRoutes implements ApiRoutes {

    private static final Set<String> STATUSES = Set.of(Outbox.PENDING, Outbox.DELIVERED, Outbox.FAILED);
    private static final String DELIVERY_COLUMNS = "id, channel, target, event_type, subject, status, attempts, next_attempt_at,"
        + " last_status, last_error, created_at, delivered_at";

    private final WebhookEndpoints endpoints;
    private final Webhooks webhooks;
    private final AuditLog audit;
    private final Clock clock;
    private final Runnable kick;
    private final Database db;

    WebhookRoutes(WebhookEndpoints endpoints, Webhooks webhooks, AuditLog audit, Clock clock, Runnable kick) {
        this.endpoints = endpoints;
        this.webhooks = webhooks;
        this.audit = audit;
        this.clock = clock;
        this.kick = kick;
        this.db = endpoints.db();
    }

    @Override
    public void mount(Router r) {
        var admin = Access.requireRole(Role.ADMIN);
        r.get("/api/webhooks").handler(admin).handler(this::list);
        r.post("/api/webhooks").handler(admin).handler(this::create);
        r.get("/api/webhooks/:id").handler(admin).handler(this::get);
        r.patch("/api/webhooks/:id").handler(admin).handler(this::update);
        r.delete("/api/webhooks/:id").handler(admin).handler(this::delete);
        r.post("/api/webhooks/:id/ping").handler(admin).handler(this::ping);
        r.get("/api/webhooks/:id/deliveries").handler(admin).handler(ctx -> deliveries(ctx, Outbox.WEBHOOK, ctx.pathParam("id")));
        r.get("/api/notify/deliveries").handler(admin).handler(ctx -> deliveries(ctx, ctx.request().getParam("channel"), null));
        r.get("/api/notify/deliveries/:id").handler(admin).handler(this::delivery);
        r.post("/api/notify/deliveries/:id/redeliver").handler(admin).handler(this::redeliver);
    }

    @Override
    public String openApiFragment() {
        return "openapi/webhooks.json";
    }

    private void list(RoutingContext ctx) {
        endpoints.all(db.pool()).map(all -> {
            JsonArray items = new JsonArray();
            all.forEach(e -> items.add(e.toJson()));
            return new JsonObject().put("items", items).put("eventTypes", new JsonArray(new ArrayList<>(WebhookEndpoints.EVENT_TYPES)));
        }).onSuccess(body -> Replies.ok(ctx, body)).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        WebhookEndpoints.Endpoint e = WebhookInput.merge(JsonBody.of(ctx), null, Ids.newId(), me.id(), clock.millis());
        db.inTransaction(tx -> endpoints.insert(tx, e)
                .compose(v -> audit.append(tx, me.id(), "webhook.created", "webhook", e.id(), auditDetail(e))))
            .onSuccess(v -> Replies.created(ctx, e.toJson().put("secret", e.secret()))).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        found(ctx.pathParam("id")).onSuccess(e -> Replies.ok(ctx, e.toJson())).onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        JsonBody body = JsonBody.of(ctx);
        db.inTransaction(tx -> endpoints.find(tx, ctx.pathParam("id")).compose(found -> {
            WebhookEndpoints.Endpoint base = found.orElseThrow(() -> ProblemException.notFound("webhook"));
            WebhookEndpoints.Endpoint e = WebhookInput.merge(body, base, base.id(), me.id(), clock.millis());
            return endpoints.update(tx, e)
                .compose(v -> audit.append(tx, me.id(), "webhook.updated", "webhook", e.id(), auditDetail(e)
                    .put("secretChanged", !e.secret().equals(base.secret()))))
                .map(e);
        })).onSuccess(e -> Replies.ok(ctx, e.toJson())).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        String id = ctx.pathParam("id");
        db.inTransaction(tx -> endpoints.delete(tx, id).compose(gone -> {
            if (!gone) {
                throw ProblemException.notFound("webhook");
            }
            return audit.append(tx, me.id(), "webhook.deleted", "webhook", id, null);
        })).onSuccess(v -> Replies.noContent(ctx)).onFailure(ctx::fail);
    }

    private void ping(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        db.inTransaction(tx -> endpoints.find(tx, ctx.pathParam("id")).compose(found -> webhooks.ping(tx,
                found.orElseThrow(() -> ProblemException.notFound("webhook")), me.id())))
            .onSuccess(id -> Replies.json(ctx, 202, new JsonObject().put("deliveryId", id))).onFailure(ctx::fail);
    }

    private void deliveries(RoutingContext ctx, String channel, String endpointId) {
        Paging paging = Paging.of(ctx);
        String status = ctx.request().getParam("status");
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalidField("status", "one of " + STATUSES);
        }
        if (channel != null && !Outbox.MAIL.equals(channel) && !Outbox.WEBHOOK.equals(channel)) {
            throw ProblemException.invalidField("channel", "MAIL or WEBHOOK");
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (channel != null) {
            params.add(channel);
            where.append(" AND channel = $").append(params.size());
        }
        if (endpointId != null) {
            params.add(endpointId);
            where.append(" AND target = $").append(params.size());
        }
        if (status != null) {
            params.add(status);
            where.append(" AND status = $").append(params.size());
        }
        Object[] p = params.toArray();
        Future<Void> exists = endpointId == null ? Future.succeededFuture() : found(endpointId).mapEmpty();
        exists.compose(v -> db.execute("SELECT COUNT(*) AS n FROM notify_outbox" + where, p))
            .compose(count -> db.execute("SELECT " + DELIVERY_COLUMNS + " FROM notify_outbox" + where
                    + " ORDER BY created_at DESC, id DESC LIMIT " + paging.size() + " OFFSET " + paging.offset(), p)
                .map(rs -> {
                    JsonArray items = new JsonArray();
                    rs.forEach(r -> items.add(delivery(r)));
                    return paging.toJson(items, count.iterator().next().getLong("n"));
                }))
            .onSuccess(page -> Replies.ok(ctx, page)).onFailure(ctx::fail);
    }

    private void delivery(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        db.execute("SELECT " + DELIVERY_COLUMNS + ", payload FROM notify_outbox WHERE id = $1", id).compose(rs -> {
            if (!rs.iterator().hasNext()) {
                throw ProblemException.notFound("delivery");
            }
            Row r = rs.iterator().next();
            JsonObject d = delivery(r).put("payload", r.getString("payload"));
            return db.execute("SELECT attempt, at, ok, status, error, duration_ms FROM notify_attempts WHERE delivery_id = $1"
                + " ORDER BY attempt", id).map(as -> {
                    JsonArray attempts = new JsonArray();
                    as.forEach(a -> attempts.add(new JsonObject().put("attempt", a.getInteger("attempt")).put("at", a.getLong("at"))
                        .put("ok", a.getInteger("ok") != 0).put("status", a.getInteger("status")).put("error", a.getString("error"))
                        .put("durationMs", a.getLong("duration_ms"))));
                    return d.put("attemptLog", attempts);
                });
        }).onSuccess(d -> Replies.ok(ctx, d)).onFailure(ctx::fail);
    }

    private void redeliver(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        String id = ctx.pathParam("id");
        db.inTransaction(tx -> db.execute(tx, "SELECT status FROM notify_outbox WHERE id = $1", id).compose(rs -> {
            if (!rs.iterator().hasNext()) {
                throw ProblemException.notFound("delivery");
            }
            if (!Outbox.FAILED.equals(rs.iterator().next().getString("status"))) {
                throw ProblemException.conflict("only a delivery that was given up (FAILED) can be sent again");
            }
            return db.execute(tx, "UPDATE notify_outbox SET status = $1, next_attempt_at = $2, lease_until = 0 WHERE id = $3",
                    Outbox.PENDING, clock.millis(), id)
                .compose(v -> audit.append(tx, me.id(), "delivery.redeliver", "delivery", id, null));
        })).onSuccess(v -> {
            kick.run();
            Replies.json(ctx, 202, new JsonObject().put("deliveryId", id).put("status", Outbox.PENDING));
        }).onFailure(ctx::fail);
    }

    private Future<WebhookEndpoints.Endpoint> found(String id) {
        return endpoints.find(db.pool(), id).map(o -> o.orElseThrow(() -> ProblemException.notFound("webhook")));
    }

    private static JsonObject delivery(Row r) {
        return new JsonObject().put("id", r.getString("id")).put("channel", r.getString("channel")).put("target", r.getString("target"))
            .put("eventType", r.getString("event_type")).put("subject", r.getString("subject")).put("status", r.getString("status"))
            .put("attempts", r.getInteger("attempts")).put("nextAttemptAt", r.getLong("next_attempt_at"))
            .put("lastStatus", r.getInteger("last_status")).put("lastError", r.getString("last_error"))
            .put("createdAt", r.getLong("created_at")).put("deliveredAt", r.getLong("delivered_at"));
    }

    private static JsonObject auditDetail(WebhookEndpoints.Endpoint e) {
        return new JsonObject().put("url", e.url()).put("eventTypes", new JsonArray(new ArrayList<>(e.eventTypes())))
            .put("active", e.active());
    }
}
