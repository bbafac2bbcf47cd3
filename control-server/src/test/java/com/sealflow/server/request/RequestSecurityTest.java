package com.sealflow.server.request;

import static com.sealflow.server.request.JourneyTest.contract;
import static com.sealflow.server.request.JourneyTest.decide;
import static com.sealflow.server.request.JourneyTest.pendingTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The authorisation matrix, bad input and Idempotency-Key over the request, flow and task endpoints. */
class RequestSecurityTest {

    static final Apps APPS = new Apps();

    @AfterAll
    static void close() throws Exception {
        APPS.close();
    }

    static long total(RequestApp app) {
        return app.as("auditor").get("/api/requests?scope=all&size=1").json().getLong("total");
    }

    static boolean listed(RequestApp app, String user, String scope, String id) {
        TestHttp.Res res = app.as(user).get("/api/requests?scope=" + scope + "&size=200");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json().getJsonArray("items").stream().anyMatch(o -> id.equals(((JsonObject) o).getString("id")));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void whoSeesAndWhoActsOnARequest(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        String id = app.as("zhangsan").post("/api/requests", contract(app, true)).json().getString("id");
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("zhangsan", 200); // applicant
        expected.put("lisi", 200); // assigned approver
        expected.put("wushi", 200); // custodian of the seal
        expected.put("auditor", 200);
        expected.put("admin", 200);
        expected.put("chenyu", 404); // another department's employee
        expected.put("liuyang", 404); // another department's head
        expected.put("wangwu", 404); // legal, not reached yet
        expected.put("zhengyi", 404); // another seal's custodian
        expected.put("anbao", 404);
        expected.forEach((user, status) -> assertThat(app.as(user).get("/api/requests/" + id).status()).as(user).isEqualTo(status));

        decide(app, "lisi", id, "approve", null);
        assertThat(app.as("wangwu").get("/api/requests/" + id).status()).isEqualTo(200);
        assertThat(listed(app, "lisi", "done", id)).isTrue();
        assertThat(listed(app, "lisi", "mine", id)).isFalse();
        assertThat(listed(app, "zhaoliu", "todo", id)).isTrue();
        assertThat(listed(app, "wushi", "seals", id)).isTrue();
        assertThat(listed(app, "zhengyi", "seals", id)).isFalse();
        assertThat(listed(app, "auditor", "all", id)).isTrue();
        assertThat(app.as("zhangsan").get("/api/requests?scope=all").status()).isEqualTo(403);
        assertThat(app.as("lisi").get("/api/requests?scope=all").status()).isEqualTo(403);

        assertThat(app.as("lisi").post("/api/requests/" + id + "/withdraw", null).status()).isEqualTo(403);
        assertThat(app.as("auditor").post("/api/requests/" + id + "/urge", null).status()).isEqualTo(403);
        assertThat(app.as("chenyu").post("/api/requests/" + id + "/withdraw", null).status()).isEqualTo(404);
        assertThat(app.as("chenyu").patch("/api/requests/" + id, new JsonObject().put("copies", 9)).status()).isEqualTo(404);
        assertThat(app.anonymous().get("/api/requests/" + id).status()).isEqualTo(401);

        String legalTask = pendingTask(app, "wangwu", id);
        assertThat(app.as("chenyu").post("/api/tasks/" + legalTask + "/approve", new JsonObject()).status()).isEqualTo(404);
        assertThat(app.as("zhangsan").post("/api/tasks/" + legalTask + "/approve", new JsonObject()).status()).isEqualTo(404);
        assertThat(app.as("wangwu").post("/api/tasks/forged-task/approve", new JsonObject()).status()).isEqualTo(404);
        assertThat(app.as("wangwu").post("/api/tasks/" + legalTask + "/transfer", new JsonObject()).status()).isEqualTo(422);
        decide(app, "wangwu", id, "approve", null);
        // zhaoliu's 或签 task was cancelled by wangwu's decision: acting on it now is stale
        TestHttp.Res stale = app.as("wangwu").post("/api/tasks/" + legalTask + "/approve", new JsonObject());
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void flowsAreReadByAllAndChangedByFlowAdmins(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        JsonArray flows = app.as("zhangsan").get("/api/flows").array();
        assertThat(flows.stream().map(o -> ((JsonObject) o).getString("key"))).contains("seal-use", "take-out");
        JsonObject sealUse = app.as("zhangsan").get("/api/flows/seal-use/versions/1").json();
        assertThat(sealUse.getJsonObject("root").getString("type")).isEqualTo("START");
        TestHttp.Res bpmn = app.as("zhangsan").get("/api/flows/seal-use/versions/1/bpmn");
        assertThat(bpmn.status()).isEqualTo(200);
        assertThat(bpmn.body()).contains("definitions");
        assertThat(app.as("zhangsan").get("/api/flows/seal-use/versions/99").status()).isEqualTo(404);
        assertThat(app.as("zhangsan").get("/api/flows/no-such-flow").status()).isEqualTo(404);

        JsonObject draft = new JsonObject().put("name", "测试").put("root", new JsonObject().put("id", "start").put("type", "START")
            .put("name", "申请").put("next", new JsonObject().put("id", "a").put("type", "APPROVAL").put("name", "审批")));
        assertThat(app.as("zhangsan").put("/api/flows/test-" + dialect.name().toLowerCase() + "/draft", draft).status()).isEqualTo(403);
        TestHttp.Res invalid = app.as("admin").put("/api/flows/test-" + dialect.name().toLowerCase() + "/draft", draft);
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.json().getJsonArray("errors").getJsonObject(0).containsKey("nodeId")).isTrue();
        draft.getJsonObject("root").getJsonObject("next").put("approvers", new JsonObject().put("type", "ROLE").put("role", "LEGAL"));
        String key = "test-" + dialect.name().toLowerCase();
        TestHttp.Res saved = app.as("admin").put("/api/flows/" + key + "/draft", draft);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(app.as("zhangsan").post("/api/flows/" + key + "/publish", null).status()).isEqualTo(403);
        TestHttp.Res published = app.as("admin").post("/api/flows/" + key + "/publish", null);
        assertThat(published.json()).isEqualTo(new JsonObject().put("key", key).put("version", 1));

        JsonObject sim = new JsonObject().put("form", new JsonObject().put("amount", 600000).put("documentType", "CONTRACT")
            .put("sealType", "CONTRACT"));
        TestHttp.Res mine = app.as("zhangsan").post("/api/flows/seal-use/simulate", sim);
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        JsonObject dept = mine.json().getJsonArray("path").stream().map(o -> (JsonObject) o)
            .filter(s -> "dept".equals(s.getString("nodeId"))).findFirst().orElseThrow();
        assertThat(dept.getJsonArray("approvers").getJsonObject(0).getString("name")).isEqualTo("李四");
        assertThat(app.as("zhangsan").post("/api/flows/seal-use/simulate", sim.copy().put("applicantId", app.id("chenyu"))).status())
            .isEqualTo(403);
        TestHttp.Res forChenyu = app.as("admin").post("/api/flows/seal-use/simulate", sim.copy().put("applicantId", app.id("chenyu")));
        assertThat(forChenyu.body()).contains("刘洋");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void badInputIsA4xxProblemAndWritesNothing(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        long before = total(app);
        TestHttp http = app.as("zhangsan");
        Map<String, TestHttp.Res> answers = new LinkedHashMap<>();
        answers.put("malformed", http.send("POST", "/api/requests", "{\"type\": \"SEAL_USE\",", "application/json"));
        answers.put("array", http.send("POST", "/api/requests", "[1, 2]", "application/json"));
        answers.put("text", http.send("POST", "/api/requests", "hello", "text/plain"));
        String huge = "{\"reason\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        answers.put("huge", http.send("POST", "/api/requests", huge, "application/json"));
        answers.put("copies", http.post("/api/requests", contract(app, true).put("copies", "two")));
        answers.put("zeroCopies", http.post("/api/requests", contract(app, true).put("copies", 0)));
        answers.put("sealIds", http.post("/api/requests", contract(app, true).put("sealIds", "HT-001")));
        answers.put("noSeals", http.post("/api/requests", contract(app, true).put("sealIds", new JsonArray())));
        answers.put("amount", http.post("/api/requests", contract(app, true).put("amount", -5)));
        answers.put("amountText", http.post("/api/requests", contract(app, true).put("amount", "lots")));
        answers.put("amountFen", http.post("/api/requests", contract(app, true).put("amount", 1.234)));
        answers.put("type", http.post("/api/requests", contract(app, true).put("type", "BORROW")));
        answers.put("unknownField", http.post("/api/requests", contract(app, true).put("priority", "high")));
        answers.put("takeOutOnUse", http.post("/api/requests", contract(app, true)
            .put("takeOut", new JsonObject().put("expectedReturnAt", app.clock.millis() + 86_400_000).put("destination", "x"))));
        answers.put("takeOutMissing", http.post("/api/requests", contract(app, true).put("type", "TAKE_OUT").put("documentType", "OTHER")
            .put("sealIds", new JsonArray().add(app.seal("GZ-001"))).putNull("form")));
        answers.put("takeOutPast", http.post("/api/requests", contract(app, true).put("type", "TAKE_OUT").put("documentType", "OTHER")
            .put("sealIds", new JsonArray().add(app.seal("GZ-001"))).putNull("form")
            .put("takeOut", new JsonObject().put("expectedReturnAt", 1000).put("destination", "x"))));
        answers.put("form", http.post("/api/requests", contract(app, true).put("form", "project")));
        answers.put("submit", http.post("/api/requests", contract(app, true).put("submit", "yes")));
        answers.put("scope", http.get("/api/requests?scope=everything"));
        answers.put("page", http.get("/api/requests?page=abc"));
        answers.put("size", http.get("/api/requests?size=100000"));
        answers.put("status", http.get("/api/requests?status=NOPE"));
        answers.put("longId", http.get("/api/requests/" + "a".repeat(500)));
        answers.put("patchForged", http.patch("/api/requests/forged", new JsonObject().put("copies", 1)));
        answers.put("commentForged", http.post("/api/requests/forged/comments", new JsonObject().put("text", "x")));
        answers.put("taskBody", http.send("POST", "/api/tasks/whatever/approve", "{oops", "application/json"));
        answers.forEach((what, res) -> {
            assertThat(res.status()).as(what + ": " + res.body()).isBetween(400, 499);
            assertThat(res.contentType()).as(what).startsWith("application/problem+json");
        });
        assertThat(answers.get("malformed").status()).isEqualTo(400);
        assertThat(answers.get("text").status()).isEqualTo(415);
        assertThat(answers.get("huge").status()).isEqualTo(413);
        assertThat(answers.get("copies").status()).isEqualTo(422);
        assertThat(answers.get("longId").status()).isEqualTo(404);
        assertThat(total(app)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRepeatWithTheSameIdempotencyKeyReturnsTheFirstResult(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        long before = total(app);
        TestHttp http = app.as("zhangsan").header("Idempotency-Key", "apply-" + dialect);
        TestHttp.Res first = http.post("/api/requests", contract(app, true));
        TestHttp.Res again = http.post("/api/requests", contract(app, true));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().getString("id")).isEqualTo(first.json().getString("id"));
        assertThat(total(app)).isEqualTo(before + 1);

        String id = first.json().getString("id");
        String task = pendingTask(app, "lisi", id);
        TestHttp lisi = app.as("lisi").header("Idempotency-Key", "approve-" + dialect);
        TestHttp.Res approved = lisi.post("/api/tasks/" + task + "/approve", new JsonObject().put("comment", "同意"));
        TestHttp.Res replayed = lisi.post("/api/tasks/" + task + "/approve", new JsonObject().put("comment", "同意"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body()).isEqualTo(approved.body());
        assertThat(app.as("lisi").post("/api/tasks/" + task + "/approve", new JsonObject()).status()).isEqualTo(409);
    }
}
