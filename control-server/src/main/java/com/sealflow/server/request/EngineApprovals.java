package com.sealflow.server.request;

import com.sealflow.server.approval.ApprovalCommand;
import com.sealflow.server.approval.ApprovalEngine;
import com.sealflow.server.approval.ApprovalNotFoundException;
import com.sealflow.server.approval.ApproverResolver;
import com.sealflow.server.approval.FlowJson;
import com.sealflow.server.approval.FlowSummary;
import com.sealflow.server.approval.HistoryEntry;
import com.sealflow.server.approval.InstanceView;
import com.sealflow.server.approval.Page;
import com.sealflow.server.approval.StartCommand;
import com.sealflow.server.approval.TaskView;
import com.sealflow.server.seal.DomainException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** {@link ApprovalPort} over the approval engine's facade. */
public final class EngineApprovals implements ApprovalPort {

    /** The engine's largest page. */
    private static final int PAGE = 500;
    /** Enough for any person's list; longer lists are a sign of a stuck process, not a page to show. */
    private static final int MAX_PAGES = 20;

    /** Engine task states that still await someone (the engine's TaskStatus.isOpen). */
    private static final Set<String> OPEN = Set.of("PENDING", "WAITING", "DELEGATED");

    private final ApprovalEngine engine;
    private final ApproverResolver names;

    public EngineApprovals(ApprovalEngine engine, ApproverResolver names) {
        this.engine = engine;
        this.names = names;
    }

    @Override
    public Future<List<FormField>> formFields(String flowKey) {
        return engine.flows().compose(flows -> {
            FlowSummary summary = flows.stream().filter(f -> f.key().equals(flowKey)).findFirst().orElse(null);
            if (summary == null || summary.latestVersion() < 1) {
                throw DomainException.invalid("sealIds", "the flow " + flowKey + " for these seals is not published yet");
            }
            return engine.version(flowKey, summary.latestVersion());
        }).map(FlowJson::write).map(EngineApprovals::formFieldsOf);
    }

    /** The published flow's custom fields, read from its designer JSON. */
    static List<FormField> formFieldsOf(String flowJson) {
        JsonArray fields = new JsonObject(flowJson).getJsonArray("formFields", new JsonArray());
        List<FormField> out = new ArrayList<>();
        for (Object o : fields) {
            if (o instanceof JsonObject f && f.getValue("key") instanceof String key) {
                JsonArray options = f.getValue("options") instanceof JsonArray a ? a : new JsonArray();
                out.add(new FormField(key, f.getString("label", key), f.getString("type", "text"),
                    Boolean.TRUE.equals(f.getValue("required")), options.stream().map(String::valueOf).toList()));
            }
        }
        return out;
    }

    @Override
    public Future<Void> start(String flowKey, String requestId, String applicantId, Map<String, Object> facts) {
        return engine.start(new StartCommand(flowKey, requestId, applicantId, facts, null)).mapEmpty();
    }

    @Override
    public Future<Void> start(String flowKey, String requestId, String applicantId, Map<String, Object> facts,
                              Function<SqlConnection, Future<Void>> first) {
        return engine.start(new StartCommand(flowKey, requestId, applicantId, facts, null), first).mapEmpty();
    }

    @Override
    public Future<Void> resubmit(String instanceId, String applicantId, Map<String, Object> facts) {
        return engine.execute(new ApprovalCommand.Resubmit(instanceId, applicantId, facts, null), null).mapEmpty();
    }

    @Override
    public Future<Void> withdraw(String instanceId, String actorId) {
        return engine.execute(new ApprovalCommand.Withdraw(instanceId, actorId, null), null).mapEmpty();
    }

    @Override
    public Future<Void> urge(String instanceId, String actorId) {
        return engine.execute(new ApprovalCommand.Urge(instanceId, actorId), null).mapEmpty();
    }

    @Override
    public Future<Void> completeHandle(String taskId, String actorId, String comment) {
        return engine.execute(new ApprovalCommand.CompleteHandle(taskId, actorId, comment), null).mapEmpty();
    }

    @Override
    public Future<TaskRef> task(String taskId) {
        return engine.task(taskId)
            .map(t -> new TaskRef(t.id(), t.instanceId(), t.businessKey(), t.assigneeId(), String.valueOf(t.kind()),
                OPEN.contains(String.valueOf(t.status()))))
            .recover(e -> e instanceof ApprovalNotFoundException ? Future.succeededFuture(null) : Future.failedFuture(e));
    }

