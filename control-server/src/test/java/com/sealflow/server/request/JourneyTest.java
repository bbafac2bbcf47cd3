package com.sealflow.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The article's process end to end over HTTP, on both databases: once on the request module's own app, once on the
 * whole demo server as the demo users themselves (login, session cookie, CSRF token).
 */
class JourneyTest {

    static JsonObject contract(RequestApp app, boolean submit) {
        return new JsonObject().put("type", "SEAL_USE").put("sealIds", new JsonArray().add(app.seal("HT-001")))
            .put("documentType", "CONTRACT").put("documentName", "华东区年度采购合同").put("copies", 2)
            .put("reason", "与客户签订年度采购合同").put("amount", 600000).put("counterparty", "某某贸易有限公司")
            .put("form", new JsonObject().put("project", "华东扩张")).put("submit", submit);
    }

    /** The caller's pending task on this request, decided with {@code action}. */
    static JsonObject decide(RequestApp app, String user, String requestId, String action, JsonObject body) {
        String task = pendingTask(app, user, requestId);
        TestHttp.Res res = app.as(user).post("/api/tasks/" + task + "/" + action, body == null ? new JsonObject() : body);
        assertThat(res.status()).as(user + " " + action + ": " + res.body()).isEqualTo(200);
        return res.json();
    }

    static String pendingTask(RequestApp app, String user, String requestId) {
        TestHttp.Res res = app.as(user).get("/api/tasks?status=pending");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json().getJsonArray("items").stream().map(o -> (JsonObject) o)
            .filter(t -> requestId.equals(t.getString("requestId"))).findFirst()
            .orElseThrow(() -> new AssertionError(user + " has no pending task on " + requestId + ": " + res.body())).getString("id");
    }

