package com.sealflow.server.web;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /api/openapi.json}: the platform's hand-written {@code openapi.json} plus each module's fragment
 * ({@link ApiRoutes#openApiFragment()}), merged once at start so modules never edit the same file.
 */
final class OpenApi {

    private OpenApi() {
    }

    static JsonObject build(List<ApiRoutes> modules) {
        JsonObject doc = load("openapi.json");
        JsonObject paths = doc.getJsonObject("paths", new JsonObject());
        JsonObject schemas = doc.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
        for (ApiRoutes m : modules) {
            String name = m.openApiFragment();
            if (name == null) {
                continue;
            }
            JsonObject frag = load(name);
            frag.getJsonObject("paths", new JsonObject()).forEach(e -> paths.put(e.getKey(), e.getValue()));
            JsonObject comps = frag.getJsonObject("components", new JsonObject());
            comps.getJsonObject("schemas", new JsonObject()).forEach(e -> schemas.put(e.getKey(), e.getValue()));
        }
        doc.put("paths", paths);
        doc.put("components", doc.getJsonObject("components", new JsonObject()).put("schemas", schemas));
        return doc;
    }

    private static JsonObject load(String resource) {
        try (InputStream in = OpenApi.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing OpenAPI resource " + resource);
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
