package com.sealflow.server.request;

import com.sealflow.server.approval.ApprovalConflictException;
import com.sealflow.server.approval.ApprovalNotFoundException;
import com.sealflow.server.approval.ApprovalValidationException;
import com.sealflow.server.seal.HttpGlue;
import com.sealflow.server.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.function.Function;

/** The engine's typed failures and the domain's refusals as problem+json (404, 409, 422 with {@code errors[{nodeId, message}]}). */
public final class ApprovalProblems {

    private ApprovalProblems() {
    }

    public static Throwable problem(Throwable e) {
        if (e instanceof ApprovalNotFoundException) {
            return new ProblemException(404, "not-found", "Not found", e.getMessage());
        }
        if (e instanceof ApprovalConflictException c) {
            if (c.reason() == ApprovalConflictException.Reason.URGE_TOO_SOON) {
                return new ProblemException(429, "urge-too-soon", "Too many requests", e.getMessage());
            }
            if (c.reason() == ApprovalConflictException.Reason.WRONG_ACTOR) {
                return new ProblemException(403, "wrong-actor", "Forbidden", e.getMessage());
            }
            String slug = c.reason() == ApprovalConflictException.Reason.STALE_TASK ? "stale"
                : c.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
            return new ProblemException(409, slug, "Conflict", e.getMessage());
        }
        if (e instanceof ApprovalValidationException v) {
            JsonArray errors = new JsonArray();
            v.errors().forEach(x -> errors.add(new JsonObject().put("nodeId", x.nodeId()).put("message", x.message())));
            return new ProblemException(422, "validation", "Validation failed", e.getMessage(), errors);
        }
        return HttpGlue.problem(e);
    }

    public static <T> void reply(RoutingContext ctx, Future<T> result, int status, Function<T, Object> body) {
        result.onSuccess(v -> {
            Object json = body.apply(v);
            if (json instanceof JsonArray a) {
                com.sealflow.server.web.Replies.json(ctx, status, a);
            } else {
                com.sealflow.server.web.Replies.json(ctx, status, (JsonObject) json);
            }
        }).onFailure(e -> ctx.fail(problem(e)));
    }

    /** Runs a handler that may also refuse synchronously. */
    public static void guard(RoutingContext ctx, Runnable handler) {
        try {
            handler.run();
        } catch (RuntimeException e) {
            Throwable p = problem(e);
            if (p == e && !(e instanceof ProblemException)) {
                throw e;
            }
            ctx.fail(p);
        }
    }
}
