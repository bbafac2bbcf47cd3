package com.sealflow.server.web;

import com.sealflow.server.db.Ids;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: every error leaves as {@code application/problem+json}. Problems thrown on
 * purpose keep their status; bad input that Vert.x or the JSON layer detects becomes a 4xx; anything
 * else is a bug: a 500 whose body carries an id that is logged with the stack trace.
 */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /** For {@code router.route().failureHandler(...)} and {@code router.errorHandler(...)}. */
    public static void handle(RoutingContext ctx) {
        send(ctx, toProblem(ctx));
    }

    public static void send(RoutingContext ctx, ProblemException p) {
        HttpServerResponse res = ctx.response();
        if (res.ended()) {
            return;
        }
        if (res.headWritten()) {
            // a streamed response broke half way: nothing sensible can be sent, close it
            res.reset();
            return;
        }
        Idempotency.release(ctx).onComplete(x -> write(ctx, p));
    }

    private static void write(RoutingContext ctx, ProblemException p) {
        HttpServerResponse res = ctx.response();
        if (res.ended()) {
            return;
        }
        if (p.status() == 405) {
            res.putHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE");
        }
        if (p.status() == 503) {
            res.putHeader("Retry-After", "5");
        }
        res.setStatusCode(p.status())
            .putHeader("Content-Type", CONTENT_TYPE)
            .end(p.toJson(ctx.request().path()).encode());
    }

    static ProblemException toProblem(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ProblemException p) {
            return p;
        }
        if (failure != null && failure.getCause() instanceof ProblemException p) {
            return p;
        }
        if (failure instanceof DecodeException) {
            return new ProblemException(400, "malformed-json", "Malformed JSON", "the request body is not valid JSON");
        }
        if (isJsonTypeMismatch(failure)) {
            return new ProblemException(400, "wrong-type", "Wrong type", "a field of the request body has the wrong type");
        }
        int status = failure instanceof HttpException h ? h.getStatusCode() : ctx.statusCode();
        if (status >= 400 && status < 500) {
            return forStatus(status);
        }
        if (databaseUnavailable(failure)) {
            LOG.warn("database unavailable on {} {}: {}", ctx.request().method(), ctx.request().path(), failure.toString());
            return new ProblemException(503, "database-unavailable", "Service unavailable",
                "the database cannot be reached just now; nothing was changed, try again shortly");
        }
        String id = Ids.newId();
        LOG.error("unexpected failure {} on {} {}", id, ctx.request().method(), ctx.request().path(), failure);
        return new ProblemException(500, "internal", "Internal error",
            "an unexpected error occurred; quote id " + id + " when reporting it");
    }

    static ProblemException forStatus(int status) {
        return switch (status) {
            case 400 -> ProblemException.badRequest("the request could not be understood");
            case 401 -> ProblemException.unauthorized();
            case 403 -> ProblemException.forbidden("not allowed");
            case 404 -> new ProblemException(404, "not-found", "Not found", "no such resource");
            case 405 -> new ProblemException(405, "method-not-allowed", "Method not allowed", "this resource does not support the method");
            case 413 -> new ProblemException(413, "payload-too-large", "Payload too large", "the request body exceeds the size limit");
            case 415 -> new ProblemException(415, "unsupported-media-type", "Unsupported media type", "the content type is not accepted");
            default -> new ProblemException(status, "http-" + status, "HTTP " + status, null);
        };
    }

    /**
     * The database cannot be reached (refused or lost connection, a server starting or shutting down: SQLSTATE classes
     * 08 and 57P): the request is refused as a whole, so a 503 the client may retry, not an internal error.
     */
    static boolean databaseUnavailable(Throwable t) {
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException
                || t.getClass().getSimpleName().equals("ClosedConnectionException")) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code JsonObject.getString} on a number throws ClassCastException from inside the JSON classes:
     * that is a client sending the wrong type, not a bug. Any other ClassCastException stays a 500.
     */
    private static boolean isJsonTypeMismatch(Throwable t) {
        if (!(t instanceof ClassCastException)) {
            return false;
        }
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(3, st.length); i++) {
            String cls = st[i].getClassName();
            if (cls.equals(JsonObject.class.getName()) || cls.equals(io.vertx.core.json.JsonArray.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
