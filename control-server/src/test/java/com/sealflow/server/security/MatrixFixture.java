package com.sealflow.server.security;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects the matrix asks about, made through the API on a demo company (DESIGN §7): a submitted seal-use
 * request of zhangsan (销售部) on the contract seal kept by wushi, waiting for lisi, with a file attached; a draft of
 * zhangsan; an unattached file of zhangsan; lisi's task and notification; zhangsan's API token; a spare seal kept by
 * wushi; the device SD-01. Two domain admins are added: sealadm (SEAL_ADMIN only) and flowadm (FLOW_ADMIN only).
 */
final class MatrixFixture {

    static final List<String> USERS = List.of("zhangsan", "lisi", "chenyu", "liuyang", "wangwu", "wushi", "zhengyi", "anbao",
        "auditor", "admin", "sealadm", "flowadm");
    static final String PASSWORD = "matrix-password-1";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    final TestServer server;
    final Map<String, TestHttp> sessions = new HashMap<>();
    final Map<String, String> userIds = new HashMap<>();
    String adminDept;
    String request;
    String draft;
    String attachedFile;
    String privateFile;
    String task;
    String notification;
    String token;
    String contractSeal;
    String spareSeal;
    String device;

    MatrixFixture(TestServer server) {
        this.server = server;
    }

    TestHttp as(String actor) {
        if (Matrix.ANON.equals(actor)) {
            return sessions.computeIfAbsent(actor, a -> {
                TestHttp http = server.http();
                http.get("/api/auth/csrf");
                return http;
            });
        }
        return sessions.computeIfAbsent(actor, a -> Servers.login(server, a, a.endsWith("adm") ? PASSWORD : "sealflow"));
    }

    MatrixFixture build() {
        TestHttp admin = as("admin");
        for (Object o : admin.get("/api/users?limit=500").array()) {
            JsonObject u = (JsonObject) o;
            userIds.put(u.getString("username"), u.getString("id"));
        }
        adminDept = departmentOf("wushi");
        domainAdmin("sealadm", "SEAL_ADMIN");
        domainAdmin("flowadm", "FLOW_ADMIN");
        contractSeal = sealByCode("HT-001");
        spareSeal = created(admin.post("/api/seals", new JsonObject().put("code", "MX-001").put("name", "矩阵测试章").put("type", "OTHER")
            .put("departmentId", adminDept).put("custodianId", userIds.get("wushi")))).getString("id");
        device = admin.get("/api/devices").array().stream().map(o -> (JsonObject) o).filter(d -> "SD-01".equals(d.getString("id"))
            || "SD-01".equals(d.getString("serialNo"))).findFirst().orElseThrow().getString("id");

        TestHttp zhangsan = as("zhangsan");
        attachedFile = created(upload(zhangsan, "合同.pdf", "application/pdf", PDF)).getString("id");
        privateFile = created(upload(zhangsan, "私人.pdf", "application/pdf", (new String(PDF, StandardCharsets.US_ASCII) + "%private\n")
            .getBytes(StandardCharsets.US_ASCII))).getString("id");
        request = created(zhangsan.post("/api/requests", contract(true).put("fileIds", new JsonArray().add(attachedFile)))).getString("id");
        draft = created(zhangsan.post("/api/requests", contract(false))).getString("id");
        token = created(zhangsan.post("/api/me/tokens", new JsonObject().put("name", "matrix"))).getString("id");

        TestHttp lisi = as("lisi");
        task = lisi.get("/api/tasks?status=pending").json().getJsonArray("items").stream().map(o -> (JsonObject) o)
            .filter(t -> request.equals(t.getString("requestId"))).findFirst().orElseThrow().getString("id");
        JsonArray notes = lisi.get("/api/notifications").json().getJsonArray("items");
        if (notes.isEmpty()) {
            throw new AssertionError("lisi has no notification about the task");
        }
        notification = notes.getJsonObject(0).getString("id");
        return this;
    }

    JsonObject contract(boolean submit) {
        return new JsonObject().put("type", "SEAL_USE").put("sealIds", new JsonArray().add(contractSeal))
            .put("documentType", "CONTRACT").put("documentName", "矩阵测试合同").put("copies", 1)
            .put("reason", "授权矩阵").put("amount", 1000).put("counterparty", "某某公司")
            .put("form", new JsonObject()).put("submit", submit);
    }

    String departmentOf(String username) {
        return as("admin").get("/api/users/" + userIds.get(username)).json().getString("departmentId");
    }

    private void domainAdmin(String username, String role) {
        TestHttp admin = as("admin");
        String id = created(admin.post("/api/users", new JsonObject().put("username", username).put("name", username)
            .put("departmentId", adminDept).put("roles", new JsonArray().add(role)))).getString("id");
        TestHttp.Res set = admin.put("/api/users/" + id + "/password", new JsonObject().put("password", PASSWORD));
        if (set.status() >= 300) {
            throw new AssertionError("password for " + username + ": " + set.status() + " " + set.body());
        }
        userIds.put(username, id);
    }

    private String sealByCode(String code) {
        return as("admin").get("/api/seals").array().stream().map(o -> (JsonObject) o).filter(s -> code.equals(s.getString("code")))
            .findFirst().orElseThrow().getString("id");
    }

    static JsonObject created(TestHttp.Res res) {
        if (res.status() != 200 && res.status() != 201) {
            throw new AssertionError("fixture call failed: " + res.status() + " " + res.body());
        }
        return res.json();
    }

    static TestHttp.Res upload(TestHttp http, String filename, String contentType, byte[] content) {
        String boundary = "----matrix" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
            + "Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.sendBytes("POST", "/api/files", body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }
}
