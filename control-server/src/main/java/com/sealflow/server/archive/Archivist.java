package com.sealflow.server.archive;

import com.sealflow.server.approval.ApprovalEngine;
import com.sealflow.server.approval.HistoryEntry;
import com.sealflow.server.approval.InstanceView;
import com.sealflow.server.approval.TaskView;
import com.sealflow.server.device.DeviceCommands;
import com.sealflow.server.evidence.EvidenceQueries;
import com.sealflow.server.file.FileService;
import com.sealflow.server.org.Directory;
import com.sealflow.server.org.User;
import com.sealflow.server.request.RequestService;
import com.sealflow.server.request.SealRequest;
import com.sealflow.server.seal.Seal;
import com.sealflow.server.seal.SealService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers what an archive record keeps, through the other modules' public APIs only: the request, its seals and files,
 * the approval chain with people, times and comments, the unlock commands and tokens, and every press with its counter,
 * time, device, photo hash, flags and review. The result is a plain JSON body; the store hashes and chains it.
 */
final class Archivist {

    /** The modules the archive reads from. */
    record Sources(Pool pool, RequestService requests, ApprovalEngine engine, Directory directory, SealService seals,
                   FileService files, EvidenceQueries evidence, DeviceCommands devices, String company) {
    }

    private final Sources s;

    Archivist(Sources sources) {
        this.s = sources;
    }

    /** The record body of a finished request (without number and code: the service adds them). */
    Future<JsonObject> gather(String requestId) {
        return s.requests().find(s.pool(), requestId).compose(found -> {
            SealRequest r = found.orElseThrow(() -> new IllegalStateException("request " + requestId + " does not exist"));
            Future<InstanceView> approval = r.instanceId() == null ? Future.succeededFuture(null) : s.engine().instance(r.instanceId());
            return Future.all(approval, s.seals().byIds(s.pool(), r.sealIds()), s.evidence().pressesOf(requestId),
                    s.devices().unlocksOf(requestId), files(r.fileIds()))
                .compose(all -> {
                    InstanceView v = all.resultAt(0);
                    Set<String> people = new LinkedHashSet<>();
                    people.add(r.applicantId());
                    if (v != null) {
                        v.tasks().forEach(t -> {
                            people.add(t.assigneeId());
                            people.add(t.actorId());
                        });
                        v.history().forEach(h -> people.add(h.actorId()));
                    }
                    JsonArray presses = all.resultAt(2);
                    presses.forEach(p -> people.add(((JsonObject) p).getJsonObject("review") == null ? null
                        : ((JsonObject) p).getJsonObject("review").getString("by")));
                    people.remove(null);
                    return Future.all(names(people), department(r.departmentId())).map(n -> body(r, v, all.resultAt(1), presses,
                        all.resultAt(3), all.resultAt(4), n.resultAt(0), n.resultAt(1)));
                });
        });
    }

    Future<Map<String, String>> names(Set<String> ids) {
        return names(s.pool(), ids);
    }

    /** Display names, read on {@code client} (inside a transaction: its connection, never a second one from the pool). */
    Future<Map<String, String>> names(io.vertx.sqlclient.SqlClient client, Set<String> ids) {
        return s.directory().users(client, ids).map(users -> {
            Map<String, String> out = new HashMap<>();
            for (User u : users) {
                out.put(u.id(), u.name());
            }
            return out;
        });
    }

    private Future<JsonObject> department(String id) {
        if (id == null) {
            return Future.succeededFuture(null);
        }
        return s.directory().department(s.pool(), id).map(d -> d.map(x -> new JsonObject().put("id", x.id()).put("name", x.name()))
            .orElse(new JsonObject().put("id", id)));
    }

    private Future<JsonArray> files(List<String> ids) {
        JsonArray out = new JsonArray();
        Future<Void> chain = Future.succeededFuture();
        for (String id : ids) {
            chain = chain.compose(v -> s.files().find(s.pool(), id).map(f -> {
                f.ifPresent(x -> out.add(new JsonObject().put("id", x.id()).put("name", x.name()).put("size", x.size())
                    .put("sha256", x.sha256()).put("contentType", x.contentType())));
                return null;
            }));
        }
        return chain.map(out);
    }

