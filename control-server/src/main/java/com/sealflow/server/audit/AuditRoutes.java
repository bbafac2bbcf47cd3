package com.sealflow.server.audit;

import com.sealflow.server.db.Database;
import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.Paging;
import com.sealflow.server.web.Replies;
import com.sealflow.server.web.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/audit} (filtered, paged, newest first) and {@code GET /api/audit/verify}: auditors and admins. */
public final class AuditRoutes implements ApiRoutes {

    private final AuditLog audit;
    private final Database db;

    public AuditRoutes(AuditLog audit) {
        this.audit = audit;
        this.db = audit.db();
    }

    @Override
    public void mount(Router router) {
        router.get("/api/audit").handler(Access.requireRole(Role.AUDITOR, Role.ADMIN)).handler(this::list);
        router.get("/api/audit/verify").handler(Access.requireRole(Role.AUDITOR, Role.ADMIN))
            .handler(ctx -> audit.verify().onSuccess(r -> Replies.ok(ctx, r.toJson())).onFailure(ctx::fail));
    }

    @Override
    public String openApiFragment() {
        return "openapi/audit.json";
    }

    private void list(RoutingContext ctx) {
        Paging paging = Paging.of(ctx);
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        filter(where, params, "actor", ctx.request().getParam("actor"));
        filter(where, params, "action", ctx.request().getParam("action"));
        filter(where, params, "object_type", ctx.request().getParam("objectType"));
        filter(where, params, "object_id", ctx.request().getParam("objectId"));
        Long from = Paging.longParam(ctx, "from");
        Long to = Paging.longParam(ctx, "to");
        if (from != null) {
            params.add(from);
            where.append(" AND at >= $").append(params.size());
        }
        if (to != null) {
            params.add(to);
            where.append(" AND at < $").append(params.size());
        }
        audit.sealed().compose(v -> db.execute("SELECT COUNT(*) AS n FROM audit_log" + where, params.toArray()))
            .compose(count -> db.execute("SELECT seq, at, actor, action, object_type, object_id, details, prev_hash, hash FROM audit_log"
                    + where + " ORDER BY seq DESC LIMIT " + paging.size() + " OFFSET " + paging.offset(), params.toArray())
                .map(rs -> {
                    JsonArray items = new JsonArray();
                    for (Row r : rs) {
                        items.add(toJson(r));
                    }
                    return paging.toJson(items, count.iterator().next().getLong("n"));
                }))
            .onSuccess(page -> Replies.ok(ctx, page))
            .onFailure(ctx::fail);
    }

    private static void filter(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            params.add(value.trim());
            where.append(" AND ").append(column).append(" = $").append(params.size());
        }
    }

    static JsonObject toJson(Row r) {
        return new JsonObject()
            .put("seq", r.getLong("seq"))
            .put("at", r.getLong("at"))
            .put("actor", r.getString("actor"))
            .put("action", r.getString("action"))
            .put("objectType", r.getString("object_type"))
            .put("objectId", r.getString("object_id"))
            .put("details", new JsonObject(r.getString("details")))
            .put("prevHash", r.getString("prev_hash"))
            .put("hash", r.getString("hash"));
    }
}
