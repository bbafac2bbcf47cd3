package com.sealflow.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every operation in the OpenAPI document (so every module's, as they add theirs), called as an admin and as a plain
 * employee with forged ids and broken bodies (malformed, wrong types, missing and extra fields, oversized): the
 * answer is never a 5xx, every error is problem+json, and an operation that rejected everything wrote nothing
 * (row counts of every table, audit chain included, are unchanged). Uploads that lie about their type or play
 * tricks with their names are rejected or stored under a cleaned name.
 */
class BadInputSweepTest {

    static final Servers SERVERS = Servers.demo();
    /** Operations whose success would end the sweep's own session, or that never end (a stream). */
    static final Set<String> SKIP = Set.of("POST /api/auth/logout", "GET /api/events");
    static final List<String> BODIES = List.of("", "{", "[]", "null", "42", "\"text\"", "{}", "{\"a\": 1,}", "\u0000",
        "{\"name\": 1, \"username\": [], \"roles\": \"ADMIN\", \"password\": {}, \"code\": true, \"parentId\": 7, \"active\": \"yes\","
            + " \"departments\": 5, \"users\": false, \"expiresInDays\": \"x\", \"token\": 1, \"comment\": [], \"copies\": \"two\","
            + " \"sealIds\": \"HT-001\", \"verdict\": 3, \"kind\": \"TOASTER\", \"toUserId\": {}, \"userIds\": 1, \"root\": \"x\"}",
        "{\"unexpected\": true, \"id\": \"forged-id\", \"createdAt\": -1, \"__proto__\": {\"admin\": true}}",
        "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
        "{\"text\": \"" + "x".repeat(1_100_000) + "\"}");

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void noOperationAnswersBadInputWithA5xxOrWritesOnRejection(Dialect d) {
        TestHttp admin = SERVERS.login(d, "admin");
        TestHttp employee = SERVERS.login(d, "zhangsan");
        Database db = SERVERS.get(d).server.platform().db();
        JsonObject paths = admin.get("/api/openapi.json").json().getJsonObject("paths");
        List<String> failures = new ArrayList<>();
        int calls = 0;
        int operations = 0;
        for (String path : paths.fieldNames()) {
            JsonObject ops = paths.getJsonObject(path);
            String concrete = path.replaceAll("\\{[^}]+}", "forged-id");
            for (String method : ops.fieldNames()) {
                String m = method.toUpperCase();
                if (!path.startsWith("/api/") || !Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(m)
                    || SKIP.contains(m + " " + path)) {
                    continue;
                }
                operations++;
                Map<String, Long> before = m.equals("GET") ? null : RowCounts.of(db, d);
                boolean anySuccess = false;
                List<String> bodies = m.equals("GET") || m.equals("DELETE") ? List.of("") : BODIES;
                for (TestHttp who : List.of(admin, employee)) {
                    for (String body : bodies) {
                        for (String query : List.of("", "?page=-1&size=x&from=abc&limit=%00&q=%27%22")) {
                            TestHttp.Res res = who.send(m, concrete + query, body, body.isEmpty() ? null : "application/json");
                            calls++;
                            anySuccess |= res.status() < 400;
                            boolean problem = res.status() < 400 || (res.contentType() != null
                                && res.contentType().startsWith("application/problem+json"));
                            if (res.status() >= 500 || !problem) {
                                failures.add(m + " " + concrete + query + " body=" + abbreviate(body) + " -> " + res.status() + " "
                                    + abbreviate(res.body()));
                            }
                        }
                    }
                }
                if (before != null && !anySuccess) {
                    Map<String, Long> after = RowCounts.of(db, d);
                    if (!after.equals(before)) {
                        failures.add(m + " " + path + " rejected every call but wrote: " + diff(before, after));
                    }
                }
            }
        }
        System.out.printf("bad-input sweep [%s]: %d operations, %d calls, %d failures%n", d, operations, calls, failures.size());
        assertThat(calls).isGreaterThan(500);
        assertThat(failures).isEmpty();
        assertThat(admin.get("/api/me").status()).as("still logged in").isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void uploadsThatLieOrPlayWithNamesAreRejectedOrCleaned(Dialect d) {
        TestHttp http = SERVERS.login(d, "chenyu");
        Database db = SERVERS.get(d).server.platform().db();
        byte[] pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0};
        byte[] elf = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0};
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        List<String> failures = new ArrayList<>();
        Map<String, Long> before = RowCounts.of(db, d);
        for (Object[] lie : new Object[][] {{"invoice.pdf", "application/pdf", exe}, {"invoice.pdf", "application/pdf", elf},
            {"report.pdf", "application/pdf", html}, {"scan.png", "image/png", pdf}, {"a.docx", "application/octet-stream", exe},
            {"contract.pdf.exe", "application/x-msdownload", exe}, {"x.pdf", "application/pdf", new byte[0]}}) {
            TestHttp.Res res = upload(http, "file", (String) lie[0], (String) lie[1], (byte[]) lie[2]);
            if (res.status() < 400 || res.status() >= 500 || !String.valueOf(res.contentType()).startsWith("application/problem+json")) {
                failures.add("lying upload " + lie[0] + " -> " + res.status() + " " + abbreviate(res.body()));
            }
        }
        assertThat(upload(http, "other", "a.pdf", "application/pdf", pdf).status()).as("wrong part name").isEqualTo(400);
        assertThat(RowCounts.of(db, d)).as("rejected uploads wrote nothing").isEqualTo(before);

        for (String name : List.of("../../../../etc/passwd.pdf", "..\\..\\windows\\system32\\a.pdf", "a\u0000.exe.pdf", "/abs.pdf",
            "x".repeat(5000) + ".pdf", "invoice\u202Efdp.exe", "\u200B\uFEFF.pdf", "..", "con.pdf", "%2e%2e%2fa.pdf",
            "合同\r\nX-Injected: 1.pdf")) {
            TestHttp.Res res = upload(http, "file", name, "application/pdf", pdf);
            if (res.status() >= 400 && res.status() < 500) {
                continue;
            }
            String stored = res.status() == 201 ? res.json().getString("name") : null;
            if (stored == null || stored.contains("/") || stored.contains("\\") || stored.length() > 200
                || stored.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
                failures.add("upload named " + abbreviate(name) + " -> " + res.status() + " stored as " + abbreviate(stored));
            }
        }
        assertThat(failures).isEmpty();
    }

    static TestHttp.Res upload(TestHttp http, String part, String filename, String contentType, byte[] content) {
        String boundary = "----sweep" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
            + filename.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A") + "\"\r\nContent-Type: " + contentType
            + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.sendBytes("POST", "/api/files", body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    private static String diff(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder out = new StringBuilder();
        after.forEach((t, n) -> {
            if (!n.equals(before.get(t))) {
                out.append(t).append(' ').append(before.get(t)).append("->").append(n).append("; ");
            }
        });
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
