package com.sealflow.server.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Route guards: {@code router.get("/x").handler(Access.requireRole(Role.ADMIN)).handler(...)}. Inside a
 * handler, {@link #check(RoutingContext, Role...)} does the same and returns the caller.
 */
public final class Access {

    private Access() {
    }

    public static Handler<RoutingContext> requireAuth() {
        return ctx -> {
            CurrentUser.of(ctx);
            ctx.next();
        };
    }

    /** The caller must hold at least one of the roles (ADMIN does not imply others: list it if meant). */
    public static Handler<RoutingContext> requireRole(Role... anyOf) {
        return ctx -> {
            check(ctx, anyOf);
            ctx.next();
        };
    }

    public static CurrentUser check(RoutingContext ctx, Role... anyOf) {
        CurrentUser user = CurrentUser.of(ctx);
        if (anyOf.length > 0 && !user.hasAnyRole(anyOf)) {
            throw ProblemException.forbidden("requires one of the roles "
                + Arrays.stream(anyOf).map(Enum::name).collect(Collectors.joining(", ")));
        }
        return user;
    }
}
