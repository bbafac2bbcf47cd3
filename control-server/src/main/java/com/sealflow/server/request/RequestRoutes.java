package com.sealflow.server.request;

import static com.sealflow.server.request.ApprovalProblems.guard;
import static com.sealflow.server.request.ApprovalProblems.reply;
import static com.sealflow.server.seal.HttpGlue.actor;

import com.sealflow.server.seal.Actor;
import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.JsonBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.BiFunction;

/** {@code /api/requests}: apply, follow, withdraw, urge, comment, resubmit; custodians complete handle tasks by hand. */
public final class RequestRoutes implements ApiRoutes {

    private final RequestService requests;
    private final RequestQueries queries;

    public RequestRoutes(RequestService requests, RequestQueries queries) {
        this.requests = requests;
        this.queries = queries;
    }

    @Override
    public void mount(Router r) {
        r.post("/api/requests").handler(Access.requireAuth()).handler(ctx -> guard(ctx, () ->
            reply(ctx, requests.create(actor(ctx), JsonBody.of(ctx).json()), 201, SealRequest::toJson)));
        r.get("/api/requests").handler(Access.requireAuth()).handler(ctx -> guard(ctx, () -> {
            int page = intParam(ctx.request().getParam("page"), "page", 1);
            int size = intParam(ctx.request().getParam("size"), "size", 20);
            reply(ctx, queries.list(actor(ctx), ctx.request().getParam("scope"), ctx.request().getParam("status"),
                ctx.request().getParam("q"), page, size), 200, j -> j);
        }));
        r.get("/api/requests/:id").handler(Access.requireAuth()).handler(ctx -> guard(ctx, () ->
            reply(ctx, queries.detail(actor(ctx), ctx.pathParam("id")), 200, j -> j)));
        r.patch("/api/requests/:id").handler(Access.requireAuth()).handler(ctx -> guard(ctx, () ->
            reply(ctx, requests.edit(actor(ctx), ctx.pathParam("id"), JsonBody.of(ctx).json()), 200, SealRequest::toJson)));
        action(r, "submit", requests::submit);
        action(r, "resubmit", requests::submit);
        action(r, "withdraw", requests::withdraw);
        action(r, "urge", requests::urge);
        r.post("/api/requests/:id/comments").handler(Access.requireAuth()).handler(ctx -> guard(ctx, () ->
            reply(ctx, requests.comment(actor(ctx), ctx.pathParam("id"), JsonBody.of(ctx).json()), 201, j -> j)));
        r.post("/api/requests/:id/handle").handler(Access.requireAuth()).handler(ctx -> guard(ctx, () -> {
            Actor me = actor(ctx);
            String id = ctx.pathParam("id");
            JsonObject body = JsonBody.of(ctx).json();
            reply(ctx, requests.access().visible(requests.db().pool(), me, id)
                .compose(seen -> requests.approvalEvents().handles().completeByCustodian(me, id, body))
                .compose(v -> queries.detail(me, id)), 200, j -> j);
        }));
    }

    @Override
    public String openApiFragment() {
        return "openapi/request.json";
    }

    private static int intParam(String raw, String name, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw com.sealflow.server.seal.DomainException.invalid(name, "must be an integer");
        }
    }

    private void action(Router r, String name, BiFunction<Actor, String, Future<SealRequest>> step) {
        r.post("/api/requests/:id/" + name).handler(Access.requireAuth()).handler(ctx -> guard(ctx, () ->
            reply(ctx, step.apply(actor(ctx), ctx.pathParam("id")), 200, SealRequest::toJson)));
    }
}
