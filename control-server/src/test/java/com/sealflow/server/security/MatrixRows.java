package com.sealflow.server.security;

import com.sealflow.server.security.Matrix.Kind;
import com.sealflow.server.security.Matrix.Row;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The table (DESIGN §1): an employee sees their own requests; approvers what they were assigned; custodians the
 * requests for their seals; security staff evidence; auditors everything, read-only; ADMIN its domains, SEAL_ADMIN
 * seals and devices, FLOW_ADMIN flows. Rows that change state come after the reads of the same object, in the order
 * the object's life allows.
 */
final class MatrixRows {

    static final String FORGED = "forged-0000";
    static final Set<String> ALL = Set.copyOf(MatrixFixture.USERS);
    static final Set<String> NOBODY = Set.of();
    /** Who sees zhangsan's submitted request: applicant, assigned approver, the seal's custodian, auditor, admin. */
    static final Set<String> REQUEST_SEERS = Set.of("zhangsan", "lisi", "wushi", "auditor", "admin");
    static final Set<String> ADMINS = Set.of("admin");
    static final Set<String> SEAL_ADMINS = Set.of("admin", "sealadm");
    static final Set<String> FLOW_ADMINS = Set.of("admin", "flowadm");
    static final Set<String> FLEET_READERS = Set.of("admin", "sealadm", "anbao", "auditor");
    static final Set<String> EVIDENCE_READERS = Set.of("anbao", "auditor", "admin");
    static final Set<String> READ_ALL = Set.of("auditor", "admin");
    /** Flow figures: admins, flow admins, auditors and executives (none of the matrix actors is an executive). */
    static final Set<String> STATS_READERS = Set.of("admin", "flowadm", "auditor");

    private final MatrixFixture f;
    private final List<Row> rows = new ArrayList<>();

    MatrixRows(MatrixFixture f) {
        this.f = f;
    }

    private void row(String op, Kind kind, Set<String> allowed, String path, String body) {
        rows.add(new Row(op, kind, allowed, a -> path, a -> body, null, ALL));
    }

    private void row(String op, Set<String> allowed, String path, String body) {
        row(op, Kind.GUARDED, allowed, path, body);
    }

    /** A row on one object: {@code id} is replaced by a forged one for the leak check. */
    private void object(String op, Set<String> allowed, String path, String id, String body, Set<String> seers) {
        rows.add(new Row(op, Kind.GUARDED, allowed, a -> path, a -> body, path.replace(id, FORGED), seers));
    }

    /** An object row whose body depends on the actor (a valid body for denied actors, so only authorisation can stop them). */
    private void objectPer(String op, Set<String> allowed, String path, String id, Function<String, String> body, Set<String> seers) {
        rows.add(new Row(op, Kind.GUARDED, allowed, a -> path, body, path.replace(id, FORGED), seers));
    }

    /** A list everyone may call, in which only {@code seers} find {@code hidden}. */
    private void listing(String op, Set<String> allowed, String path, String hidden, Set<String> seers) {
        rows.add(new Row(op, Kind.GUARDED, allowed, a -> path, a -> null, null, seers, hidden));
    }

    private void perActor(String op, Set<String> allowed, Function<String, String> path, Function<String, String> body) {
        rows.add(new Row(op, Kind.GUARDED, allowed, path, body, null, ALL));
    }

