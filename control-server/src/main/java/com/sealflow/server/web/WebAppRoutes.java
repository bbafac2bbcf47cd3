package com.sealflow.server.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the web app that the Maven build puts under {@code webroot} on the classpath, with
 * history-mode fallback: any GET outside {@code /api/} that matches no file gets {@code index.html},
 * so deep links such as {@code /requests/42} survive a reload. Mount it after the API routes.
 *
 * <p>Caching: the build's content-hashed files under {@code /assets/} never change, so they are cached for a year
 * ({@code immutable}); {@code index.html} is revalidated on every load ({@code no-cache}), so a new release is
 * picked up at once. Compression: the build writes Brotli ({@code .br}) and gzip ({@code .gz}) copies of the
 * scripts and stylesheets; they are sent as they are, with {@code Content-Encoding}, to browsers that accept
 * them, so nothing is compressed at request time.
 */
public final class WebAppRoutes {

    /** Classpath directory the web build writes into (see control-server/web/vite.config.ts). */
    public static final String WEBROOT = "webroot";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    private static final Map<String, String> TYPES = Map.of(
        "js", "text/javascript; charset=utf-8",
        "mjs", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "svg", "image/svg+xml",
        "json", "application/json",
        "html", "text/html; charset=utf-8");

    private WebAppRoutes() {
    }

    public static void mount(Router router) {
        mount(router, WEBROOT);
    }

    /** Paths that belong to the server itself, never to the app (even if mounted first). */
    static final String NOT_APP = "(?!api/|api$|health|metrics)";

    public static void mount(Router router, String webroot) {
        Map<String, Boolean> present = new ConcurrentHashMap<>();
        router.getWithRegex("^/assets/[^/]+$").handler(ctx -> precompressed(ctx, webroot, present));
        router.routeWithRegex("^/" + NOT_APP + ".*").handler(ctx -> {
            HttpServerResponse res = ctx.response();
            boolean asset = ctx.normalizedPath().startsWith("/assets/");
            res.headersEndHandler(v -> {
                if (res.getStatusCode() == 200 || res.getStatusCode() == 304) {
                    String type = res.headers().get(HttpHeaders.CONTENT_TYPE);
                    if (asset) {
                        res.putHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE);
                    } else if (type != null && type.startsWith("text/html")) {
                        res.putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE);
                    }
                }
            });
            ctx.next();
        });
        router.routeWithRegex("^/" + NOT_APP + ".*").handler(StaticHandler.create(webroot).setIndexPage("index.html"));
        router.getWithRegex("^/" + NOT_APP + "[^.]*$").handler(ctx -> index(ctx, webroot));
    }

    /** Sends the Brotli or gzip copy of a built script or stylesheet when the browser takes it; else the plain file. */
    private static void precompressed(RoutingContext ctx, String webroot, Map<String, Boolean> present) {
        String name = ctx.normalizedPath().substring("/assets/".length());
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING);
        if (type == null || name.startsWith(".") || name.contains("..")) {
            ctx.next();
            return;
        }
        String file = webroot + "/assets/" + name;
        String encoding = null;
        if (accepts(accept, "br") && exists(file + ".br", present)) {
            encoding = "br";
        } else if (accepts(accept, "gzip") && exists(file + ".gz", present)) {
            encoding = "gzip";
        }
        ctx.response().putHeader(HttpHeaders.VARY, "Accept-Encoding");
        if (encoding == null) {
            ctx.next();
            return;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, type)
            .putHeader(HttpHeaders.CONTENT_ENCODING, encoding)
            .putHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE)
            .sendFile(file + ("br".equals(encoding) ? ".br" : ".gz"))
            .onFailure(e -> {
                if (!ctx.response().headWritten()) {
                    ctx.fail(e);
                }
            });
    }

    /** Whether an Accept-Encoding header lists the coding without {@code q=0}. */
    static boolean accepts(String acceptEncoding, String coding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            if (p[0].trim().equalsIgnoreCase(coding)) {
                for (int i = 1; i < p.length; i++) {
                    String param = p[i].trim().replace(" ", "");
                    if (param.matches("q=0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static boolean exists(String resource, Map<String, Boolean> present) {
        // like Vert.x's file resolver: a file under the working directory, else a classpath resource
        return present.computeIfAbsent(resource, r -> java.nio.file.Files.isRegularFile(java.nio.file.Path.of(r))
            || WebAppRoutes.class.getClassLoader().getResource(r) != null);
    }

    private static void index(RoutingContext ctx, String webroot) {
        ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", REVALIDATE)
                .sendFile(webroot + "/index.html")
                // a build without the web app has no index.html: answer 404 instead of never answering
                .onFailure(e -> ctx.fail(404));
    }
}
