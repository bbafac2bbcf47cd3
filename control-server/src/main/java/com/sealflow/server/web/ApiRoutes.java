package com.sealflow.server.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * What a feature module hands the platform: its routes (full paths, {@code /api/...}), optionally larger body
 * limits for its upload routes, and optionally an OpenAPI fragment (a classpath JSON resource with
 * {@code paths} and {@code components}) merged into {@code /api/openapi.json}.
 *
 * <p>By the time a module's handler runs, the platform has parsed the body (size-limited), resolved
 * {@link CurrentUser}, checked CSRF and claimed the {@code Idempotency-Key}. Guard routes with
 * {@link Access}, read bodies with {@link JsonBody}, answer with {@link Replies}, fail with
 * {@link ProblemException}.
 */
public interface ApiRoutes {

    void mount(Router router);

    /** A route that needs a different body size limit than the default (uploads). */
    record BodyLimit(HttpMethod method, String path, long maxBytes, boolean fileUploads) {
    }

    default List<BodyLimit> bodyLimits() {
        return List.of();
    }

    /** Classpath resource with this module's OpenAPI paths and schemas, e.g. {@code openapi/seal.json}. */
    default String openApiFragment() {
        return null;
    }
}
