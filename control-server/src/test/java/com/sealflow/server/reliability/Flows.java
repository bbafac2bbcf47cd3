package com.sealflow.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The demo organisation's approval journey over real HTTP, and polling, for the reliability tests. */
final class Flows {

    private Flows() {
    }

    /** zhangsan applies for {@code copies} impressions of the seal on {@code deviceId}; returns the request id. */
    static String apply(TestHttp applicant, String deviceId, int copies) {
        JsonObject seal = items(applicant.get("/api/seals")).stream().map(JsonObject.class::cast)
            .filter(s -> deviceId.equals(s.getString("deviceId"))).findFirst().orElseThrow();
        TestHttp.Res created = applicant.post("/api/requests", new JsonObject().put("type", "SEAL_USE")
            .put("sealIds", new JsonArray().add(seal.getString("id"))).put("documentType", "FINANCIAL_STATEMENT")
            .put("documentName", "Quarterly statement").put("copies", copies).put("reason", "bank").put("amount", 1000)
            .put("form", new JsonObject()).put("fileIds", new JsonArray()).put("submit", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getString("id");
    }

    /** The demo flow for a seal device: lisi, then qianqi approve. */
    static void approve(TestServer server, String requestId) {
        approveMyTask(server, "lisi", requestId);
        approveMyTask(server, "qianqi", requestId);
    }

    static void approveMyTask(TestServer server, String username, String requestId) {
        TestHttp approver = Servers.login(server, username, "sealflow");
        JsonObject task = await(() -> items(approver.get("/api/tasks?status=pending")),
            list -> list.stream().map(JsonObject.class::cast).anyMatch(t -> requestId.equals(t.getString("requestId"))), 60)
            .stream().map(JsonObject.class::cast).filter(t -> requestId.equals(t.getString("requestId"))).findFirst().orElseThrow();
        TestHttp.Res res = approver.post("/api/tasks/" + task.getString("id") + "/approve", new JsonObject().put("comment", "ok"));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
    }

    /** A list endpoint's items, whether it answers a bare array or a page. */
    static JsonArray items(TestHttp.Res res) {
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.body().trim().startsWith("[") ? res.array() : res.json().getJsonArray("items");
    }

    /** Polls until the condition holds; fails after {@code seconds} with the last value. Exceptions count as not yet. */
    static <T> T await(Supplier<T> read, Predicate<T> done, int seconds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = read.get();
                last = value;
                if (done.test(value)) {
                    return value;
                }
            } catch (RuntimeException | AssertionError notYet) {
                last = notYet;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("condition not reached in " + seconds + " s; last value: " + last);
    }
}