    @Override
    public Future<JsonObject> view(SqlClient reads, String instanceId) {
        return engine.instance(reads, instanceId).compose(v -> {
            Set<String> people = new LinkedHashSet<>();
            v.currentNodes().forEach(n -> people.addAll(n.assigneeIds()));
            v.tasks().forEach(t -> people.add(t.assigneeId()));
            v.history().forEach(h -> people.add(h.actorId()));
            people.remove(null);
            return names.displayNames(reads, people).map(n -> toJson(v, n));
        });
    }

    @Override
    public Future<Boolean> involves(SqlClient reads, String instanceId, String userId) {
        return engine.instance(reads, instanceId).map(v -> v.tasks().stream()
            .anyMatch(t -> userId.equals(t.assigneeId()) || userId.equals(t.actorId())))
            .recover(e -> e instanceof ApprovalNotFoundException ? Future.succeededFuture(false) : Future.failedFuture(e));
    }

    @Override
    public Future<List<String>> requestIdsOf(String userId, Scope scope) {
        return collect(userId, scope, 0, new LinkedHashSet<>()).map(List::copyOf);
    }

    private Future<Set<String>> collect(String userId, Scope scope, int page, Set<String> into) {
        Future<Page<TaskView>> next = switch (scope) {
            case TODO -> engine.todo(userId, page, PAGE);
            case DONE -> engine.done(userId, page, PAGE);
            case CC -> engine.carbonCopies(userId, page, PAGE);
        };
        return next.compose(p -> {
            p.items().forEach(t -> into.add(t.businessKey()));
            boolean more = (long) (page + 1) * PAGE < p.total() && page + 1 < MAX_PAGES;
            return more ? collect(userId, scope, page + 1, into) : Future.succeededFuture(into);
        });
    }

    static JsonObject toJson(InstanceView v, Map<String, String> names) {
        JsonArray current = new JsonArray();
        for (InstanceView.CurrentNode n : v.currentNodes()) {
            current.add(new JsonObject().put("nodeId", n.nodeId()).put("name", n.name()).put("assignees", people(n.assigneeIds(), names)));
        }
        JsonArray tasks = new JsonArray();
        v.tasks().forEach(t -> tasks.add(task(t, names)));
        JsonArray timeline = new JsonArray();
        for (HistoryEntry h : v.history()) {
            timeline.add(new JsonObject().put("seq", h.seq()).put("at", h.at()).put("actorId", h.actorId())
                .put("actorName", h.actorId() == null ? null : names.getOrDefault(h.actorId(), h.actorId()))
                .put("kind", h.action()).put("nodeId", h.nodeId()).put("taskId", h.taskId()).put("comment", h.comment())
                .put("detail", h.detail()));
        }
        return new JsonObject().put("instanceId", v.id()).put("instanceStatus", String.valueOf(v.status())).put("round", v.round())
            .put("currentNodes", current).put("tasks", tasks).put("timeline", timeline);
    }

    /** A task as the tasks list and the request detail show it. */
    public static JsonObject task(TaskView t, Map<String, String> names) {
        return new JsonObject().put("id", t.id()).put("instanceId", t.instanceId()).put("requestId", t.businessKey())
            .put("flowKey", t.flowKey()).put("nodeId", t.nodeId()).put("nodeName", t.nodeName()).put("kind", String.valueOf(t.kind()))
            .put("assigneeId", t.assigneeId()).put("assigneeName", names.getOrDefault(t.assigneeId(), t.assigneeId()))
            .put("status", String.valueOf(t.status())).put("round", t.round()).put("parentTaskId", t.parentTaskId())
            .put("createdAt", t.createdAt()).put("completedAt", t.completedAt()).put("dueAt", t.dueAt())
            .put("actorId", t.actorId()).put("comment", t.comment());
    }

    private static JsonArray people(Collection<String> ids, Map<String, String> names) {
        List<JsonObject> out = new ArrayList<>();
        ids.forEach(id -> out.add(new JsonObject().put("id", id).put("name", names.getOrDefault(id, id))));
        return new JsonArray(out);
    }
}
