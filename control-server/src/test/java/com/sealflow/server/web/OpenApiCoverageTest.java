package com.sealflow.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/openapi.json} describes every route the server really mounts (walked from the live router), documents
 * nothing that is not mounted, gives every operation that reads a body a request-body schema, and has no dangling
 * {@code $ref}. A new route therefore fails the build until it is documented.
 */
class OpenApiCoverageTest {

    /** Mutations that read no body (the document says so in their summary); everything else must describe its body. */
    static final Set<String> BODYLESS = Set.of(
        "POST /api/auth/logout", "POST /api/flows/{key}/publish",
        "POST /api/seals/{id}/suspend", "POST /api/seals/{id}/resume", "POST /api/seals/{id}/report-lost", "POST /api/seals/{id}/destroy",
        "POST /api/requests/{id}/submit", "POST /api/requests/{id}/resubmit", "POST /api/requests/{id}/withdraw",
        "POST /api/requests/{id}/urge", "POST /api/notifications/{id}/read", "POST /api/notifications/read-all",
        "POST /api/devices/{id}/enrolment-code", "POST /api/devices/{id}/disable", "POST /api/devices/{id}/enable",
        "POST /api/devices/{id}/ping", "POST /api/device-keys/rotate", "POST /api/archive/export",
        "POST /api/webhooks/{id}/ping", "POST /api/notify/deliveries/{id}/redeliver");

    static TestServer server;
    static JsonObject doc;

    @BeforeAll
    static void start() {
        server = TestServer.start(Dialect.SQLITE);
        doc = server.http().get("/api/openapi.json").json();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The mounted {@code /api} operations as {@code "METHOD /api/path/{param}"}. */
    static Set<String> mountedOperations(List<Route> routes) {
        Set<String> ops = new TreeSet<>();
        for (Route r : routes) {
            String path = r.getPath();
            if (path == null || !path.startsWith("/api/") || r.methods() == null || r.methods().isEmpty()) {
                continue;
            }
            String templ = path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
            for (HttpMethod m : r.methods()) {
                ops.add(m.name() + " " + templ);
            }
        }
        return ops;
    }

    /** The documented {@code /api} operations. */
    static Set<String> documentedOperations(JsonObject doc) {
        Set<String> ops = new TreeSet<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            if (!path.startsWith("/api/")) {
                continue;
            }
            for (String method : paths.getJsonObject(path).fieldNames()) {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    ops.add(method.toUpperCase() + " " + path);
                }
            }
        }
        return ops;
    }

    @Test
    void everyMountedRouteIsDocumentedAndNothingElse() {
        Set<String> mounted = mountedOperations(server.server.router().getRoutes());
        Set<String> documented = documentedOperations(doc);
        System.out.println("OpenAPI coverage: " + mounted.size() + " mounted /api operations, " + documented.size() + " documented");
        assertThat(mounted).as("sanity: the walk finds the routes").contains("GET /api/me", "POST /api/device/v1/enroll",
            "PUT /api/device/v1/snapshots/{eventId}", "GET /api/devices/{id}/events");
        Set<String> undocumented = new TreeSet<>(mounted);
        undocumented.removeAll(documented);
        assertThat(undocumented).as("mounted but missing from /api/openapi.json").isEmpty();
        Set<String> phantom = new TreeSet<>(documented);
        phantom.removeAll(mounted);
        assertThat(phantom).as("documented but not mounted").isEmpty();
    }

    @Test
    void everyOperationThatReadsABodyDescribesIt() {
        List<String> missing = new ArrayList<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String op : documentedOperations(doc)) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1);
            if (!Set.of("POST", "PUT", "PATCH").contains(method) || BODYLESS.contains(op)) {
                continue;
            }
            JsonObject body = paths.getJsonObject(path).getJsonObject(method.toLowerCase()).getJsonObject("requestBody");
            JsonObject content = body == null ? null : body.getJsonObject("content");
            boolean described = content != null && !content.isEmpty()
                && content.stream().allMatch(e -> ((JsonObject) e.getValue()).getValue("schema") instanceof JsonObject);
            if (!described) {
                missing.add(op);
            }
        }
        assertThat(missing).as("operations without a request body schema").isEmpty();
        assertThat(BODYLESS).as("every bodyless exception is a real operation").allMatch(documentedOperations(doc)::contains);
    }

    @Test
    void everyReferenceResolves() {
        List<String> dangling = new ArrayList<>();
        collectRefs(doc, dangling);
        assertThat(dangling).isEmpty();
    }

    private static void collectRefs(Object node, List<String> dangling) {
        if (node instanceof JsonObject o) {
            if (o.getValue("$ref") instanceof String ref && resolve(ref) == null) {
                dangling.add(ref);
            }
            o.forEach(e -> collectRefs(e.getValue(), dangling));
        } else if (node instanceof JsonArray a) {
            a.forEach(v -> collectRefs(v, dangling));
        }
    }

    static Object resolve(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        Object at = doc;
        for (String part : ref.substring(2).split("/")) {
            at = at instanceof JsonObject o ? o.getValue(part.replace("~1", "/").replace("~0", "~")) : null;
        }
        return at;
    }
}
