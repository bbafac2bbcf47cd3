package com.sealflow.server.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /api/stats} over real HTTP on the demo server: a request filed and approved shows up; roles; bad input. */
class StatsRoutesTest {

    static final Servers SERVERS = Servers.demo();

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRequestThroughTheApiIsCountedAndExported(Dialect d) throws Exception {
        TestHttp applicant = SERVERS.login(d, "zhangsan");
        JsonArray seals = items(applicant.get("/api/seals"));
        String sealId = seals.stream().map(JsonObject.class::cast).filter(s -> "FINANCE".equals(s.getString("type")))
            .findFirst().orElseThrow().getString("id");
        TestHttp.Res created = applicant.post("/api/requests", new JsonObject().put("type", "SEAL_USE")
            .put("sealIds", new JsonArray().add(sealId)).put("documentType", "FINANCIAL_STATEMENT").put("documentName", "季度报表")
            .put("copies", 1).put("reason", "报送").put("amount", 100).put("form", new JsonObject()).put("fileIds", new JsonArray())
            .put("submit", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String requestId = created.json().getString("id");
        TestHttp lisi = SERVERS.login(d, "lisi");
        JsonArray todo = items(lisi.get("/api/tasks?status=pending"));
        String taskId = todo.stream().map(JsonObject.class::cast).filter(t -> requestId.equals(t.getString("requestId")))
            .findFirst().orElseThrow().getString("id");
        assertThat(lisi.post("/api/tasks/" + taskId + "/approve", new JsonObject().put("comment", "同意")).status()).isEqualTo(200);

        TestHttp auditor = SERVERS.login(d, "auditor");
        JsonObject summary = auditor.get("/api/stats/summary").json();
        assertThat(summary.getLong("total")).isGreaterThanOrEqualTo(1);
        assertThat(summary.getLong("inProgress")).isGreaterThanOrEqualTo(1);
        JsonArray flows = auditor.get("/api/stats/flows").array();
        String flowKey = flows.getJsonObject(0).getString("flowKey");
        JsonArray nodes = auditor.get("/api/stats/nodes?flowKey=" + flowKey).array();
        assertThat(nodes.stream().map(JsonObject.class::cast).mapToLong(n -> n.getLong("count")).sum()).isGreaterThanOrEqualTo(1);
        JsonArray depts = auditor.get("/api/stats/departments").array();
        assertThat(depts.stream().map(JsonObject.class::cast).map(o -> o.getString("name")).toList()).isNotEmpty().doesNotContainNull();
        assertThat(auditor.get("/api/stats/trend?granularity=week").array()).isNotEmpty();
        assertThat(auditor.get("/api/stats/bottlenecks?limit=3").array().size()).isBetween(1, 3);

        HttpClient client = HttpClient.newBuilder().cookieHandler(auditor.cookies).build();
        HttpResponse<byte[]> xlsx = client.send(HttpRequest.newBuilder(URI.create(auditor.base + "/api/stats/export.xlsx")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(book.getSheet("概览").getRow(3).getCell(1).getNumericCellValue()).isEqualTo(summary.getLong("total").doubleValue());
            assertThat(book.getSheet("设备").getRow(0).getCell(0).getStringCellValue()).isEqualTo("设备");
        }
        TestHttp.Res csv = auditor.get("/api/stats/export.csv?table=flows");
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFF流程标识,流程名称");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void rolesAndBadInput(Dialect d) {
        TestHttp employee = SERVERS.login(d, "zhangsan");
        assertThat(employee.get("/api/stats/summary").status()).isEqualTo(403);
        assertThat(employee.get("/api/stats/devices").status()).isEqualTo(403);
        assertThat(employee.get("/api/stats/export.xlsx").status()).isEqualTo(403);
        TestHttp security = SERVERS.login(d, "anbao");
        assertThat(security.get("/api/stats/summary").status()).isEqualTo(403);
        assertThat(security.get("/api/stats/devices").status()).isEqualTo(200);
        assertThat(security.get("/api/stats/seals").status()).isEqualTo(200);
        TestHttp executive = SERVERS.login(d, "sunba");
        assertThat(executive.get("/api/stats/summary?from=2026-01-01&to=2026-12-31").status()).isEqualTo(200);
        for (String bad : new String[] {"/api/stats/summary?from=yesterday", "/api/stats/summary?from=2026-02-01&to=2026-01-01",
            "/api/stats/nodes", "/api/stats/trend?granularity=month", "/api/stats/bottlenecks?limit=0",
            "/api/stats/export.csv?table=secrets", "/api/stats/summary?from=1900-01-01"}) {
            TestHttp.Res res = executive.get(bad);
            assertThat(res.status()).as(bad).isEqualTo(400);
            assertThat(res.contentType()).as(bad).startsWith("application/problem+json");
        }
        assertThat(executive.get("/api/stats/nodes?flowKey=no-such-flow").status()).isEqualTo(404);
    }

    private static JsonArray items(TestHttp.Res res) {
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.body().trim().startsWith("[") ? res.array() : res.json().getJsonArray("items");
    }
}
