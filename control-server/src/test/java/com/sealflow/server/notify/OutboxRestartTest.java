package com.sealflow.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The outbox survives a stop between commit and sending: a server that commits the action but never sends (its relay
 * is off, as if it died right after the commit) is stopped, a new server on the same database sends every delivery,
 * and a third one sends nothing again. The receiver sees each delivery id exactly once, GreenMail each message once.
 */
class OutboxRestartTest {

    private static Set<String> messageIds(NotifyStack stack) {
        return Arrays.stream(stack.mail.getReceivedMessages()).map(m -> {
            try {
                return m.getMessageID();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void deliveriesCommittedBeforeAStopAreSentOnceByTheNextServer(Dialect d) throws Exception {
        try (NotifyStack stack = new NotifyStack(d)) {
            String requestId;
            try (TestServer first = stack.start(false)) {
                TestHttp admin = NotifyStack.login(first, "admin");
                TestHttp.Res hook = admin.post("/api/webhooks", new JsonObject().put("url", stack.receiver.url())
                    .put("secret", WebhooksTest.SECRET).put("eventTypes", new JsonArray().add("request.submitted").add("task.created")));
                assertThat(hook.status()).as(hook.body()).isEqualTo(201);
                TestHttp zhang = NotifyStack.login(first, "zhangsan");
                TestHttp.Res created = zhang.post("/api/requests", NotifyStack.contract(zhang, 600_000));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                requestId = created.json().getString("id");
                JsonObject pending = admin.get("/api/notify/deliveries?status=PENDING").json();
                // request.submitted and task.created (lisi) to the endpoint, and lisi's e-mail
                assertThat(pending.getLong("total")).isEqualTo(3);
                Thread.sleep(1500);
                assertThat(stack.receiver.received).isEmpty();
                assertThat(stack.mail.getReceivedMessages()).isEmpty();
            }

            List<String> ids;
            try (TestServer second = stack.start(true)) {
                NotifyStack.await(() -> stack.receiver.received.size() == 2 && stack.mail.getReceivedMessages().length == 1,
                    "the deliveries after the restart");
                TestHttp admin = NotifyStack.login(second, "admin");
                NotifyStack.await(() -> admin.get("/api/notify/deliveries?status=DELIVERED").json().getLong("total") == 3, "the log");
                JsonArray log = admin.get("/api/notify/deliveries").json().getJsonArray("items");
                ids = log.stream().map(x -> ((JsonObject) x).getString("id")).toList();
                assertThat(log.stream().map(x -> ((JsonObject) x).getInteger("attempts"))).containsOnly(1);
                assertThat(stack.receiver.received.stream().map(WebhookReceiver.Received::event))
                    .containsExactlyInAnyOrder("request.submitted", "task.created");
                for (WebhookReceiver.Received r : stack.receiver.received) {
                    assertThat(ids).contains(r.deliveryId());
                    assertThat(WebhookSignature.verify(WebhooksTest.SECRET, r.timestamp(), r.body(), r.signature())).isTrue();
                    assertThat(new JsonObject(r.body()).getJsonObject("data").getString("requestId")).isEqualTo(requestId);
                }
                MimeMessage mail = stack.mail.getReceivedMessages()[0];
                String mailId = log.stream().map(JsonObject.class::cast).filter(x -> "MAIL".equals(x.getString("channel")))
                    .findFirst().orElseThrow().getString("id");
                assertThat(mail.getMessageID()).isEqualTo("<" + mailId + "@example.com>");
                assertThat(mail.getSubject()).startsWith("【印流】待审批：");
            }

            try (TestServer third = stack.start(true)) {
                Thread.sleep(2500); // two poll rounds
                assertThat(NotifyStack.login(third, "admin").get("/api/notify/deliveries?status=PENDING").json().getLong("total")).isZero();
            }
            assertThat(stack.receiver.received).hasSize(2);
            assertThat(stack.receiver.received.stream().map(WebhookReceiver.Received::deliveryId).distinct()).hasSize(2);
            assertThat(stack.mail.getReceivedMessages()).hasSize(1);
            assertThat(messageIds(stack)).hasSize(1);
        }
    }
}
