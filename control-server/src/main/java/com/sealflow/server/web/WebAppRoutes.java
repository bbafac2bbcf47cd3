package com.sealflow.server.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
  * Serves the web app that the Maven build puts under {@code webroot} on the classpath, with
  * history-mode fallback: any GET outside {@code /api/} that matches no file gets {@code index.html},
  * so deep links such as {@code /requests/42} survive a reload. Mount it after the API routes.
  */
public final class WebAppRoutes {

    /** Classpath directory the web build writes into (see control-server/web/vite.config.ts). */
    public static final String WEBROOT = "webroot";

    private WebAppRoutes() {
    }

    public static void mount(Router router) {
        mount(router, WEBROOT);
    }

    /** Paths that belong to the server itself, never to the app (even if mounted first). */
    static final String NOT_APP = "(?!api/|api$|health|metrics)";

    public static void mount(Router router, String webroot) {
        router.routeWithRegex("^/" + NOT_APP + ".*").handler(StaticHandler.create(webroot).setIndexPage("index.html"));
        router.getWithRegex("^/" + NOT_APP + "[^.]*$").handler(ctx -> index(ctx, webroot));
    }

    private static void index(RoutingContext ctx, String webroot) {
        ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .sendFile(webroot + "/index.html")
                // a build without the web app has no index.html: answer 404 instead of never answering
                .onFailure(e -> ctx.fail(404));
    }
}
