package com.sealflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The newcomer's journey of the README's run command, through real HTTP, a real broker and the demo
 * company's virtual devices (simulated MCU over a pty or TCP + real edge agent): apply for the finance seal,
 * approve as department head and finance, the unlock reaches SD-01, the custodian enters the PIN and presses
 * twice, the presses arrive with photos and the request completes; security staff, the applicant and the custodian
 * can open the photos, other employees cannot.
 */
class DemoJourneyTest {

    static TestServer server;
    static HttpClient sim = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static String simBase;

    @BeforeAll
    static void start() {
        server = TestServer.start(Dialect.SQLITE, Map.of("demo", "true", "demo.devices", "true"));
        simBase = "http://127.0.0.1:" + server.server.platform().config().simPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void applyApproveStampAndReviewThePhotos() throws Exception {
        // the virtual devices enrol and connect in the background after start-up; no need to wait for them: an
        // unlock published before SD-01 subscribed is sent again when it announces itself ONLINE
        TestHttp applicant = Servers.login(server, "zhangsan", "sealflow");
        JsonObject financeSeal = items(applicant.get("/api/seals")).stream()
            .map(JsonObject.class::cast).filter(s -> "FINANCE".equals(s.getString("type"))).findFirst().orElseThrow();
        assertThat(financeSeal.getString("deviceId")).isEqualTo("SD-01");
        TestHttp.Res created = applicant.post("/api/requests", new JsonObject().put("type", "SEAL_USE")
            .put("sealIds", new JsonArray().add(financeSeal.getString("id"))).put("documentType", "FINANCIAL_STATEMENT")
            .put("documentName", "2026年三季度财务报表").put("copies", 2).put("reason", "报送银行").put("amount", 1000)
            .put("form", new JsonObject()).put("fileIds", new JsonArray()).put("submit", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String requestId = created.json().getString("id");

        approveMyTask("lisi", requestId);
        approveMyTask("qianqi", requestId);

        JsonObject armed = await(() -> applicant.get("/api/requests/" + requestId).json(),
            d -> d.getJsonArray("unlocks").size() == 1 && "ACCEPTED".equals(d.getJsonArray("unlocks").getJsonObject(0).getString("state")));
        assertThat(armed.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(simPost("/sim/devices/SD-01/auth", "{\"pin\":\"1234\"}")).isEqualTo(200);
        await(() -> simGet("/sim/devices/SD-01"), d -> d.getInteger("remainingPresses", 0) == 2);
        assertThat(simPost("/sim/devices/SD-01/press", "{}")).isEqualTo(200);
        await(() -> simGet("/sim/devices/SD-01"), d -> d.getInteger("remainingPresses", 0) == 1);
        assertThat(simPost("/sim/devices/SD-01/press", "{}")).isEqualTo(200);

        JsonObject done = await(() -> applicant.get("/api/requests/" + requestId).json(),
            d -> "COMPLETED".equals(d.getString("status")) && d.getJsonArray("presses").size() == 2
                && d.getJsonArray("presses").stream().map(JsonObject.class::cast).allMatch(p -> p.getString("photoSha256") != null));
        assertThat(done.getJsonArray("unlocks").getJsonObject(0).getString("state")).isEqualTo("DONE");

        TestHttp security = Servers.login(server, "anbao", "sealflow");
        String pressId = done.getJsonArray("presses").getJsonObject(0).getString("id");
        TestHttp.Res photo = await(() -> security.get("/api/evidence/" + pressId + "/photo"), r -> r.status() == 200);
        assertThat(photo.contentType()).startsWith("image/jpeg");
        // the applicant may see the proof that their document was stamped, and so may the seal's custodian
        TestHttp.Res own = applicant.get("/api/evidence/" + pressId + "/photo");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.contentType()).startsWith("image/jpeg");
        assertThat(Servers.login(server, "zhengyi", "sealflow").get("/api/evidence/" + pressId + "/photo").status()).isEqualTo(200);
        // anyone else: as if the press did not exist
        TestHttp.Res other = Servers.login(server, "zhaoliu", "sealflow").get("/api/evidence/" + pressId + "/photo");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.contentType()).startsWith("application/problem+json");
    }

    private static void approveMyTask(String username, String requestId) {
        TestHttp approver = Servers.login(server, username, "sealflow");
        JsonObject task = await(() -> items(approver.get("/api/tasks?status=pending")),
            list -> list.stream().map(JsonObject.class::cast).anyMatch(t -> requestId.equals(t.getString("requestId"))))
            .stream().map(JsonObject.class::cast)
            .filter(t -> requestId.equals(t.getString("requestId"))).findFirst().orElseThrow();
        TestHttp.Res res = approver.post("/api/tasks/" + task.getString("id") + "/approve", new JsonObject().put("comment", "同意"));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
    }

    /** A list endpoint's items, whether it answers a bare array or a page {@code {items, page, size, total}}. */
    private static JsonArray items(TestHttp.Res res) {
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.body().trim().startsWith("[") ? res.array() : res.json().getJsonArray("items");
    }

    private static JsonObject simGet(String path) {
        try {
            return new JsonObject(sim.send(HttpRequest.newBuilder(URI.create(simBase + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int simPost(String path, String json) throws Exception {
        return sim.send(HttpRequest.newBuilder(URI.create(simBase + path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Polls until the condition holds (devices and uploads are asynchronous); fails after 20 s with the last value. */
    private static <T> T await(Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
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
        throw new AssertionError("condition not reached in 20 s; last value: " + last);
    }
}
