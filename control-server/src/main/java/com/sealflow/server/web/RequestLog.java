package com.sealflow.server.web;

import com.sealflow.server.db.PoolWaits;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request, key=value so log tools can parse it: method, path, status, ms, user, and {@code pool_ms}: how
 * long the request's statements waited for pooled database connections, in total, and {@code pool_turns}: how many
 * connections it took from the pools (see {@link PoolWaits}).
 */
public final class RequestLog implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger("http");

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        PoolWaits.Tally poolWait = PoolWaits.startTally();
        ctx.addBodyEndHandler(v -> {
            long ms = (System.nanoTime() - start) / 1_000_000;
            String user = CurrentUser.find(ctx).map(CurrentUser::username).orElse("-");
            String pool = poolWait == null ? "-" : tenthsOfMs(poolWait.nanos());
            String turns = poolWait == null ? "-" : Integer.toString(poolWait.turns());
            LOG.info("method={} path={} status={} ms={} user={} pool_ms={} pool_turns={}", ctx.request().method(),
                ctx.request().path(), ctx.response().getStatusCode(), ms, user, pool, turns);
        });
        ctx.next();
    }

    /** Nanoseconds as milliseconds with one decimal ("12.3"), without a {@code Formatter} per request. */
    static String tenthsOfMs(long nanos) {
        long tenths = Math.round(Math.max(0, nanos) / 1e5);
        return (tenths / 10) + "." + (tenths % 10);
    }
}
