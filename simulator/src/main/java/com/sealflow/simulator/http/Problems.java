package com.sealflow.simulator.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem details with the project's stable type URIs. */
final class Problems {

    private Problems() {
    }

    static void send(RoutingContext ctx, int status, String slug, String title, String detail) {
        JsonObject body = new JsonObject()
                .put("type", "https://sealflow.dev/problems/" + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", ctx.request().path());
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body.encode());
    }

    /** A request the client got wrong: the message says what. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
