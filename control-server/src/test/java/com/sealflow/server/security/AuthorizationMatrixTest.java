package com.sealflow.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.security.Matrix.Outcome;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every operation of {@code /api/openapi.json} × every kind of actor of the demo company (and anonymous), over real
 * HTTP with session cookie and CSRF header, on each dialect: the answer matches the role, ownership and department
 * rules, denials never tell a foreign object from a missing one, and no operation of the document is left out.
 */
class AuthorizationMatrixTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyOperationAnswersEveryActorByTheRules(Dialect dialect) {
        try (TestServer server = TestServer.start(dialect, Map.of("demo", "true"))) {
            MatrixFixture fixture = new MatrixFixture(server).build();
            List<String> actors = new ArrayList<>();
            actors.add(Matrix.ANON);
            actors.addAll(MatrixFixture.USERS);
            Matrix matrix = new Matrix(actors, fixture::as);
            for (Matrix.Row row : new MatrixRows(fixture).build()) {
                matrix.run(row);
            }
            for (String actor : actors) {
                Outcome want = Matrix.ANON.equals(actor) ? Outcome.UNAUTHENTICATED : Outcome.ALLOWED;
                matrix.record("POST /api/files", actor, want,
                    MatrixFixture.upload(fixture.as(actor), "m.pdf", "application/pdf", MatrixFixture.PDF));
                matrix.record("GET /api/events", actor, want, openStream(fixture.as(actor), "/api/events"));
                TestHttp fresh = Matrix.ANON.equals(actor) ? server.http()
                    : Servers.login(server, actor, actor.endsWith("adm") ? MatrixFixture.PASSWORD : "sealflow");
                fresh.get("/api/auth/csrf");
                matrix.record("POST /api/auth/logout", actor, Outcome.ALLOWED, fresh.post("/api/auth/logout", null));
            }

            JsonObject doc = fixture.as("admin").get("/api/openapi.json").json();
            Set<String> uncovered = documentedOperations(doc);
            uncovered.removeAll(matrix.ops());
            System.out.printf("authorisation matrix [%s]: %d operations x %d actors -> %d cells checked, %d violations%n",
                dialect, matrix.ops().size(), actors.size(), matrix.cells(), matrix.violations().size());
            matrix.violations().forEach(v -> System.out.println("  violation: " + v));
            assertThat(uncovered).as("documented operations the matrix does not cover").isEmpty();
            assertThat(matrix.violations()).isEmpty();
        }
    }

    static Set<String> documentedOperations(JsonObject doc) {
        Set<String> ops = new TreeSet<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                if (path.startsWith("/api/") && Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    ops.add(method.toUpperCase() + " " + path);
                }
            }
        }
        return ops;
    }

    /** A server-sent event stream never ends: take the status and headers, then hang up. */
    static TestHttp.Res openStream(TestHttp http, String path) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(http.cookies)
            .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(http.base + path)).timeout(Duration.ofSeconds(10))
            .header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<InputStream> res = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            String body = "";
            try (InputStream in = res.body()) {
                if (res.statusCode() >= 400) {
                    body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            return new TestHttp.Res(res.statusCode(), res.headers(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
