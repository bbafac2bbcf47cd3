package com.sealflow.simulator.http;

import com.sealflow.protocol.serial.AuthMethod;
import com.sealflow.protocol.serial.TamperKind;
import com.sealflow.simulator.camera.CameraMode;
import com.sealflow.simulator.camera.Paper;
import com.sealflow.simulator.camera.SimCamera;
import com.sealflow.simulator.device.Fleet;
import com.sealflow.simulator.device.VirtualDevice;
import com.sealflow.simulator.mcu.McuRefusedException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.function.BiConsumer;

/**
 * The simulator's control surface over HTTP (DESIGN §9): device state, the person-at-the-device
 * actions, the last photo, and the browser panels. Every error is problem+json.
 */
public final class ControlApi {

    private static final int BODY_LIMIT = 16 * 1024;

    private final Fleet fleet;

    public ControlApi(Fleet fleet) {
        this.fleet = fleet;
    }

    /** Starts an HTTP server on {@code port} (0 = any free port) serving {@link #router}. */
    public static HttpServer listen(Vertx vertx, Fleet fleet, String host, int port) {
        // Future.await() refuses Vert.x worker threads, where demo mode starts the simulator: block plainly.
        try {
            return vertx.createHttpServer().requestHandler(new ControlApi(fleet).router(vertx)).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the control API", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the control API did not start within 30 s", e);
        }
    }

    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().failureHandler(this::failure);
        router.get("/").handler(ctx -> ctx.redirect("/sim/"));
        router.get("/sim/").handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.response().sendFile("sim-web/index.html");
            } else {
                ctx.redirect("/sim/");
            }
        });
        router.get("/sim/panel/:id").handler(ctx -> withDevice(ctx, d -> ctx.response().sendFile("sim-web/panel.html")));
        router.route("/sim/assets/*").handler(StaticHandler.create("sim-web").setCachingEnabled(false));
        router.get("/sim/devices").handler(ctx -> json(ctx, 200, devices()));
        router.get("/sim/devices/:id").handler(ctx -> withDevice(ctx, d -> json(ctx, 200, d.view())));
        router.get("/sim/devices/:id/photo/last").handler(ctx -> withDevice(ctx, d -> photo(ctx, d)));
        router.post("/sim/devices/:id/*").handler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
        action(router, "auth", this::auth);
        action(router, "press", (d, body) -> d.press());
        action(router, "end-session", (d, body) -> d.endSession());
        action(router, "door", (d, body) -> d.door(Json.bool(body, "open")));
        action(router, "slot", (d, body) -> d.slot(Json.integer(body, "slot"), Json.bool(body, "present")));
        action(router, "tamper", (d, body) -> d.tamper(Json.enumValue(body, "kind", TamperKind.class, TamperKind.CASE_OPENED)));
        action(router, "power-cut", this::powerCut);
        action(router, "network", (d, body) -> d.network(Json.bool(body, "up")));
        action(router, "chaos", this::chaos);
        action(router, "camera", (d, body) -> d.camera().mode(Json.enumValue(body, "mode", CameraMode.class, null)));
        action(router, "paper", (d, body) -> d.camera().paper(Json.enumValue(body, "paper", Paper.class, null)));
        router.route("/sim/*").handler(ctx -> Problems.send(ctx, 404, "not-found", "Not found", "no such resource: "
                + ctx.request().method() + " " + ctx.request().path()));
        return router;
    }

    private JsonArray devices() {
        JsonArray list = new JsonArray();
        fleet.all().forEach(d -> list.add(d.view()));
        return list;
    }

    private void action(Router router, String name, BiConsumer<VirtualDevice, JsonObject> action) {
        router.post("/sim/devices/:id/" + name).handler(ctx -> withDevice(ctx, device -> {
            JsonObject body = body(ctx);
            action.accept(device, body);
            json(ctx, 200, device.view());
        }));
    }

    private void auth(VirtualDevice device, JsonObject body) {
        String pin = Json.optionalString(body, "pin");
        String badge = Json.optionalString(body, "badge");
        if ((pin == null) == (badge == null)) {
            throw new Problems.BadRequest("give exactly one of 'pin' (digits) and 'badge' (hex card id)");
        }
        if (pin != null && !pin.matches("[0-9]{1,16}")) {
            throw new Problems.BadRequest("'pin' must be 1 to 16 digits");
        }
        if (badge != null && !badge.matches("[0-9A-Fa-f]{1,64}")) {
            throw new Problems.BadRequest("'badge' must be 1 to 64 hex digits");
        }
        device.auth(pin != null ? AuthMethod.PIN : AuthMethod.BADGE, pin != null ? pin : badge.toUpperCase());
    }

    private void powerCut(VirtualDevice device, JsonObject body) {
        if (Json.optionalBool(body, "restore")) {
            device.powerRestore();
            return;
        }
        long restoreAfter = Json.optionalLong(body, "restoreAfterMs", 0);
        if (restoreAfter < 0 || restoreAfter > 3_600_000) {
            throw new Problems.BadRequest("'restoreAfterMs' must be 0 (stay off) to 3600000");
        }
        device.powerCut(restoreAfter);
    }

    /** {@code {serialNoiseBytes?, networkDelayMs?, networkDropRate?}}: disturb the line and the network. */
    private void chaos(VirtualDevice device, JsonObject body) {
        long noise = Json.optionalLong(body, "serialNoiseBytes", 0);
        long delay = Json.optionalLong(body, "networkDelayMs", -1);
        Object rate = body.getValue("networkDropRate");
        if (noise < 0 || noise > 4096 || delay > 60_000 || rate != null && !(rate instanceof Number)) {
            throw new Problems.BadRequest("serialNoiseBytes 0..4096, networkDelayMs 0..60000, networkDropRate 0..1");
        }
        double dropRate = rate == null ? 0 : ((Number) rate).doubleValue();
        if (dropRate < 0 || dropRate > 1) {
            throw new Problems.BadRequest("networkDropRate must be between 0 and 1");
        }
        device.mcu().injectNoise((int) noise);
        if (delay >= 0 || rate != null) {
            try {
                device.agent().networkChaos(Math.max(0, delay), dropRate);
            } catch (UnsupportedOperationException e) {
                throw new McuRefusedException(e.getMessage());
            }
        }
    }

    private static void photo(RoutingContext ctx, VirtualDevice device) {
        SimCamera.Photo photo = device.camera().last();
        if (photo == null) {
            Problems.send(ctx, 404, "no-photo", "No photo yet", device.id() + " has not taken a photo yet");
            return;
        }
        ctx.response().putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "no-store")
                .putHeader("X-Press-Counter", Long.toString(photo.pressCounter())).end(io.vertx.core.buffer.Buffer.buffer(photo.jpeg()));
    }

    private void withDevice(RoutingContext ctx, java.util.function.Consumer<VirtualDevice> then) {
        String id = ctx.pathParam("id");
        fleet.get(id).ifPresentOrElse(then,
                () -> Problems.send(ctx, 404, "device-not-found", "Unknown device", "no virtual device '" + id + "'"));
    }

    private static JsonObject body(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        var buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            return new JsonObject();
        }
        if (type != null && !type.toLowerCase().startsWith("application/json")) {
            throw new UnsupportedMedia(type);
        }
        try {
            Object parsed = io.vertx.core.json.Json.decodeValue(buffer);
            if (!(parsed instanceof JsonObject object)) {
                throw new Problems.BadRequest("the body must be a JSON object");
            }
            return object;
        } catch (DecodeException e) {
            throw new Problems.BadRequest("malformed JSON: " + e.getMessage());
        }
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(body instanceof JsonObject o ? o.encode() : ((JsonArray) body).encode());
    }

    private void failure(RoutingContext ctx) {
        Throwable error = ctx.failure();
        if (error instanceof Problems.BadRequest || error instanceof IllegalArgumentException) {
            Problems.send(ctx, 400, "bad-request", "Bad request", error.getMessage());
        } else if (error instanceof McuRefusedException) {
            Problems.send(ctx, 409, "device-state", "Not possible in the device's state", error.getMessage());
        } else if (error instanceof UnsupportedMedia) {
            Problems.send(ctx, 415, "unsupported-media-type", "Unsupported media type", "send application/json, not " + error.getMessage());
        } else if (ctx.statusCode() == 413) {
            Problems.send(ctx, 413, "too-large", "Body too large", "bodies are limited to " + BODY_LIMIT + " bytes");
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            Problems.send(ctx, ctx.statusCode(), "bad-request", "Bad request", String.valueOf(error));
        } else {
            Problems.send(ctx, 500, "internal", "Simulator error", String.valueOf(error));
        }
    }

    private static final class UnsupportedMedia extends RuntimeException {
        UnsupportedMedia(String type) {
            super(type);
        }
    }
}
