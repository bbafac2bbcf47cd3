package com.sealflow.server.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the server's one {@link Router}. Order matters and is fixed here: request log and security headers
 * for everything; under {@code /api}: body (size-limited; uploads only where a module asks), caller,
 * CSRF, idempotency; then the modules' routes; then problem+json for every failure, 404 and 405.
 * Sessions are resolved from the database only on {@code /api} requests that carry a cookie or token,
 * so static files, health checks and metrics never create or load one.
 */
public final class ApiRouter {

    /** What the router needs from configuration. */
    public record Settings(long maxBodyBytes, Path uploadsDir, boolean secureCookies, boolean metrics) {
    }

    private ApiRouter() {
    }

    public static Router create(Vertx vertx, Settings settings, Authenticator authenticator, Idempotency idempotency,
                                Health health, List<ApiRoutes> modules) {
        Router router = Router.router(vertx);
        router.route().handler(new RequestLog()).handler(new SecurityHeaders(settings.secureCookies()));

        router.get("/health").handler(health::live);
        router.get("/health/ready").handler(health::ready);
        if (settings.metrics()) {
            router.get("/metrics").handler(PrometheusScrapingHandler.create());
        }

        for (ApiRoutes m : modules) {
            for (ApiRoutes.BodyLimit limit : m.bodyLimits()) {
                router.route(limit.method(), limit.path()).handler(BodyHandler.create(limit.fileUploads())
                    .setBodyLimit(limit.maxBytes())
                    .setUploadsDirectory(settings.uploadsDir().toString())
                    .setDeleteUploadedFilesOnEnd(true));
            }
        }
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
        router.route("/api/*").handler(new NulGuard());
        router.route("/api/*").handler(ctx -> authenticate(ctx, authenticator));
        router.route("/api/*").handler(new Csrf(settings.secureCookies()));
        router.route("/api/*").handler(idempotency);

        // built on the first request for it, not at start-up: only API clients and tools read it
        AtomicReference<String> openApiText = new AtomicReference<>();
        router.get("/api/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
            .end(openApiText.updateAndGet(text -> text != null ? text : OpenApi.build(modules).encodePrettily())));

        for (ApiRoutes m : modules) {
            m.mount(router);
        }
        // the web app (built into the jar under webroot/), after every API route so it never shadows one
        WebAppRoutes.mount(router);

        router.route().failureHandler(Problems::handle);
        router.errorHandler(404, Problems::handle);
        router.errorHandler(405, Problems::handle);
        router.errorHandler(413, Problems::handle);
        router.errorHandler(500, Problems::handle);
        return router;
    }

    private static void authenticate(RoutingContext ctx, Authenticator authenticator) {
        if (authenticator == null) {
            ctx.next();
            return;
        }
        authenticator.authenticate(ctx).onSuccess(user -> {
            if (user != null) {
                CurrentUser.set(ctx, user);
            }
            ctx.next();
        }).onFailure(ctx::fail);
    }
}
