package com.sealflow.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Admin-configured endpoints receive signed events, retried with backoff, logged; an AUTO WEBHOOK node calls them. */
class WebhooksTest {

    static final String SECRET = "s3cret-for-the-erp-0123456789";

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void adminApiValidatesAndHidesTheSecret(Dialect d) throws Exception {
        try (NotifyStack stack = new NotifyStack(d); TestServer server = stack.start(true)) {
            TestHttp admin = NotifyStack.login(server, "admin");
            TestHttp zhang = NotifyStack.login(server, "zhangsan");
            JsonObject good = new JsonObject().put("url", stack.receiver.url()).put("eventTypes", new JsonArray().add("*"));
            assertThat(zhang.post("/api/webhooks", good).status()).isEqualTo(403);
            assertThat(zhang.get("/api/webhooks").status()).isEqualTo(403);

            TestHttp.Res bad = admin.post("/api/webhooks", new JsonObject().put("url", "ftp://x").put("eventTypes",
                new JsonArray().add("nope")).put("secret", "short"));
            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.contentType()).startsWith("application/problem+json");
            assertThat(bad.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")).toList())
                .contains("url", "eventTypes", "secret");
            assertThat(admin.post("/api/webhooks", new JsonObject().put("url", 5)).status()).isEqualTo(400);
            assertThat(admin.send("POST", "/api/webhooks", "{", "application/json").status()).isEqualTo(400);
            assertThat(admin.get("/api/webhooks/nope").status()).isEqualTo(404);
            assertThat(admin.get("/api/notify/deliveries?status=LOST").status()).isEqualTo(400);
            assertThat(admin.post("/api/notify/deliveries/nope/redeliver", new JsonObject()).status()).isEqualTo(404);

            TestHttp.Res created = admin.post("/api/webhooks", good);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String secret = created.json().getString("secret");
            assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
            String id = created.json().getString("id");
            JsonObject listed = admin.get("/api/webhooks").json().getJsonArray("items").getJsonObject(0);
            assertThat(listed.encode()).doesNotContain(secret);
            assertThat(listed.getString("secretHint")).isEqualTo("…" + secret.substring(secret.length() - 4));

            TestHttp.Res patched = admin.patch("/api/webhooks/" + id, new JsonObject().put("active", false).put("description", "ERP"));
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            assertThat(patched.json().getBoolean("active")).isFalse();
            assertThat(patched.json().getString("url")).isEqualTo(stack.receiver.url());
            assertThat(admin.delete("/api/webhooks/" + id).status()).isEqualTo(204);
            assertThat(admin.delete("/api/webhooks/" + id).status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void signedDeliveriesRetryWithBackoffAndTheFlowsWebhookNodeCallsOut(Dialect d) throws Exception {
        try (NotifyStack stack = new NotifyStack(d); TestServer server = stack.start(true)) {
            TestHttp admin = NotifyStack.login(server, "admin");
            String id = admin.post("/api/webhooks", new JsonObject().put("url", stack.receiver.url()).put("secret", SECRET)
                .put("eventTypes", new JsonArray().add("flow.webhook").add("request.rejected"))).json().getString("id");

            // ping: signed, with a stable delivery id and a timestamp
            String ping = admin.post("/api/webhooks/" + id + "/ping", new JsonObject()).json().getString("deliveryId");
            NotifyStack.await(() -> stack.receiver.received.size() == 1, "the ping");
            WebhookReceiver.Received r = stack.receiver.received.get(0);
            assertThat(r.deliveryId()).isEqualTo(ping);
            assertThat(r.event()).isEqualTo("ping");
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(Long.parseLong(r.timestamp())).isEqualTo(server.clock.millis() / 1000);
            assertThat(r.signature()).startsWith("v1=");
            assertThat(WebhookSignature.verify(SECRET, r.timestamp(), r.body(), r.signature())).isTrue();
            assertThat(WebhookSignature.verify("another-secret-0123456789", r.timestamp(), r.body(), r.signature())).isFalse();
            assertThat(WebhookSignature.verify(SECRET, r.timestamp(), r.body() + " ", r.signature())).isFalse();

            // the receiver fails once: the same delivery comes again after the backoff, and the log shows both attempts
            stack.receiver.failNext.set(1);
            String second = admin.post("/api/webhooks/" + id + "/ping", new JsonObject()).json().getString("deliveryId");
            NotifyStack.await(() -> stack.receiver.received.size() == 2, "the failing attempt");
            JsonObject pending = admin.get("/api/notify/deliveries/" + second).json();
            NotifyStack.await(() -> admin.get("/api/notify/deliveries/" + second).json().getInteger("attempts") == 1, "the log");
            pending = admin.get("/api/notify/deliveries/" + second).json();
            assertThat(pending.getString("status")).isEqualTo("PENDING");
            assertThat(pending.getInteger("lastStatus")).isEqualTo(500);
            assertThat(pending.getLong("nextAttemptAt")).isEqualTo(server.clock.millis() + 30_000);
            Thread.sleep(1500);
            assertThat(stack.receiver.received).hasSize(2); // not before the backoff
            server.clock.advance(Duration.ofSeconds(30));
            NotifyStack.await(() -> stack.receiver.received.size() == 3, "the retry");
            assertThat(stack.receiver.received.get(2).deliveryId()).isEqualTo(second);
            assertThat(stack.receiver.received.get(2).body()).isEqualTo(stack.receiver.received.get(1).body());
            NotifyStack.await(() -> "DELIVERED".equals(admin.get("/api/notify/deliveries/" + second).json().getString("status")),
                "the delivered state");
            JsonArray attempts = admin.get("/api/notify/deliveries/" + second).json().getJsonArray("attemptLog");
            assertThat(attempts).hasSize(2);
            assertThat(attempts.getJsonObject(0).getBoolean("ok")).isFalse();
            assertThat(attempts.getJsonObject(1).getInteger("status")).isEqualTo(204);
            assertThat(admin.post("/api/notify/deliveries/" + second + "/redeliver", new JsonObject()).status()).isEqualTo(409);

            // a flow with an AUTO WEBHOOK node after the department head: approving it calls the endpoint
            JsonObject flow = admin.get("/api/flows/seal-use").json();
            JsonObject dept = flow.getJsonObject("root").getJsonObject("next");
            assertThat(dept.getString("id")).isEqualTo("dept");
            dept.put("next", new JsonObject().put("id", "erp").put("type", "AUTO").put("name", "通知ERP").put("action", "WEBHOOK")
                .put("next", dept.getJsonObject("next")));
            assertThat(admin.put("/api/flows/seal-use/draft", flow).status()).isEqualTo(200);
            assertThat(admin.post("/api/flows/seal-use/publish", new JsonObject()).status()).isEqualTo(200);
            TestHttp zhang = NotifyStack.login(server, "zhangsan");
            String requestId = zhang.post("/api/requests", NotifyStack.contract(zhang, 600_000)).json().getString("id");
            Thread.sleep(1200);
            assertThat(stack.receiver.received).hasSize(3); // nothing subscribed fired yet
            TestHttp lisi = NotifyStack.login(server, "lisi");
            String task = lisi.get("/api/tasks?status=pending").json().getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(t -> requestId.equals(t.getString("requestId"))).findFirst().orElseThrow().getString("id");
            assertThat(lisi.post("/api/tasks/" + task + "/approve", new JsonObject()).status()).isEqualTo(200);
            NotifyStack.await(() -> stack.receiver.received.size() == 4, "the flow's webhook");
            WebhookReceiver.Received auto = stack.receiver.received.get(3);
            assertThat(auto.event()).isEqualTo("flow.webhook");
            assertThat(WebhookSignature.verify(SECRET, auto.timestamp(), auto.body(), auto.signature())).isTrue();
            JsonObject body = new JsonObject(auto.body());
            assertThat(body.getString("type")).isEqualTo("flow.webhook");
            assertThat(body.getJsonObject("data").getString("nodeId")).isEqualTo("erp");
            assertThat(body.getJsonObject("data").getJsonObject("request").getString("id")).isEqualTo(requestId);
            assertThat(body.getJsonObject("data").getJsonObject("request").getString("amount")).isEqualTo("600000");
            assertThat(body.getJsonObject("data").getJsonObject("request").getString("flowKey")).isEqualTo("seal-use");
            JsonObject detail = zhang.get("/api/requests/" + requestId).json();
            assertThat(detail.getJsonArray("currentNodes").stream().map(n -> ((JsonObject) n).getString("nodeId")).toList())
                .containsExactlyInAnyOrder("legal", "finance");

            JsonObject log = admin.get("/api/webhooks/" + id + "/deliveries").json();
            assertThat(log.getLong("total")).isEqualTo(3);
            List<String> events = log.getJsonArray("items").stream().map(x -> ((JsonObject) x).getString("eventType")).toList();
            assertThat(events).containsExactly("flow.webhook", "ping", "ping");
            assertThat(stack.receiver.accepted().stream().map(WebhookReceiver.Received::deliveryId).distinct()).hasSize(3);
        }
    }
}