    private JsonObject body(SealRequest r, InstanceView v, List<Seal> seals, JsonArray presses, JsonArray unlocks, JsonArray files,
                            Map<String, String> names, JsonObject department) {
        JsonObject request = new JsonObject().put("id", r.id()).put("no", r.no()).put("type", r.type().name())
            .put("status", r.status().name()).put("documentType", r.documentType().name()).put("documentName", r.documentName())
            .put("copies", r.copies()).put("reason", r.reason())
            .put("amount", r.amount() == null ? null : r.amount().stripTrailingZeros().toPlainString())
            .put("counterparty", r.counterparty()).put("form", r.form().copy())
            .put("applicant", person(r.applicantId(), names)).put("department", department)
            .put("flow", new JsonObject().put("key", r.flowKey()).put("version", r.flowVersion()))
            .put("createdAt", r.createdAt()).put("submittedAt", r.submittedAt()).put("finishedAt", r.finishedAt())
            .put("files", files);
        if (r.takeOut() != null) {
            request.put("takeOut", new JsonObject().put("expectedReturnAt", r.takeOut().expectedReturnAt())
                .put("destination", r.takeOut().destination()));
        }
        JsonArray sealJson = new JsonArray();
        for (String id : r.sealIds()) {
            seals.stream().filter(x -> x.id().equals(id)).findFirst().ifPresentOrElse(
                x -> sealJson.add(new JsonObject().put("id", x.id()).put("code", x.code()).put("name", x.name())
                    .put("type", x.type().name()).put("deviceId", x.deviceId()).put("slot", x.slot())),
                () -> sealJson.add(new JsonObject().put("id", id)));
        }
        JsonArray pressJson = new JsonArray();
        for (Object o : presses) {
            JsonObject p = ((JsonObject) o).copy();
            p.remove("photoStored");
            JsonObject review = p.getJsonObject("review");
            if (review != null) {
                review.put("byName", names.get(review.getString("by")));
            }
            pressJson.add(p);
        }
        return new JsonObject().put("schema", 1).put("company", s.company()).put("request", request).put("seals", sealJson)
            .put("approval", approval(v, names)).put("unlocks", unlocks.copy()).put("presses", pressJson);
    }

    private static JsonObject approval(InstanceView v, Map<String, String> names) {
        if (v == null) {
            return null;
        }
        JsonArray tasks = new JsonArray();
        for (TaskView t : v.tasks()) {
            tasks.add(new JsonObject().put("id", t.id()).put("nodeId", t.nodeId()).put("nodeName", t.nodeName())
                .put("kind", String.valueOf(t.kind())).put("assignee", person(t.assigneeId(), names))
                .put("status", String.valueOf(t.status())).put("actor", person(t.actorId(), names)).put("comment", t.comment())
                .put("createdAt", t.createdAt()).put("completedAt", t.completedAt()).put("round", t.round()));
        }
        JsonArray history = new JsonArray();
        for (HistoryEntry h : v.history()) {
            history.add(new JsonObject().put("seq", h.seq()).put("at", h.at()).put("action", h.action()).put("nodeId", h.nodeId())
                .put("actor", person(h.actorId(), names)).put("comment", h.comment()).put("detail", h.detail()));
        }
        return new JsonObject().put("instanceId", v.id()).put("flowKey", v.flowKey()).put("flowVersion", v.flowVersion())
            .put("status", String.valueOf(v.status())).put("startedAt", v.startedAt()).put("endedAt", v.endedAt())
            .put("tasks", tasks).put("history", history);
    }

    static JsonObject person(String id, Map<String, String> names) {
        return id == null ? null : new JsonObject().put("id", id).put("name", names.getOrDefault(id, id));
    }

    /** Device ids of the record's presses and unlocks, in first-seen order. */
    static List<String> deviceIds(JsonObject body) {
        Set<String> out = new LinkedHashSet<>();
        body.getJsonArray("unlocks", new JsonArray()).forEach(u -> out.add(((JsonObject) u).getString("deviceId")));
        body.getJsonArray("presses", new JsonArray()).forEach(p -> out.add(((JsonObject) p).getString("deviceId")));
        out.remove(null);
        return new ArrayList<>(out);
    }
}
