package com.sealflow.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Platform;
import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Notifications are written with the action that causes them and pushed live only after it commits. */
class NotificationsTest {

    static final Servers SERVERS = Servers.demo();

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    private static String userId(TestHttp http) {
        return http.get("/api/me").json().getString("id");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void listMarkReadAndPrivacy(Dialect d) throws Exception {
        Platform p = SERVERS.get(d).server.platform();
        TestHttp wang = SERVERS.login(d, "wangwu");
        String wangId = userId(wang);
        p.db().inTransaction(tx -> p.notifications().notify(tx, wangId, "task.assigned", "待审批：用印申请", "张三 申请 合同专用章", "/tasks")
            .compose(x -> p.notifications().notify(tx, wangId, "request.approved", "已通过", null, "/requests/1")))
            .await(10, TimeUnit.SECONDS);
        JsonObject page = wang.get("/api/notifications").json();
        assertThat(page.getLong("total")).isEqualTo(2);
        assertThat(page.getLong("unread")).isEqualTo(2);
        JsonObject first = page.getJsonArray("items").getJsonObject(0);
        assertThat(first.fieldNames()).contains("id", "kind", "title", "body", "link", "createdAt", "readAt");

        TestHttp zhao = SERVERS.login(d, "zhaoliu");
        assertThat(zhao.post("/api/notifications/" + first.getString("id") + "/read", null).status()).isEqualTo(404);
        assertThat(zhao.get("/api/notifications").json().getLong("total")).isZero();

        assertThat(wang.post("/api/notifications/" + first.getString("id") + "/read", null).status()).isEqualTo(204);
        assertThat(wang.get("/api/notifications?unread=true").json().getLong("total")).isEqualTo(1);
        assertThat(wang.post("/api/notifications/read-all", null).json().getInteger("updated")).isEqualTo(1);
        assertThat(wang.get("/api/notifications").json().getLong("unread")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void eventsStreamPushesCommittedNotificationsAndLiveEvents(Dialect d) throws Exception {
        Platform p = SERVERS.get(d).server.platform();
        TestHttp qian = SERVERS.login(d, "qianqi");
        String qianId = userId(qian);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newBuilder().cookieHandler(qian.cookies).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(qian.base + "/api/events")).build();
        HttpResponse<Stream<String>> res = client.send(req, HttpResponse.BodyHandlers.ofLines());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread reader = new Thread(() -> res.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        assertThat(poll(lines, ": connected")).isTrue();

        // rolled back: neither stored nor pushed
        Future<String> doomed = p.db().inTransaction(tx -> p.notifications().notify(tx, qianId, "x", "rolled back", null, null)
            .compose(id -> Future.failedFuture("the action failed")));
        assertThat(doomed.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS)).isNotNull();

        p.db().inTransaction(tx -> p.notifications().notify(tx, qianId, "task.assigned", "财务审核", null, "/tasks"))
            .await(10, TimeUnit.SECONDS);
        assertThat(poll(lines, "event: notification")).isTrue();
        String data = lines.poll(5, TimeUnit.SECONDS);
        assertThat(data).startsWith("data: ").contains("财务审核").doesNotContain("rolled back");

        p.liveEvents().publish(qianId, "request.changed", new JsonObject().put("requestId", "r1"));
        assertThat(poll(lines, "event: request.changed")).isTrue();
        assertThat(lines.poll(5, TimeUnit.SECONDS)).isEqualTo("data: {\"requestId\":\"r1\"}");
        assertThat(qian.get("/api/notifications").json().getLong("total")).isEqualTo(1);
        res.body().close();
        assertThat(SERVERS.get(d).http().get("/api/events").status()).isEqualTo(401);
    }

    private static boolean poll(BlockingQueue<String> lines, String wanted) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            String l = lines.poll(200, TimeUnit.MILLISECONDS);
            if (wanted.equals(l)) {
                return true;
            }
        }
        return false;
    }
}
