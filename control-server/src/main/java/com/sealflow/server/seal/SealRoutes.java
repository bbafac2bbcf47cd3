package com.sealflow.server.seal;

import static com.sealflow.server.seal.HttpGlue.actor;
import static com.sealflow.server.seal.HttpGlue.guard;
import static com.sealflow.server.seal.HttpGlue.reply;

import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.JsonBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiFunction;

/** {@code /api/seals}: everyone logged in reads the registry (to apply); seal admins change it. */
public final class SealRoutes implements ApiRoutes {

    private final SealService seals;

    public SealRoutes(SealService seals) {
        this.seals = seals;
    }

    @Override
    public void mount(Router r) {
        r.get("/api/seals").handler(Access.requireAuth()).handler(this::list);
        r.post("/api/seals").handler(Access.requireAuth()).handler(ctx -> guard(ctx, () ->
            reply(ctx, seals.register(actor(ctx), JsonBody.of(ctx).json()), 201, Seal::toJson)));
        r.get("/api/seals/:id").handler(Access.requireAuth()).handler(ctx ->
            reply(ctx, seals.get(actor(ctx), ctx.pathParam("id")), 200, Seal::toJson));
        r.patch("/api/seals/:id").handler(Access.requireAuth()).handler(ctx -> guard(ctx, () ->
            reply(ctx, seals.update(actor(ctx), ctx.pathParam("id"), JsonBody.of(ctx).json()), 200, Seal::toJson)));
        action(r, "suspend", seals::suspend);
        action(r, "resume", seals::resume);
        action(r, "report-lost", seals::reportLost);
        action(r, "destroy", seals::destroy);
    }

    @Override
    public String openApiFragment() {
        return "openapi/seal.json";
    }

    private void action(Router r, String name, BiFunction<Actor, String, Future<Seal>> step) {
        r.post("/api/seals/:id/" + name).handler(Access.requireAuth()).handler(ctx -> guard(ctx, () ->
            reply(ctx, step.apply(actor(ctx), ctx.pathParam("id")), 200, Seal::toJson)));
    }

    private void list(RoutingContext ctx) {
        guard(ctx, () -> {
            Fields f = new Fields(new io.vertx.core.json.JsonObject()
                .put("status", ctx.request().getParam("status")).put("type", ctx.request().getParam("type")));
            SealStatus status = f.enumValue("status", SealStatus.class, false);
            SealType type = f.enumValue("type", SealType.class, false);
            f.check();
            String q = ctx.request().getParam("q");
            reply(ctx, seals.list(actor(ctx), status, type, ctx.request().getParam("custodianId"),
                q == null || q.isBlank() ? null : q.strip()), 200, l -> new JsonArray(l.stream().map(Seal::toJson).toList()));
        });
    }
}
