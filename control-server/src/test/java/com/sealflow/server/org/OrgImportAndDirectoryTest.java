package com.sealflow.server.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.web.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CSV import (all or nothing) and the Java directory API the approval engine's resolver uses. */
class OrgImportAndDirectoryTest {

    static final Servers SERVERS = Servers.demo();

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void goodImportCreatesAndUpdates(Dialect d) {
        TestHttp admin = SERVERS.login(d, "admin");
        String depts = "\uFEFFcode,name,parentCode,headUsername\r\n"
            + "OPS,运营部,GM,ops.head\r\n"
            + "OPS-1,\"运营一组, 华东\",OPS,ops.member\r\n"
            + "LEGAL,法务部,GM,wangwu\r\n";
        String users = "username,name,departmentCode,roles,email,active\n"
            + "ops.head,运营负责人,OPS,FINANCE;EXECUTIVE,ops@example.com,true\n"
            + "ops.member,运营专员,OPS-1,,,\n";
        TestHttp.Res res = admin.post("/api/org/import", new JsonObject().put("departments", depts).put("users", users));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.json().getJsonObject("departments").getInteger("created")).isEqualTo(2);
        assertThat(res.json().getJsonObject("departments").getInteger("updated")).isEqualTo(1);
        assertThat(res.json().getJsonObject("users").getInteger("created")).isEqualTo(2);

        JsonArray all = admin.get("/api/departments").array();
        JsonObject ops1 = find(all, "code", "OPS-1");
        assertThat(ops1.getString("name")).isEqualTo("运营一组, 华东");
        assertThat(ops1.getString("parentId")).isEqualTo(find(all, "code", "OPS").getString("id"));
        assertThat(find(all, "code", "LEGAL").getString("headId")).isNotNull();
        JsonObject head = admin.get("/api/users?q=ops.head").array().getJsonObject(0);
        assertThat(find(all, "code", "OPS").getString("headId")).isEqualTo(head.getString("id"));
        assertThat(head.getJsonArray("roles")).contains("FINANCE", "EXECUTIVE");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void badImportListsEveryBadRowAndWritesNothing(Dialect d) {
        TestHttp admin = SERVERS.login(d, "admin");
        int before = admin.get("/api/departments").array().size();
        String depts = "code,name,parentCode,headUsername\n"
            + "NEW1,新部门,GM,\n"
            + "NEW2,,NOPE,ghost\n"
            + "NEW1,重复,,\n"
            + "CYC-A,甲,CYC-B,\n"
            + "CYC-B,乙,CYC-A,\n";
        String users = "username,name,departmentCode,roles,email,active\n"
            + "good.one,好人,NEW1,,,\n"
            + "x,坏人,NEW1,KING,not-an-email,maybe\n"
            + "good.one,又一个,NEW1,,,\n";
        TestHttp.Res res = admin.post("/api/org/import", new JsonObject().put("departments", depts).put("users", users));
        assertThat(res.status()).isEqualTo(422);
        JsonArray errors = res.json().getJsonArray("errors");
        List<String> pointers = errors.stream().map(o -> ((JsonObject) o).getString("pointer")).toList();
        assertThat(pointers).contains("/departments/2/name", "/departments/2/parentCode", "/departments/2/headUsername",
            "/departments/3/code", "/departments/4/parentCode", "/users/2/roles", "/users/2/email", "/users/2/active",
            "/users/2/username", "/users/3/username");
        assertThat(admin.get("/api/departments").array()).hasSize(before);
        assertThat(admin.get("/api/users?q=good.one").array()).isEmpty();
        assertThat(admin.post("/api/org/import", new JsonObject().put("departments", "a,\"b\n")).status()).isEqualTo(422);
        assertThat(SERVERS.login(d, "zhangsan").post("/api/org/import", new JsonObject().put("users", "")).status()).isEqualTo(403);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void directoryAnswersTheApproverResolversQuestions(Dialect d) throws Exception {
        TestServer server = SERVERS.get(d);
        Directory dir = server.server.platform().directory();
        Pool pool = server.server.platform().db().pool();
        String zhangsan = dir.userByUsername(pool, "zhangsan").await(10, TimeUnit.SECONDS).orElseThrow().id();
        assertThat(dir.departmentHead(pool, zhangsan, 1).await(10, TimeUnit.SECONDS).orElseThrow().username()).isEqualTo("lisi");
        assertThat(dir.departmentHead(pool, zhangsan, 2).await(10, TimeUnit.SECONDS).orElseThrow().username()).isEqualTo("sunba");
        assertThat(dir.departmentHead(pool, zhangsan, 3).await(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(dir.headsChain(pool, zhangsan, 5).await(10, TimeUnit.SECONDS).stream().map(User::username))
            .containsExactly("lisi", "sunba");
        assertThat(dir.departmentOf(pool, zhangsan).await(10, TimeUnit.SECONDS).orElseThrow().name()).isEqualTo("销售部");
        assertThat(dir.usersWithRole(pool, Role.LEGAL).await(10, TimeUnit.SECONDS).stream().map(User::username))
            .containsExactlyInAnyOrder("wangwu", "zhaoliu");
        assertThat(dir.usersWithRole(pool, Role.CUSTODIAN).await(10, TimeUnit.SECONDS).stream().map(User::username))
            .containsExactlyInAnyOrder("wushi", "zhengyi");
        String sunba = dir.userByUsername(pool, "sunba").await(10, TimeUnit.SECONDS).orElseThrow().id();
        assertThat(dir.departmentHead(pool, sunba, 1).await(10, TimeUnit.SECONDS).orElseThrow().username()).isEqualTo("sunba");
        assertThat(dir.users(pool, List.of(sunba, "nope", zhangsan)).await(10, TimeUnit.SECONDS).stream().map(User::username))
            .containsExactly("sunba", "zhangsan");
        // inside a transaction, with the transaction's connection (SQLite has one connection)
        String head = server.server.platform().db().inTransaction(tx -> dir.departmentHead(tx, zhangsan, 1))
            .await(10, TimeUnit.SECONDS).orElseThrow().username();
        assertThat(head).isEqualTo("lisi");
    }

    private static JsonObject find(JsonArray arr, String field, String value) {
        return arr.stream().map(o -> (JsonObject) o).filter(o -> value.equals(o.getString(field))).findFirst().orElseThrow();
    }
}
