package com.sealflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The steps of the stamping journey the end-to-end tests share, through real HTTP: apply for two stamps, approve as
 * each approver in turn, and at a demo-mode server's virtual device (the simulator's HTTP API) the custodian's PIN and
 * presses. Every wait polls until its condition holds and fails after the journey's patience.
 */
public final class Journey {

    private static final HttpClient SIM = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final TestServer server;
    private final Duration patience;

    public Journey(TestServer server, Duration patience) {
        this.server = server;
        this.patience = patience;
    }

    /** Polls until the condition holds (devices, uploads and archiving are asynchronous); fails after the patience. */
    public <T> T await(Supplier<T> read, Predicate<T> done) {
        return await(read, done, patience);
    }

    /** Polls until the condition holds; fails after {@code patience} with the last value read. */
    public static <T> T await(Supplier<T> read, Predicate<T> done, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("condition not reached in " + patience.toSeconds() + " s; last value: " + last);
    }

    /** A list endpoint's items, whether it answers a bare array or a page {@code {items, page, size, total}}. */
    public static JsonArray items(TestHttp.Res res) {
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.body().trim().startsWith("[") ? res.array() : res.json().getJsonArray("items");
    }

    /** The first seal the user sees that matches. */
    public static JsonObject seal(TestHttp user, Predicate<JsonObject> which) {
        return items(user.get("/api/seals")).stream().map(JsonObject.class::cast).filter(which).findFirst().orElseThrow();
    }

    /**
     * Submits a seal-use request for two copies of a financial statement (报送银行, amount 1000) with the seal, plus
     * any further fields; returns the request's id.
     */
    public static String applyForTwoStamps(TestHttp applicant, JsonObject seal, String documentName, JsonObject more) {
        JsonObject body = new JsonObject().put("type", "SEAL_USE")
            .put("sealIds", new JsonArray().add(seal.getString("id"))).put("documentType", "FINANCIAL_STATEMENT")
            .put("documentName", documentName).put("copies", 2).put("reason", "报送银行").put("amount", 1000)
            .put("form", new JsonObject()).put("fileIds", new JsonArray()).put("submit", true).mergeIn(more);
        TestHttp.Res created = applicant.post("/api/requests", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getString("id");
    }

    /** The user waits for their pending task on the request and approves it with the comment. */
    public void approve(String username, String requestId, String comment) {
        TestHttp approver = Servers.login(server, username, "sealflow");
        JsonObject task = await(() -> items(approver.get("/api/tasks?status=pending")),
            list -> list.stream().map(JsonObject.class::cast).anyMatch(t -> requestId.equals(t.getString("requestId"))))
            .stream().map(JsonObject.class::cast).filter(t -> requestId.equals(t.getString("requestId"))).findFirst().orElseThrow();
        TestHttp.Res res = approver.post("/api/tasks/" + task.getString("id") + "/approve", new JsonObject().put("comment", comment));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
    }

    /** At the armed virtual device the custodian enters the demo PIN (1234) and presses twice. */
    public void pinAndPressTwice(String deviceId) {
        String device = "/sim/devices/" + deviceId;
        sim("POST", device + "/auth", "{\"pin\":\"1234\"}");
        await(() -> sim("GET", device, null), d -> d.getInteger("remainingPresses", 0) == 2);
        sim("POST", device + "/press", "{}");
        await(() -> sim("GET", device, null), d -> d.getInteger("remainingPresses", 0) == 1);
        sim("POST", device + "/press", "{}");
    }

    /** One call to the demo devices' simulator API, which must answer 200; its JSON object, or empty. */
    public JsonObject sim(String method, String path, String json) {
        String base = "http://127.0.0.1:" + server.server.platform().config().simPort();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
            if (json != null) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            HttpResponse<String> res = SIM.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(path + ": " + res.body()).isEqualTo(200);
            return res.body().isBlank() || !res.body().trim().startsWith("{") ? new JsonObject() : new JsonObject(res.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
