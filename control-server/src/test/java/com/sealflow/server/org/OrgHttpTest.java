package com.sealflow.server.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The directory and its administration over HTTP: who may do what, bad input, idempotent creation. */
class OrgHttpTest {

    static final Servers SERVERS = Servers.demo();

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyoneReadsTheDirectory(Dialect d) {
        TestHttp emp = SERVERS.login(d, "zhangsan");
        JsonArray found = emp.get("/api/users?q=ZHANG").array();
        assertThat(found.stream().map(o -> ((JsonObject) o).getString("username"))).contains("zhangsan");
        assertThat(emp.get("/api/users?q=%E5%BC%A0").array().getJsonObject(0).getString("name")).isEqualTo("张三");
        JsonArray depts = emp.get("/api/departments").array();
        assertThat(depts).hasSize(6);
        JsonObject gm = depts.stream().map(o -> (JsonObject) o).filter(o -> o.getString("name").equals("总经办")).findFirst().orElseThrow();
        assertThat(gm.getString("parentId")).isNull();
        assertThat(gm.getString("headId")).isNotNull();
        assertThat(depts.stream().map(o -> (JsonObject) o).filter(o -> o.getString("parentId") != null)).hasSize(5);
        assertThat(SERVERS.get(d).http().get("/api/users").status()).isEqualTo(401);
        assertThat(emp.get("/api/users?limit=abc").status()).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void onlyAdminsChangeTheOrganisation(Dialect d) {
        JsonObject newUser = new JsonObject().put("username", "new." + d.name().toLowerCase()).put("name", "新人")
            .put("roles", new JsonArray().add("FINANCE"));
        for (String who : new String[] {"zhangsan", "auditor", "anbao"}) {
            TestHttp.Res res = SERVERS.login(d, who).post("/api/users", newUser);
            assertThat(res.status()).as(who).isEqualTo(403);
            assertThat(res.json().getString("type")).endsWith("/forbidden");
        }
        TestHttp admin = SERVERS.login(d, "admin");
        TestHttp.Res created = admin.post("/api/users", newUser);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().getJsonArray("roles")).contains("FINANCE", "EMPLOYEE");
        TestHttp.Res dup = admin.post("/api/users", newUser);
        assertThat(dup.status()).isEqualTo(422);
        assertThat(dup.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("username");
        assertThat(admin.post("/api/users", newUser.copy().put("username", "x1" + d).put("roles", new JsonArray().add("KING")))
            .status()).isEqualTo(422);
        assertThat(admin.post("/api/users", newUser.copy().put("username", "x2" + d).put("roles", "ADMIN")).status()).isEqualTo(400);
        assertThat(admin.post("/api/users", newUser.copy().put("username", "x3" + d).put("departmentId", "forged")).status())
            .isEqualTo(422);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void forgedIdsAre404(Dialect d) {
        TestHttp admin = SERVERS.login(d, "admin");
        assertThat(admin.get("/api/users/00000000-0000-7000-8000-000000000000").status()).isEqualTo(404);
        assertThat(admin.get("/api/users/'%20OR%201=1--").status()).isEqualTo(404);
        assertThat(admin.patch("/api/departments/nope", new JsonObject().put("name", "x")).status()).isEqualTo(404);
        assertThat(admin.patch("/api/users/nope", new JsonObject().put("name", "x")).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void departmentCyclesAreRefused(Dialect d) {
        TestHttp admin = SERVERS.login(d, "admin");
        JsonArray depts = admin.get("/api/departments").array();
        String gm = depts.stream().map(o -> (JsonObject) o).filter(o -> o.getString("parentId") == null).findFirst().orElseThrow()
            .getString("id");
        String sales = depts.stream().map(o -> (JsonObject) o).filter(o -> o.getString("name").equals("销售部")).findFirst()
            .orElseThrow().getString("id");
        TestHttp.Res res = admin.patch("/api/departments/" + gm, new JsonObject().put("parentId", sales));
        assertThat(res.status()).isEqualTo(422);
        assertThat(res.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("parentId");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void idempotencyKeyReplaysTheFirstResponse(Dialect d) {
        TestHttp admin = SERVERS.login(d, "admin").header("Idempotency-Key", "create-dept-" + d);
        JsonObject body = new JsonObject().put("code", "QA" + d.ordinal()).put("name", "质量部");
        TestHttp.Res first = admin.post("/api/departments", body);
        TestHttp.Res second = admin.post("/api/departments", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(second.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(admin.get("/api/departments").array().stream().filter(o -> ((JsonObject) o).getString("name").equals("质量部")))
            .hasSize(1);
        TestHttp.Res reused = admin.post("/api/users", new JsonObject().put("username", "zz" + d).put("name", "z"));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().getString("type")).endsWith("/idempotency-key-reused");
        // a failed attempt frees its key
        admin.header("Idempotency-Key", "bad-then-good-" + d);
        assertThat(admin.post("/api/departments", new JsonObject().put("code", "!!")).status()).isEqualTo(422);
        assertThat(admin.post("/api/departments", new JsonObject().put("code", "OK" + d.ordinal()).put("name", "ok")).status())
            .isEqualTo(201);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void auditIsForAuditorsAndAdminsAndRecordsOrgChanges(Dialect d) {
        assertThat(SERVERS.login(d, "zhangsan").get("/api/audit").status()).isEqualTo(403);
        assertThat(SERVERS.login(d, "anbao").get("/api/audit/verify").status()).isEqualTo(403);
        TestHttp auditor = SERVERS.login(d, "auditor");
        JsonObject page = auditor.get("/api/audit?action=org.user.create&size=5").json();
        assertThat(page.getLong("total")).isGreaterThanOrEqualTo(14);
        assertThat(page.getJsonArray("items")).hasSize(5);
        assertThat(auditor.get("/api/audit?page=0").status()).isEqualTo(400);
        assertThat(auditor.get("/api/audit?from=yesterday").status()).isEqualTo(400);
        JsonObject verify = SERVERS.login(d, "admin").get("/api/audit/verify").json();
        assertThat(verify.getBoolean("ok")).isTrue();
        assertThat(verify.getLong("checked")).isGreaterThan(20);
    }
}
