package com.sealflow.server.request;

import static com.sealflow.server.request.JourneyTest.contract;
import static com.sealflow.server.request.JourneyTest.decide;
import static com.sealflow.server.request.JourneyTest.pendingTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Transfer, delegate and add signers through {@code /api/tasks}, and the done list. */
class TaskActionsTest {

    static final Apps APPS = new Apps();

    @AfterAll
    static void close() throws Exception {
        APPS.close();
    }

    static boolean hasPending(RequestApp app, String user, String requestId) {
        return app.as(user).get("/api/tasks?status=pending").json().getJsonArray("items").stream()
            .anyMatch(o -> requestId.equals(((JsonObject) o).getString("requestId")));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void addSignersDelegateAndTransferMoveTheWork(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        String id = app.as("zhangsan").post("/api/requests", contract(app, true)).json().getString("id");

        String lisiTask = pendingTask(app, "lisi", id);
        TestHttp.Res badPosition = app.as("lisi").post("/api/tasks/" + lisiTask + "/add-signers",
            new JsonObject().put("userIds", new JsonArray().add(app.id("liuyang"))).put("position", "SIDEWAYS"));
        assertThat(badPosition.status()).as(badPosition.body()).isEqualTo(422);
        assertThat(app.as("lisi").post("/api/tasks/" + lisiTask + "/add-signers", new JsonObject().put("position", "BEFORE")).status())
            .isEqualTo(422);
        decide(app, "lisi", id, "add-signers", new JsonObject().put("userIds", new JsonArray().add(app.id("liuyang")))
            .put("position", "BEFORE").put("comment", "请刘洋先看"));
        assertThat(hasPending(app, "liuyang", id)).isTrue();
        decide(app, "liuyang", id, "approve", null);
        assertThat(hasPending(app, "lisi", id)).isTrue();

        decide(app, "lisi", id, "delegate", new JsonObject().put("toUserId", app.id("chenyu")));
        assertThat(hasPending(app, "chenyu", id)).isTrue();
        decide(app, "chenyu", id, "approve", new JsonObject().put("comment", "技术上没问题"));
        assertThat(hasPending(app, "lisi", id)).isTrue();
        decide(app, "lisi", id, "approve", null);

        decide(app, "zhaoliu", id, "transfer", new JsonObject().put("toUserId", app.id("liuyang")));
        assertThat(hasPending(app, "zhaoliu", id)).isFalse();
        assertThat(hasPending(app, "liuyang", id)).isTrue();

        JsonArray done = app.as("lisi").get("/api/tasks?status=done").json().getJsonArray("items");
        assertThat(done.stream().anyMatch(o -> id.equals(((JsonObject) o).getString("requestId")))).isTrue();
        assertThat(app.as("lisi").get("/api/tasks?status=later").status()).isEqualTo(422);
        assertThat(app.as("lisi").get("/api/tasks?size=0").status()).isEqualTo(422);
    }
}
