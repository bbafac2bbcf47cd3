package com.sealflow.simulator.people;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The people of a load run, made through the admin API like an operator would: groups of ten (a department with
 * its head and nine employees) under the top department, each with a password set by the admin.
 */
final class PeopleOrg {

    static final int GROUP_SIZE = 10;

    /** One department: its head approves what the members apply for. */
    record Group(String departmentId, String head, List<String> members) {
    }

    private PeopleOrg() {
    }

    static List<Group> create(PersonSession admin, int groups, String tag, String password) throws Exception {
        String top = topDepartment(admin);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Group>> made = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                int index = g;
                made.add(pool.submit(() -> group(admin, top, tag, index, password)));
            }
            List<Group> result = new ArrayList<>();
            for (Future<Group> f : made) {
                result.add(f.get());
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Group group(PersonSession admin, String top, String tag, int g, String password) throws Exception {
        String code = "lt-" + tag + "-" + g;
        JsonObject dept = PersonSession.expect(admin.post("/api/departments",
            new JsonObject().put("code", code).put("name", "压测组 " + tag + "-" + g).put("parentId", top)), "department " + code).json();
        String deptId = dept.getString("id");
        String head = null;
        List<String> members = new ArrayList<>();
        for (int i = 0; i < GROUP_SIZE; i++) {
            String username = code + "-u" + i;
            JsonObject user = PersonSession.expect(admin.post("/api/users", new JsonObject().put("username", username)
                .put("name", "压测" + g + "-" + i).put("departmentId", deptId).put("roles", new JsonArray())), "user " + username).json();
            PersonSession.expect(admin.put("/api/users/" + user.getString("id") + "/password",
                new JsonObject().put("password", password)), "password " + username);
            if (i == 0) {
                head = username;
                PersonSession.expect(admin.patch("/api/departments/" + deptId, new JsonObject().put("headId", user.getString("id"))),
                    "head of " + code);
            } else {
                members.add(username);
            }
        }
        return new Group(deptId, head, members);
    }

    private static String topDepartment(PersonSession admin) throws IOException, InterruptedException {
        JsonArray departments = PersonSession.expect(admin.get("/api/departments"), "departments").array();
        for (int i = 0; i < departments.size(); i++) {
            JsonObject d = departments.getJsonObject(i);
            if (d.getValue("parentId") == null) {
                return d.getString("id");
            }
        }
        throw new IOException("the organisation has no top department");
    }

    /** A seal an ordinary employee may ask for with document type OTHER (the demo's 财务专用章 CW-001 when present). */
    static String sealForOther(PersonSession admin) throws IOException, InterruptedException {
        JsonArray seals = PersonSession.expect(admin.get("/api/seals"), "seals").array();
        String fallback = null;
        for (int i = 0; i < seals.size(); i++) {
            JsonObject s = seals.getJsonObject(i);
            JsonArray allowed = s.getJsonArray("allowedDocumentTypes", new JsonArray());
            boolean usable = "ACTIVE".equals(s.getString("status")) && (allowed.isEmpty() || allowed.contains("OTHER"));
            boolean plain = !List.of("OFFICIAL", "LEGAL_REP").contains(s.getString("type"));
            if (usable && plain) {
                if ("CW-001".equals(s.getString("code"))) {
                    return s.getString("id");
                }
                fallback = fallback == null ? s.getString("id") : fallback;
            }
        }
        if (fallback == null) {
            throw new IOException("no active seal accepts document type OTHER; create one or run the server with SEALFLOW_DEMO=true");
        }
        return fallback;
    }
}
