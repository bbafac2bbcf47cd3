package com.sealflow.server.seal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A refusal the domain explains to the caller: rendered by the HTTP layer as problem+json with the stable
 * type {@code https://sealflow.dev/problems/<slug>}. Used by the seal and request modules, which keep their
 * rules free of HTTP types.
 */
public final class DomainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String slug;
    private final transient List<JsonObject> errors;

    public DomainException(int status, String slug, String detail) {
        this(status, slug, detail, List.of());
    }

    public DomainException(int status, String slug, String detail, List<JsonObject> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.errors = List.copyOf(errors);
    }

    public static DomainException notFound(String what) {
        return new DomainException(404, "not-found", what + " not found");
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(403, "forbidden", detail);
    }

    public static DomainException conflict(String slug, String detail) {
        return new DomainException(409, slug, detail);
    }

    /** 422 with one entry per offending field: {@code {field, message}}. */
    public static DomainException invalid(List<JsonObject> errors) {
        return new DomainException(422, "validation", "the request has invalid fields", errors);
    }

    public static DomainException invalid(String field, String message) {
        return invalid(List.of(fieldError(field, message)));
    }

    public static JsonObject fieldError(String field, String message) {
        return new JsonObject().put("field", field).put("message", message);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public List<JsonObject> errors() {
        return errors;
    }

    public JsonObject toJson() {
        JsonObject body = new JsonObject()
            .put("type", "https://sealflow.dev/problems/" + slug)
            .put("title", slug.replace('-', ' '))
            .put("status", status)
            .put("detail", getMessage());
        if (!errors.isEmpty()) {
            body.put("errors", new JsonArray(List.copyOf(errors)));
        }
        return body;
    }
}
