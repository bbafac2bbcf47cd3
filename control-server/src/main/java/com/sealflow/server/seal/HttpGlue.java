package com.sealflow.server.seal;

import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Replies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Between the platform's web layer and the seal and request modules: the caller as an {@link Actor}, domain
 * refusals as problem+json, and replies recorded for Idempotency-Key.
 */
public final class HttpGlue {

    private HttpGlue() {
    }

    public static Actor actor(RoutingContext ctx) {
        return actor(CurrentUser.of(ctx));
    }

    public static Actor actor(CurrentUser u) {
        return new Actor(u.id(), u.departmentId(), u.roles().stream().map(Enum::name).collect(Collectors.toSet()));
    }

    /** A {@link DomainException} as the platform's problem; anything else unchanged (a bug stays a 500). */
    public static Throwable problem(Throwable e) {
        if (e instanceof DomainException d) {
            JsonArray errors = new JsonArray();
            d.errors().forEach(x -> errors.add(x.copy().put("pointer", x.getString("field"))));
            return new ProblemException(d.status(), d.slug(), title(d.status()), d.getMessage(), errors.isEmpty() ? null : errors);
        }
        return e;
    }

    public static <T> void reply(RoutingContext ctx, Future<T> result, int status, Function<T, Object> body) {
        result.onSuccess(v -> {
            Object json = body.apply(v);
            if (json instanceof JsonArray a) {
                Replies.json(ctx, status, a);
            } else {
                Replies.json(ctx, status, (JsonObject) json);
            }
        }).onFailure(e -> ctx.fail(problem(e)));
    }

    /** Runs a handler body that may throw a domain refusal synchronously (input validation) as well as fail its future. */
    public static void guard(RoutingContext ctx, Runnable handler) {
        try {
            handler.run();
        } catch (DomainException e) {
            ctx.fail(problem(e));
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 422 -> "Validation failed";
            case 429 -> "Too many requests";
            default -> "Refused";
        };
    }
}
