package com.sealflow.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The demo company is exactly DESIGN §7, survives restarts without duplicates, and never appears in production. */
class DemoCompanyTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void demoCompanyAsDesigned(Dialect d) {
        try (TestServer server = TestServer.start(d, Map.of("demo", "true"))) {
            assertThat(server.server.setupPath()).as("demo has its admin").isNull();
            TestHttp admin = Servers.login(server, "admin", DemoCompany.PASSWORD);
            JsonArray users = admin.get("/api/users?limit=500").array();
            JsonArray depts = admin.get("/api/departments").array();
            assertThat(users).hasSize(14);
            assertThat(depts).hasSize(6);
            Map<String, JsonObject> deptById = depts.stream().map(o -> (JsonObject) o)
                .collect(Collectors.toMap(o -> o.getString("id"), o -> o));
            Map<String, JsonObject> userByName = users.stream().map(o -> (JsonObject) o)
                .collect(Collectors.toMap(o -> o.getString("username"), o -> o));
            for (DemoCompany.Person p : DemoCompany.USERS) {
                JsonObject u = userByName.get(p.username());
                assertThat(u.getString("name")).isEqualTo(p.name());
                String deptName = DemoCompany.DEPARTMENTS.stream().filter(x -> x.code().equals(p.dept())).findFirst().orElseThrow().name();
                assertThat(deptById.get(u.getString("departmentId")).getString("name")).isEqualTo(deptName);
                Set<String> roles = u.getJsonArray("roles").stream().map(Object::toString).collect(Collectors.toSet());
                assertThat(roles).containsAll(p.roles().stream().map(Enum::name).toList()).contains("EMPLOYEE");
                Servers.login(server, p.username(), "sealflow");
            }
            assertThat(userByName.get("admin").getJsonArray("roles")).contains("ADMIN", "SEAL_ADMIN", "FLOW_ADMIN");
            for (DemoCompany.Dept dep : DemoCompany.DEPARTMENTS) {
                JsonObject row = depts.stream().map(o -> (JsonObject) o).filter(o -> o.getString("name").equals(dep.name())).findFirst()
                    .orElseThrow();
                assertThat(row.getString("headId")).isEqualTo(userByName.get(dep.head()).getString("id"));
                if (dep.parent() == null) {
                    assertThat(row.getString("parentId")).isNull();
                } else {
                    assertThat(deptById.get(row.getString("parentId")).getString("name")).isEqualTo("总经办");
                }
            }
        }
    }

    @Test
    void restartIsIdempotentAndSeedsRunInOrder() throws Exception {
        Path data = Files.createTempDirectory("sealflow-demo-");
        StringBuilder ran = new StringBuilder();
        try (TestServer first = TestServer.start(Dialect.SQLITE, Map.of("demo", "true"), data)) {
            Servers.login(first, "zhangsan", "sealflow");
        }
        try (TestServer second = TestServer.start(Dialect.SQLITE, Map.of("demo", "true"), data)) {
            TestHttp admin = Servers.login(second, "admin", "sealflow");
            assertThat(admin.get("/api/users?limit=500").array()).hasSize(14);
            assertThat(admin.get("/api/departments").array()).hasSize(6);
            assertThat(admin.get("/api/audit/verify").json().getBoolean("ok")).isTrue();
            DemoSeeds seeds = new DemoSeeds().register(seed("b", ran)).registerFirst(seed("a", ran)).register(seed("c", ran));
            seeds.runAll().await(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ran).hasToString("abc");
        }
    }

    @Test
    void productionNeverLoadsTheDemo() {
        try (TestServer server = TestServer.start(Dialect.SQLITE)) {
            TestHttp http = server.http();
            http.get("/api/auth/csrf");
            assertThat(http.post("/api/auth/login", new JsonObject().put("username", "zhangsan").put("password", "sealflow")).status())
                .isEqualTo(401);
            assertThat(server.server.setupPath()).isNotNull();
        }
    }

    private static DemoSeed seed(String name, StringBuilder ran) {
        return new DemoSeed() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Future<Void> seed() {
                ran.append(name);
                return Future.succeededFuture();
            }
        };
    }
}
