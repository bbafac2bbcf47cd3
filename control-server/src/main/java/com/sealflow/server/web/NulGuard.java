package com.sealflow.server.web;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * No identifier, query or JSON text of the API may hold a NUL character: PostgreSQL cannot store one in text and
 * fails the statement, which would surface as a 500. Such input is refused up front as a 400.
 */
final class NulGuard implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri != null && uri.toLowerCase(Locale.ROOT).contains("%00")) {
            ctx.fail(ProblemException.badRequest("NUL characters are not accepted in the URL"));
            return;
        }
        String type = ctx.request().getHeader("Content-Type");
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (body != null && type != null && type.toLowerCase(Locale.ROOT).contains("json") && body.toString().contains("\\u0000")) {
            ctx.fail(ProblemException.badRequest("NUL characters are not accepted in JSON text"));
            return;
        }
        ctx.next();
    }
}
