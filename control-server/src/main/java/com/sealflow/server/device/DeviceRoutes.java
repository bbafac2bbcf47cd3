package com.sealflow.server.device;

import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.JsonBody;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Replies;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/devices...} for admins (DESIGN §8) and {@code POST /api/device/v1/enroll} for agents (DEVICE-CONTRACT).
 * Reading the fleet is open to seal admins, security staff and auditors; changing it to seal admins and admins.
 */
public final class DeviceRoutes implements ApiRoutes {

    private static final Role[] READERS = {Role.ADMIN, Role.SEAL_ADMIN, Role.SECURITY, Role.AUDITOR};
    private static final Role[] WRITERS = {Role.ADMIN, Role.SEAL_ADMIN};

    private final DeviceRegistry registry;
    private final DeviceCommands commands;

    public DeviceRoutes(DeviceRegistry registry, DeviceCommands commands) {
        this.registry = registry;
        this.commands = commands;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/devices").handler(Access.requireRole(READERS)).handler(ctx -> reply(ctx, 200,
            registry.list().map(list -> {
                JsonArray out = new JsonArray();
                list.forEach(d -> out.add(d.toJson()));
                return out;
            })));
        router.post("/api/devices").handler(Access.requireRole(WRITERS)).handler(this::create);
        router.get("/api/devices/:id").handler(Access.requireRole(READERS))
            .handler(ctx -> replyObject(ctx, 200, registry.get(ctx.pathParam("id")).map(Device::toJson)));
        router.post("/api/devices/:id/enrolment-code").handler(Access.requireRole(WRITERS))
            .handler(ctx -> replyObject(ctx, 201, registry.issueEnrolmentCode(ctx.pathParam("id"), actor(ctx)).map(EnrolmentCode::toJson)));
        router.post("/api/devices/:id/disable").handler(Access.requireRole(WRITERS))
            .handler(ctx -> replyObject(ctx, 200, registry.disable(ctx.pathParam("id"), actor(ctx)).map(Device::toJson)));
        router.post("/api/devices/:id/enable").handler(Access.requireRole(WRITERS))
            .handler(ctx -> replyObject(ctx, 200, registry.enable(ctx.pathParam("id"), actor(ctx)).map(Device::toJson)));
        router.post("/api/devices/:id/ping").handler(Access.requireRole(WRITERS)).handler(ctx -> replyObject(ctx, 202,
            registry.get(ctx.pathParam("id")).compose(d -> commands.ping(d.id()))
                .map(id -> new JsonObject().put("commandId", id))));
        router.post("/api/device-keys/rotate").handler(Access.requireRole(Role.ADMIN)).handler(ctx -> replyObject(ctx, 201,
            commands.rotateSigningKey().map(kid -> new JsonObject().put("kid", kid))));
        router.post("/api/device/v1/enroll").handler(this::enroll);
    }

    @Override
    public String openApiFragment() {
        return "openapi/device.json";
    }

    private void create(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        DeviceKind kind = parseKind(body.string("kind"));
        List<SealBinding> seals = new ArrayList<>();
        Object raw = body.json().getValue("seals");
        if (raw != null && !(raw instanceof JsonArray)) {
            throw ProblemException.invalidField("seals", "seals must be an array of {sealId, slot}");
        }
        if (raw instanceof JsonArray array) {
            for (Object o : array) {
                if (!(o instanceof JsonObject s) || !(s.getValue("sealId") instanceof String sealId)
                    || (s.getValue("slot") != null && !(s.getValue("slot") instanceof Integer))) {
                    throw ProblemException.invalidField("seals", "seals must be an array of {sealId, slot}");
                }
                seals.add(new SealBinding(sealId, s.getInteger("slot")));
            }
        }
        replyObject(ctx, 201, registry.create(new DeviceRegistry.NewDevice(body.optString("id"), body.string("serialNo"), kind,
            body.optString("location"), seals), actor(ctx)).map(Device::toJson));
    }

    private void enroll(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        replyObject(ctx, 200, registry.enroll(body.string("code"), body.string("publicKey"), body.optString("firmware")));
    }

    private static String actor(RoutingContext ctx) {
        return CurrentUser.of(ctx).id();
    }

    private static DeviceKind parseKind(String kind) {
        try {
            return DeviceKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("kind", "kind must be SEAL_DEVICE or CABINET");
        }
    }

    private static void replyObject(RoutingContext ctx, int status, Future<JsonObject> result) {
        result.onSuccess(json -> Replies.json(ctx, status, json)).onFailure(ctx::fail);
    }

    private static void reply(RoutingContext ctx, int status, Future<JsonArray> result) {
        result.onSuccess(json -> Replies.json(ctx, status, json)).onFailure(ctx::fail);
    }
}
