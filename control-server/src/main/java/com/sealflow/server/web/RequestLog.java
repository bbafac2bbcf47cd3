package com.sealflow.server.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line per request, key=value so log tools can parse it: method, path, status, ms, user. */
public final class RequestLog implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger("http");

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addBodyEndHandler(v -> {
            long ms = (System.nanoTime() - start) / 1_000_000;
            String user = CurrentUser.find(ctx).map(CurrentUser::username).orElse("-");
            LOG.info("method={} path={} status={} ms={} user={}", ctx.request().method(), ctx.request().path(),
                ctx.response().getStatusCode(), ms, user);
        });
        ctx.next();
    }
}