    private static Set<String> plus(Set<String> a, String... more) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(List.of(more));
        return out;
    }

    List<Row> build() {
        row("GET /api/auth/csrf", Kind.PUBLIC, ALL, "/api/auth/csrf", null);
        row("GET /api/openapi.json", Kind.PUBLIC, ALL, "/api/openapi.json", null);
        row("POST /api/auth/login", Kind.PUBLIC, ALL, "/api/auth/login", "{}");
        row("POST /api/setup", Kind.CREDENTIAL, ALL, "/api/setup", "{\"token\": \"" + FORGED + "\", \"username\": \"x\"}");
        row("POST /api/device/v1/enroll", Kind.CREDENTIAL, ALL, "/api/device/v1/enroll",
            "{\"code\": \"" + FORGED + "\", \"publicKey\": \"AAAA\"}");
        row("PUT /api/device/v1/snapshots/{eventId}", Kind.CREDENTIAL, ALL, "/api/device/v1/snapshots/" + FORGED, "{}");

        account();
        org();
        seals();
        devices();
        evidence();
        flows();
        files();
        requests();
        archive();
        stats();
        webhooks();
        return rows;
    }

    private void account() {
        row("GET /api/me", ALL, "/api/me", null);
        listing("GET /api/me/tokens", ALL, "/api/me/tokens", f.token, Set.of("zhangsan"));
        row("POST /api/me/tokens", ALL, "/api/me/tokens", "{\"name\": \"matrix\"}");
        row("POST /api/me/password", ALL, "/api/me/password", "{}");
        object("DELETE /api/me/tokens/{id}", Set.of("zhangsan"), "/api/me/tokens/" + f.token, f.token, null, Set.of("zhangsan"));
        listing("GET /api/notifications", ALL, "/api/notifications", f.notification, Set.of("lisi"));
        object("POST /api/notifications/{id}/read", Set.of("lisi"), "/api/notifications/" + f.notification + "/read", f.notification,
            null, Set.of("lisi"));
        row("POST /api/notifications/read-all", ALL, "/api/notifications/read-all", null);
    }

    private void org() {
        String zhangsan = f.userIds.get("zhangsan");
        row("GET /api/users", ALL, "/api/users?q=zhang", null);
        row("GET /api/users/{id}", ALL, "/api/users/" + zhangsan, null);
        row("POST /api/users", ADMINS, "/api/users", "{}");
        row("PATCH /api/users/{id}", ADMINS, "/api/users/" + zhangsan, "{}");
        row("PUT /api/users/{id}/password", ADMINS, "/api/users/" + zhangsan + "/password", "{\"password\": \"short\"}");
        row("GET /api/departments", ALL, "/api/departments", null);
        row("POST /api/departments", ADMINS, "/api/departments", "{}");
        row("PATCH /api/departments/{id}", ADMINS, "/api/departments/" + f.adminDept, "{}");
        row("POST /api/org/import", ADMINS, "/api/org/import", "{}");
        row("GET /api/audit", READ_ALL, "/api/audit", null);
        row("GET /api/audit/verify", READ_ALL, "/api/audit/verify", null);
    }

    private void seals() {
        String spare = "/api/seals/" + f.spareSeal;
        row("GET /api/seals", ALL, "/api/seals", null);
        row("GET /api/seals/{id}", ALL, "/api/seals/" + f.contractSeal, null);
        row("POST /api/seals", SEAL_ADMINS, "/api/seals", "{}");
        row("PATCH /api/seals/{id}", SEAL_ADMINS, spare, "{}");
        row("POST /api/seals/{id}/suspend", SEAL_ADMINS, spare + "/suspend", null);
        row("POST /api/seals/{id}/resume", SEAL_ADMINS, spare + "/resume", null);
        row("POST /api/seals/{id}/report-lost", plus(SEAL_ADMINS, "wushi"), spare + "/report-lost", null);
        row("POST /api/seals/{id}/destroy", SEAL_ADMINS, spare + "/destroy", null);
    }

    private void devices() {
        String d = "/api/devices/" + f.device;
        row("GET /api/devices", FLEET_READERS, "/api/devices", null);
        row("GET /api/devices/{id}", FLEET_READERS, d, null);
        row("GET /api/devices/{id}/events", FLEET_READERS, d + "/events", null);
        row("POST /api/devices", SEAL_ADMINS, "/api/devices", "{}");
        row("POST /api/devices/{id}/enrolment-code", SEAL_ADMINS, d + "/enrolment-code", null);
        row("POST /api/devices/{id}/ping", SEAL_ADMINS, d + "/ping", null);
        row("POST /api/devices/{id}/disable", SEAL_ADMINS, d + "/disable", null);
        row("POST /api/devices/{id}/enable", SEAL_ADMINS, d + "/enable", null);
        row("POST /api/device-keys/rotate", ADMINS, "/api/device-keys/rotate", null);
    }

    private void evidence() {
        row("GET /api/evidence", EVIDENCE_READERS, "/api/evidence", null);
        row("GET /api/evidence/anomalies", EVIDENCE_READERS, "/api/evidence/anomalies", null);
        // no press exists in a fresh demo: readers get the press's 404, everyone else the role's 403
        rows.add(new Row("GET /api/evidence/{pressId}", Kind.ABSENT, EVIDENCE_READERS, a -> "/api/evidence/" + FORGED, a -> null,
            null, ALL));
        // a photo is also open to the applicant of the press's request and the custodians of its seal, so the press is
        // looked up first and an unknown press is a 404 for everyone logged in (DemoJourneyTest covers real photos)
        rows.add(new Row("GET /api/evidence/{pressId}/photo", Kind.ABSENT, ALL, a -> "/api/evidence/" + FORGED + "/photo",
            a -> null, null, ALL));
        // the approved document beside the photo is for the evidence readers only
        rows.add(new Row("GET /api/evidence/{pressId}/document", Kind.ABSENT, EVIDENCE_READERS,
            a -> "/api/evidence/" + FORGED + "/document", a -> null, null, ALL));
        // reviewing is security staff's work; auditors only read
        rows.add(new Row("POST /api/evidence/{pressId}/review", Kind.ABSENT, Set.of("anbao", "admin"),
            a -> "/api/evidence/" + FORGED + "/review", a -> "{\"verdict\": \"OK\"}", null, ALL));
    }

    private void flows() {
        row("GET /api/flows", ALL, "/api/flows", null);
        row("GET /api/flows/{key}", ALL, "/api/flows/seal-use", null);
        row("GET /api/flows/{key}/versions/{v}", ALL, "/api/flows/seal-use/versions/1", null);
        row("GET /api/flows/{key}/versions/{v}/bpmn", ALL, "/api/flows/seal-use/versions/1/bpmn", null);
        JsonObject form = new JsonObject().put("amount", 1000).put("documentType", "CONTRACT").put("sealType", "CONTRACT");
        row("POST /api/flows/{key}/simulate", ALL, "/api/flows/seal-use/simulate", new JsonObject().put("form", form).encode());
        row("POST /api/flows/{key}/simulate", plus(FLOW_ADMINS, "zhangsan"), "/api/flows/seal-use/simulate",
            new JsonObject().put("form", form).put("applicantId", f.userIds.get("zhangsan")).encode());
        JsonObject draft = new JsonObject().put("name", "矩阵").put("root", new JsonObject().put("id", "start").put("type", "START")
            .put("name", "申请").put("next", new JsonObject().put("id", "a").put("type", "APPROVAL").put("name", "审批")
                .put("approvers", new JsonObject().put("type", "ROLE").put("role", "LEGAL"))));
        perActor("PUT /api/flows/{key}/draft", FLOW_ADMINS, a -> "/api/flows/mx-" + a + "/draft", a -> draft.encode());
        perActor("POST /api/flows/{key}/publish", FLOW_ADMINS, a -> "/api/flows/mx-" + a + "/publish", a -> null);
    }

    private void files() {
        object("GET /api/files/{id}", REQUEST_SEERS, "/api/files/" + f.attachedFile, f.attachedFile, null, REQUEST_SEERS);
        // a file on nothing: its uploader, and the auditor and admin who read everything
        object("GET /api/files/{id}", Set.of("zhangsan", "auditor", "admin"), "/api/files/" + f.privateFile, f.privateFile, null,
            Set.of("zhangsan", "auditor", "admin"));
    }

    private void requests() {
        String r = "/api/requests/" + f.request;
        String draft = "/api/requests/" + f.draft;
        Set<String> draftSeers = Set.of("zhangsan", "wushi", "auditor", "admin");
        row("POST /api/requests", ALL, "/api/requests", "{}");
        listing("GET /api/requests", ALL, "/api/requests?size=100", f.request, Set.of("zhangsan"));
        listing("GET /api/requests", ALL, "/api/requests?scope=todo&size=100", f.request, Set.of("lisi"));
        listing("GET /api/requests", ALL, "/api/requests?scope=seals&size=100", f.request, Set.of("wushi"));
        listing("GET /api/requests", READ_ALL, "/api/requests?scope=all&size=100", f.request, READ_ALL);
        object("GET /api/requests/{id}", REQUEST_SEERS, r, f.request, null, REQUEST_SEERS);
        object("GET /api/requests/{id}", draftSeers, draft, f.draft, null, draftSeers);
        object("PATCH /api/requests/{id}", Set.of("zhangsan"), draft, f.draft, "{\"copies\": 2}", draftSeers);
        object("POST /api/requests/{id}/comments", Set.of("zhangsan", "lisi", "wushi", "admin"), r + "/comments", f.request,
            "{\"text\": \"矩阵\"}", REQUEST_SEERS);
        object("POST /api/requests/{id}/urge", Set.of("zhangsan"), r + "/urge", f.request, null, REQUEST_SEERS);
        // the request has no handle task yet: nobody completes one (the custodian rule itself: request tests)
        object("POST /api/requests/{id}/handle", NOBODY, r + "/handle", f.request,
            "{\"taskId\": \"" + FORGED + "\", \"reason\": \"矩阵\"}", REQUEST_SEERS);
        object("POST /api/requests/{id}/submit", Set.of("zhangsan"), draft + "/submit", f.draft, null, draftSeers);
        object("POST /api/requests/{id}/resubmit", Set.of("zhangsan"), draft + "/resubmit", f.draft, null, plus(draftSeers, "lisi"));

        listing("GET /api/tasks", ALL, "/api/tasks?status=pending", f.task, Set.of("lisi"));
        String t = "/api/tasks/" + f.task;
        Set<String> lisi = Set.of("lisi");
        String chenyu = f.userIds.get("chenyu");
        // lisi sends an invalid body (the task must stay); everyone else a valid one, so only authorisation stops them
        String toUser = new JsonObject().put("toUserId", chenyu).encode();
        String signers = new JsonObject().put("userIds", new io.vertx.core.json.JsonArray().add(chenyu)).put("position", "AFTER").encode();
        objectPer("POST /api/tasks/{id}/transfer", lisi, t + "/transfer", f.task, a -> lisi.contains(a) ? "{}" : toUser, lisi);
        objectPer("POST /api/tasks/{id}/delegate", lisi, t + "/delegate", f.task, a -> lisi.contains(a) ? "{}" : toUser, lisi);
        objectPer("POST /api/tasks/{id}/add-signers", lisi, t + "/add-signers", f.task, a -> lisi.contains(a) ? "{}" : signers, lisi);
        objectPer("POST /api/tasks/{id}/return", lisi, t + "/return", f.task,
            a -> lisi.contains(a) ? "{\"toNodeId\": \"" + FORGED + "\"}" : "{\"toNodeId\": \"start\"}", lisi);
        object("POST /api/tasks/{id}/approve", lisi, t + "/approve", f.task, "{\"comment\": \"同意\"}", lisi);
        object("POST /api/tasks/{id}/reject", lisi, t + "/reject", f.task, "{\"comment\": \"晚了\"}", lisi);
        object("POST /api/requests/{id}/withdraw", Set.of("zhangsan"), r + "/withdraw", f.request, null, plus(REQUEST_SEERS, "wangwu"));
    }

    private void archive() {
        row("GET /api/archive", ALL, "/api/archive?q=%E5%90%88%E5%90%8C", null);
        row("GET /api/archive/chain/verify", READ_ALL, "/api/archive/chain/verify", null);
        row("POST /api/archive/export", READ_ALL, "/api/archive/export", null);
        // nothing is archived in a fresh demo: the record is looked up first, so an unknown number is a 404 for everyone
        rows.add(new Row("GET /api/archive/{no}", Kind.ABSENT, ALL, a -> "/api/archive/GD-2026-999999", a -> null, null, ALL));
        rows.add(new Row("GET /api/archive/{no}/evidence.pdf", Kind.ABSENT, ALL, a -> "/api/archive/GD-2026-999999/evidence.pdf",
            a -> null, null, ALL));
        // the public verification page: the code is the credential, an unknown one is a 4xx for all
        row("GET /api/verify/{code}", Kind.CREDENTIAL, ALL, "/api/verify/" + FORGED.toUpperCase(java.util.Locale.ROOT), null);
    }

    private void stats() {
        Set<String> fleet = plus(STATS_READERS, "anbao");
        for (String path : List.of("summary", "trend", "flows", "nodes?flowKey=seal-use", "bottlenecks", "departments", "export.xlsx",
            "export.csv?table=flows")) {
            String name = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            row("GET /api/stats/" + name, STATS_READERS, "/api/stats/" + path, null);
        }
        row("GET /api/stats/seals", fleet, "/api/stats/seals", null);
        row("GET /api/stats/devices", fleet, "/api/stats/devices", null);
    }

    private void webhooks() {
        row("GET /api/webhooks", ADMINS, "/api/webhooks", null);
        row("POST /api/webhooks", ADMINS, "/api/webhooks", "{}");
        row("GET /api/notify/deliveries", ADMINS, "/api/notify/deliveries", null);
        for (String op : List.of("GET /api/webhooks/{id}", "PATCH /api/webhooks/{id}", "DELETE /api/webhooks/{id}",
            "POST /api/webhooks/{id}/ping", "GET /api/webhooks/{id}/deliveries", "GET /api/notify/deliveries/{id}",
            "POST /api/notify/deliveries/{id}/redeliver")) {
            String path = op.substring(op.indexOf(' ') + 1).replace("{id}", FORGED);
            String body = op.startsWith("PATCH") ? "{\"active\": false}" : null;
            rows.add(new Row(op, Kind.ABSENT, ADMINS, a -> path, a -> body, null, ALL));
        }
    }
}
