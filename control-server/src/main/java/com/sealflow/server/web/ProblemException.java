package com.sealflow.server.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An RFC 9457 problem a handler throws (or fails its future with) to answer with
 * {@code application/problem+json}. {@code type} is a stable slug: the URI is
 * {@code https://sealflow.dev/problems/<slug>}. Never used for bugs: those stay ordinary exceptions
 * and become a logged 500 with an id.
 */
public final class ProblemException extends RuntimeException {

    public static final String TYPE_BASE = "https://sealflow.dev/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final List<JsonObject> errors;

    /** One entry of {@code errors[]}: where (a field, a CSV row, a flow node) and what is wrong. */
    public record FieldError(String pointer, String message) {
        public JsonObject toJson() {
            return new JsonObject().put("pointer", pointer).put("message", message);
        }
    }

    public ProblemException(int status, String type, String title, String detail, List<FieldError> errors) {
        this(status, type, title, detail, errors == null ? null : new JsonArray(errors.stream().map(FieldError::toJson).toList()));
    }

    /** With free-form {@code errors[]} entries, e.g. {@code {nodeId, message}} for flow validation. */
    public ProblemException(int status, String type, String title, String detail, JsonArray errors) {
        super(detail == null ? title : detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : errors.stream().map(o -> (JsonObject) o).toList();
    }

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "Bad request", detail);
    }

    public static ProblemException invalidField(String field, String detail) {
        return new ProblemException(400, "invalid-field", "Invalid field", detail, List.of(new FieldError(field, detail)));
    }

    public static ProblemException unauthorized() {
        return new ProblemException(401, "unauthorized", "Authentication required", "log in or send a valid API token");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " not found");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    public static ProblemException validation(List<FieldError> errors) {
        return new ProblemException(422, "validation", "Validation failed",
            errors.size() + " problem(s) in the submitted data", errors);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String typeUri() {
        return TYPE_BASE + type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<JsonObject> errors() {
        return errors;
    }

    public JsonObject toJson(String instance) {
        JsonObject json = new JsonObject()
            .put("type", typeUri())
            .put("title", title)
            .put("status", status)
            .put("detail", detail());
        if (instance != null) {
            json.put("instance", instance);
        }
        if (!errors.isEmpty()) {
            JsonArray arr = new JsonArray();
            errors.forEach(arr::add);
            json.put("errors", arr);
        }
        return json;
    }

    /** Problems are expected outcomes: no stack trace to fill. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
