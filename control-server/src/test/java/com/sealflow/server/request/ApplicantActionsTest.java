package com.sealflow.server.request;

import static com.sealflow.server.request.JourneyTest.contract;
import static com.sealflow.server.request.JourneyTest.decide;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Withdraw, urge, comment, return and resubmit, reject, drafts: what an applicant does after applying. */
class ApplicantActionsTest {

    static final Apps APPS = new Apps();

    @AfterAll
    static void close() throws Exception {
        APPS.close();
    }

    static String apply(RequestApp app, boolean submit) {
        TestHttp.Res res = app.as("zhangsan").post("/api/requests", contract(app, submit));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        return res.json().getString("id");
    }

    static JsonObject get(RequestApp app, String user, String id) {
        TestHttp.Res res = app.as(user).get("/api/requests/" + id);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void withdrawEndsTheRequestAndTakesTheTaskAway(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        String id = apply(app, true);
        TestHttp.Res res = app.as("zhangsan").post("/api/requests/" + id + "/withdraw", null);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().getString("status")).isEqualTo("WITHDRAWN");
        assertThat(app.as("lisi").get("/api/tasks?status=pending").json().getJsonArray("items").stream()
            .map(o -> ((JsonObject) o).getString("requestId"))).doesNotContain(id);
        assertThat(app.as("zhangsan").post("/api/requests/" + id + "/withdraw", null).status()).isEqualTo(409);
        assertThat(app.as("zhangsan").post("/api/requests/" + id + "/urge", null).status()).isEqualTo(409);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void urgingIsLimitedToOncePerHalfHour(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        String id = apply(app, true);
        TestHttp.Res first = app.as("zhangsan").post("/api/requests/" + id + "/urge", null);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        TestHttp.Res again = app.as("zhangsan").post("/api/requests/" + id + "/urge", null);
        assertThat(again.status()).as(again.body()).isEqualTo(429);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(app.as("lisi").post("/api/requests/" + id + "/urge", null).status()).isEqualTo(403);
        app.clock.advance(Duration.ofMinutes(31));
        assertThat(app.as("zhangsan").post("/api/requests/" + id + "/urge", null).status()).isEqualTo(200);
        List<String> kinds = get(app, "zhangsan", id).getJsonArray("timeline").stream()
            .map(o -> ((JsonObject) o).getString("kind")).toList();
        assertThat(kinds.stream().filter("URGED"::equals)).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void participantsCommentAuditorsOnlyRead(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        String id = apply(app, true);
        assertThat(app.as("zhangsan").post("/api/requests/" + id + "/comments", new JsonObject().put("text", "请尽快")).status())
            .isEqualTo(201);
        assertThat(app.as("lisi").post("/api/requests/" + id + "/comments", new JsonObject().put("comment", "收到")).status())
            .isEqualTo(201);
        assertThat(app.as("auditor").post("/api/requests/" + id + "/comments", new JsonObject().put("text", "x")).status())
            .isEqualTo(403);
        assertThat(app.as("chenyu").post("/api/requests/" + id + "/comments", new JsonObject().put("text", "x")).status())
            .isEqualTo(404);
        assertThat(app.as("zhangsan").post("/api/requests/" + id + "/comments", new JsonObject().put("text", "")).status())
            .isEqualTo(422);
        long comments = get(app, "auditor", id).getJsonArray("timeline").stream()
            .filter(o -> "COMMENT".equals(((JsonObject) o).getString("kind"))).count();
        assertThat(comments).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void returnedRequestIsEditedAndResubmitted(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        String id = apply(app, true);
        decide(app, "lisi", id, "return", new JsonObject().put("toNodeId", "start").put("comment", "份数不对"));
        assertThat(get(app, "zhangsan", id).getString("status")).isEqualTo("RETURNED");

        TestHttp.Res edited = app.as("zhangsan").patch("/api/requests/" + id, new JsonObject().put("copies", 3));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().getInteger("copies")).isEqualTo(3);
        assertThat(edited.json().getString("status")).isEqualTo("RETURNED");
        assertThat(app.as("lisi").patch("/api/requests/" + id, new JsonObject().put("copies", 4)).status()).isEqualTo(403);

        TestHttp.Res resubmitted = app.as("zhangsan").post("/api/requests/" + id + "/submit", null);
        assertThat(resubmitted.status()).as(resubmitted.body()).isEqualTo(200);
        assertThat(resubmitted.json().getString("status")).isEqualTo("IN_PROGRESS");
        decide(app, "lisi", id, "approve", null);
        JsonObject detail = get(app, "zhangsan", id);
        assertThat(detail.getJsonArray("currentNodes").stream().map(o -> ((JsonObject) o).getString("nodeId")))
            .contains("legal", "finance");
        // editing is over once it runs again
        assertThat(app.as("zhangsan").patch("/api/requests/" + id, new JsonObject().put("copies", 5)).status()).isEqualTo(409);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void rejectionEndsTheRequest(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        String id = apply(app, true);
        decide(app, "lisi", id, "reject", new JsonObject().put("comment", "不同意"));
        assertThat(get(app, "zhangsan", id).getString("status")).isEqualTo("REJECTED");
        assertThat(app.as("zhangsan").post("/api/requests/" + id + "/submit", null).status()).isEqualTo(409);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void draftIsSavedEditedThenSubmittedOrWithdrawn(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        String id = apply(app, false);
        JsonObject draft = get(app, "zhangsan", id);
        assertThat(draft.getString("status")).isEqualTo("DRAFT");
        assertThat(draft.getJsonArray("currentNodes")).isEmpty();
        assertThat(app.as("lisi").get("/api/requests/" + id).status()).isEqualTo(404);
        assertThat(app.as("zhangsan").patch("/api/requests/" + id, new JsonObject().put("documentName", "修订版合同")).status())
            .isEqualTo(200);
        TestHttp.Res submitted = app.as("zhangsan").post("/api/requests/" + id + "/submit", null);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.json().getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(submitted.json().getString("documentName")).isEqualTo("修订版合同");
        assertThat(app.as("zhangsan").post("/api/requests/" + id + "/submit", null).status()).isEqualTo(409);

        String other = apply(app, false);
        TestHttp.Res withdrawn = app.as("zhangsan").post("/api/requests/" + other + "/withdraw", null);
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().getString("status")).isEqualTo("WITHDRAWN");
    }
}
