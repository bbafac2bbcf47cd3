package com.sealflow.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every operation in the OpenAPI document (so every module's, as they add theirs), called as an admin with
 * forged ids and broken bodies: the answer is never a 5xx, and every error is problem+json.
 */
class BadInputSweepTest {

    static final Servers SERVERS = Servers.demo();
    /** Operations whose success would end the sweep's own session. */
    static final Set<String> SKIP = Set.of("POST /api/auth/logout", "GET /api/events");
    static final List<String> BODIES = List.of("", "{", "[]", "null", "42", "\"text\"",
        "{\"name\": 1, \"username\": [], \"roles\": \"ADMIN\", \"password\": {}, \"code\": true, \"parentId\": 7, \"active\": \"yes\","
            + " \"departments\": 5, \"users\": false, \"expiresInDays\": \"x\", \"token\": 1, \"comment\": [], \"copies\": \"two\"}",
        "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}");

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void noOperationAnswersBadInputWithA5xx(Dialect d) {
        TestHttp admin = SERVERS.login(d, "admin");
        JsonObject paths = admin.get("/api/openapi.json").json().getJsonObject("paths");
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (String path : paths.fieldNames()) {
            JsonObject ops = paths.getJsonObject(path);
            String concrete = path.replaceAll("\\{[^}]+}", "forged-id");
            for (String method : ops.fieldNames()) {
                String m = method.toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(m) || SKIP.contains(m + " " + path)) {
                    continue;
                }
                List<String> bodies = m.equals("GET") || m.equals("DELETE") ? List.of("") : BODIES;
                for (String body : bodies) {
                    for (String query : List.of("", "?page=-1&size=x&from=abc&limit=%00&q=%27%22")) {
                        TestHttp.Res res = admin.send(m, concrete + query, body, body.isEmpty() ? null : "application/json");
                        calls++;
                        boolean problem = res.status() < 400 || (res.contentType() != null
                            && res.contentType().startsWith("application/problem+json"));
                        if (res.status() >= 500 || !problem) {
                            failures.add(m + " " + concrete + query + " body=" + abbreviate(body) + " -> " + res.status() + " "
                                + abbreviate(res.body()));
                        }
                    }
                }
            }
        }
        assertThat(calls).isGreaterThan(50);
        assertThat(failures).isEmpty();
        assertThat(admin.get("/api/me").status()).as("still logged in").isEqualTo(200);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