    static long notices(RequestApp app, String user, String kind) throws Exception {
        return app.db.execute("SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND kind = $2", app.id(user), kind)
            .await(10, TimeUnit.SECONDS).iterator().next().getLong("n");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void contractOfSixHundredThousandGoesThroughEveryLevelToTheCustodian(Dialect dialect) throws Exception {
        try (RequestApp app = new RequestApp(dialect)) {
            TestHttp.Res created = app.as("zhangsan").post("/api/requests", contract(app, true));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonObject req = created.json();
            String id = req.getString("id");
            assertThat(req.getString("status")).isEqualTo("IN_PROGRESS");
            assertThat(req.getString("no")).matches("YY-\\d{8}-0001");
            assertThat(req.getJsonObject("flow").getString("key")).isEqualTo("seal-use");

            JsonObject detail = app.as("zhangsan").get("/api/requests/" + id).json();
            assertThat(detail.getJsonArray("currentNodes").getJsonObject(0).getString("nodeId")).isEqualTo("dept");
            assertThat(detail.getJsonArray("unlocks")).isEmpty();

            decide(app, "lisi", id, "approve", new JsonObject().put("comment", "同意"));
            decide(app, "zhaoliu", id, "approve", null);
            decide(app, "qianqi", id, "approve", null);
            decide(app, "sunba", id, "approve", null);
            assertThat(app.due).isEmpty();
            decide(app, "zhoujiu", id, "approve", null);

            assertThat(app.due).hasSize(1);
            SealActionDue due = app.due.get(0);
            assertThat(due.requestId()).isEqualTo(id);
            assertThat(due.action()).isEqualTo(HandleAction.STAMP);
            assertThat(due.custodianIds()).containsExactly(app.id("wushi"));
            assertThat(due.seals()).singleElement().satisfies(s -> {
                assertThat(s.deviceId()).isEqualTo("CAB-01");
                assertThat(s.slot()).isEqualTo(2);
                assertThat(s.copies()).isEqualTo(2);
            });
            // wangwu's 或签 task went away with zhaoliu's decision
            assertThat(app.as("wangwu").get("/api/tasks?status=pending").json().getJsonArray("items")).isEmpty();

            app.requests.approvalEvents().handles().completeHandle(new HandleCompletion(due.taskId(), 2,
                HandleCompletion.By.DEVICE, "CAB-01", null)).await(10, TimeUnit.SECONDS);
            JsonObject done = app.as("zhangsan").get("/api/requests/" + id).json();
            assertThat(done.getString("status")).as(done.encodePrettily()).isEqualTo("COMPLETED");
            assertThat(done.getJsonArray("handles").getJsonObject(0).getString("state")).isEqualTo("DONE");
            List<String> kinds = done.getJsonArray("timeline").stream().map(o -> ((JsonObject) o).getString("kind")).toList();
            assertThat(kinds).contains("CREATED", "SUBMITTED", "HANDLE_DUE", "HANDLE_DONE", "COMPLETED");
            app.audit.sealed().await(10, TimeUnit.SECONDS);
            long audited = app.db.execute("SELECT COUNT(*) AS n FROM audit_log WHERE object_type = $1 AND object_id = $2", "request", id)
                .await(10, TimeUnit.SECONDS).iterator().next().getLong("n");
            long own = done.getJsonArray("timeline").stream().filter(o -> "request".equals(((JsonObject) o).getString("source"))).count();
            assertThat(audited).isEqualTo(own).isEqualTo(5);
            assertThat(notices(app, "lisi", "task.assigned")).isEqualTo(1);
            assertThat(notices(app, "wushi", "task.handle")).isEqualTo(1);
            assertThat(notices(app, "zhangsan", "request.approved")).isEqualTo(1);
            // a device redelivering its DONE changes nothing
            app.requests.approvalEvents().handles().completeHandle(new HandleCompletion(due.taskId(), 2,
                HandleCompletion.By.DEVICE, "CAB-01", null)).await(10, TimeUnit.SECONDS);
        }
    }

    /** nodeId → the names of its pending assignees, sorted. */
    static Map<String, List<String>> current(TestHttp http, String id) {
        JsonObject detail = http.get("/api/requests/" + id).json();
        Map<String, List<String>> out = new TreeMap<>();
        for (Object o : detail.getJsonArray("currentNodes")) {
            JsonObject n = (JsonObject) o;
            out.put(n.getString("nodeId"),
                n.getJsonArray("assignees").stream().map(a -> ((JsonObject) a).getString("name")).sorted().toList());
        }
        return out;
    }

    static void act(Map<String, TestHttp> as, String user, String id, String action) {
        TestHttp http = as.get(user);
        JsonObject task = http.get("/api/tasks?status=pending").json().getJsonArray("items").stream().map(JsonObject.class::cast)
            .filter(t -> id.equals(t.getString("requestId"))).findFirst()
            .orElseThrow(() -> new AssertionError(user + " has no pending task on " + id));
        TestHttp.Res res = http.post("/api/tasks/" + task.getString("id") + "/" + action, new JsonObject().put("comment", "同意"));
        assertThat(res.status()).as(user + " " + action + ": " + res.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theDemoUsersWalkAContractOfSixHundredThousandToTheCustodian(Dialect dialect) throws Exception {
        try (TestServer server = TestServer.start(dialect, Map.of("demo", "true"))) {
            Map<String, TestHttp> as = new TreeMap<>();
            for (String u : List.of("zhangsan", "lisi", "wangwu", "zhaoliu", "qianqi", "sunba", "zhoujiu", "wushi")) {
                as.put(u, Servers.login(server, u, "sealflow"));
            }
            // a mutation without the CSRF token is refused even with a valid session
            TestHttp noCsrf = Servers.login(server, "zhangsan", "sealflow").sendCsrf(false);
            assertThat(noCsrf.post("/api/requests", new JsonObject()).status()).isEqualTo(403);

            TestHttp zhang = as.get("zhangsan");
            String seal = zhang.get("/api/seals").array().stream().map(JsonObject.class::cast)
                .filter(x -> "HT-001".equals(x.getString("code"))).findFirst().orElseThrow().getString("id");
            JsonObject body = new JsonObject().put("type", "SEAL_USE").put("sealIds", new JsonArray().add(seal))
                .put("documentType", "CONTRACT").put("documentName", "华东区年度采购合同").put("copies", 2)
                .put("reason", "与客户签订年度采购合同").put("amount", 600000).put("counterparty", "某某贸易有限公司")
                .put("form", new JsonObject().put("project", "华东扩张")).put("submit", true);
            TestHttp.Res created = zhang.post("/api/requests", body);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().getString("id");
            assertThat(created.json().getString("status")).isEqualTo("IN_PROGRESS");

            assertThat(current(zhang, id)).isEqualTo(Map.of("dept", List.of("李四")));
            act(as, "lisi", id, "approve");
            // 专业审核 (INCLUSIVE): legal 或签 for a contract, and finance since the amount is at least 100,000
            assertThat(current(zhang, id)).isEqualTo(Map.of("legal", List.of("王五", "赵六"), "finance", List.of("钱七")));
            act(as, "zhaoliu", id, "approve");
            // 或签: one legal approval is enough; wangwu's task went away
            assertThat(current(zhang, id)).isEqualTo(Map.of("finance", List.of("钱七")));
            assertThat(as.get("wangwu").get("/api/tasks?status=pending").json().getJsonArray("items")).isEmpty();
            act(as, "qianqi", id, "approve");
            // 高层审批: 600,000 ≥ 500,000, so 会签 of sunba and zhoujiu
            assertThat(current(zhang, id)).isEqualTo(Map.of("ceo", List.of("周九", "孙八")));
            act(as, "sunba", id, "approve");
            assertThat(current(zhang, id)).isEqualTo(Map.of("ceo", List.of("周九")));
            act(as, "zhoujiu", id, "approve");
            // every approval is in: the custodian of 合同专用章 has the stamping task
            assertThat(current(zhang, id)).isEqualTo(Map.of("stamp", List.of("吴十")));
            JsonObject wushiTask = as.get("wushi").get("/api/tasks?status=pending").json().getJsonArray("items").stream()
                .map(JsonObject.class::cast).filter(t -> id.equals(t.getString("requestId"))).findFirst().orElseThrow();
            assertThat(wushiTask.encode()).contains("stamp");
            JsonObject detail = zhang.get("/api/requests/" + id).json();
            assertThat(detail.getString("status")).isEqualTo("IN_PROGRESS");
            List<String> approvers = detail.getJsonArray("tasks").stream().map(JsonObject.class::cast)
                .filter(t -> "APPROVED".equals(t.getString("status"))).map(t -> t.getString("assigneeId")).toList();
            assertThat(approvers).hasSize(5);
        }
    }
}
