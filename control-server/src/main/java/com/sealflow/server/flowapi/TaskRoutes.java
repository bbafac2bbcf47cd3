package com.sealflow.server.flowapi;

import static com.sealflow.server.request.ApprovalProblems.guard;
import static com.sealflow.server.request.ApprovalProblems.reply;

import com.sealflow.server.approval.ActionResult;
import com.sealflow.server.approval.ApprovalCommand;
import com.sealflow.server.approval.ApprovalEngine;
import com.sealflow.server.approval.ApproverResolver;
import com.sealflow.server.approval.Page;
import com.sealflow.server.approval.TaskView;
import com.sealflow.server.approval.model.SignerPosition;
import com.sealflow.server.request.EngineApprovals;
import com.sealflow.server.request.RequestService;
import com.sealflow.server.seal.DomainException;
import com.sealflow.server.seal.Fields;
import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.JsonBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@code /api/tasks}: an approver's to-do and done lists and the decisions on a task. Every decision goes to the
 * engine as one command (with the caller's Idempotency-Key); a task of a frozen request (lost seal) is refused.
 */
public final class TaskRoutes implements ApiRoutes {

    private static final int MAX_SIZE = 200;

    private final ApprovalEngine engine;
    private final RequestService requests;
    private final ApproverResolver names;

    public TaskRoutes(ApprovalEngine engine, RequestService requests, ApproverResolver names) {
        this.engine = engine;
        this.requests = requests;
        this.names = names;
    }

    @Override
    public void mount(Router r) {
        r.get("/api/tasks").handler(Access.requireAuth()).handler(this::list);
        decide(r, "approve", (me, f) -> new ApprovalCommand.Approve(f.taskId, me, f.comment()));
        decide(r, "reject", (me, f) -> new ApprovalCommand.Reject(f.taskId, me, f.comment()));
        decide(r, "return", (me, f) -> new ApprovalCommand.Return(f.taskId, me, f.required("toNodeId"), f.comment()));
        decide(r, "transfer", (me, f) -> new ApprovalCommand.Transfer(f.taskId, me, f.required("toUserId"), f.comment()));
        decide(r, "delegate", (me, f) -> new ApprovalCommand.Delegate(f.taskId, me, f.required("toUserId"), f.comment()));
        decide(r, "add-signers", (me, f) -> {
            List<String> users = f.fields.textList("userIds", 1, 20, 64);
            String name = f.fields.text("position", true, 16);
            SignerPosition position = name == null ? null : position(name);
            if (name != null && position == null) {
                f.fields.error("position", "must be BEFORE, AFTER or PARALLEL");
            }
            String comment = f.comment();
            f.fields.check();
            return new ApprovalCommand.AddSigners(f.taskId, me, users, position, comment);
        });
    }

    @Override
    public String openApiFragment() {
        return "openapi/task.json";
    }

    /** A decision body with its task id; field errors are collected and thrown as one 422. */
    private record Body(String taskId, Fields fields) {

        String comment() {
            return fields.text("comment", false, 2000);
        }

        String required(String key) {
            String v = fields.text(key, true, 64);
            fields.check();
            return v;
        }
    }

    private void decide(Router r, String name, BiFunction<String, Body, ApprovalCommand> command) {
        r.post("/api/tasks/:id/" + name).handler(Access.requireAuth()).handler(ctx -> guard(ctx, () -> {
            CurrentUser me = CurrentUser.of(ctx);
            String taskId = ctx.pathParam("id");
            JsonObject json = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : JsonBody.of(ctx).json();
            Body body = new Body(taskId, new Fields(json));
            ApprovalCommand cmd = command.apply(me.id(), body);
            body.fields().check();
            String key = ctx.request().getHeader("Idempotency-Key");
            Future<JsonObject> done = engine.task(taskId).compose(task -> {
                if (!me.id().equals(task.assigneeId())) {
                    // not the caller's task: do not reveal whose it is
                    throw DomainException.notFound("task");
                }
                return requests.requireActionable(task.businessKey());
            }).compose(v -> engine.execute(cmd, key == null ? null : me.id() + ":" + key)).map(TaskRoutes::result);
            reply(ctx, done, 200, j -> j);
        }));
    }

    private void list(RoutingContext ctx) {
        guard(ctx, () -> {
            CurrentUser me = CurrentUser.of(ctx);
            String status = ctx.request().getParam("status");
            int page = intParam(ctx, "page", 1);
            int size = intParam(ctx, "size", 20);
            if (page < 1 || size < 1 || size > MAX_SIZE) {
                throw DomainException.invalid("size", "page from 1, size from 1 to " + MAX_SIZE);
            }
            Future<Page<TaskView>> tasks;
            if (status == null || status.isBlank() || "pending".equals(status)) {
                tasks = engine.todo(me.id(), page - 1, size);
            } else if ("done".equals(status)) {
                tasks = engine.done(me.id(), page - 1, size);
            } else if ("cc".equals(status)) {
                tasks = engine.carbonCopies(me.id(), page - 1, size);
            } else {
                throw DomainException.invalid("status", "must be pending, done or cc");
            }
            reply(ctx, tasks.compose(p -> {
                Set<String> people = new LinkedHashSet<>();
                p.items().forEach(t -> people.add(t.assigneeId()));
                return names.displayNames(people).map(n -> new JsonObject()
                    .put("items", new JsonArray(p.items().stream().map(t -> EngineApprovals.task(t, n)).toList()))
                    .put("page", page).put("size", size).put("total", p.total()));
            }), 200, j -> j);
        });
    }

    private static SignerPosition position(String name) {
        for (SignerPosition p : SignerPosition.values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static JsonObject result(ActionResult r) {
        return new JsonObject().put("instanceId", r.instanceId()).put("status", String.valueOf(r.status()))
            .put("newTaskIds", new JsonArray(r.newTaskIds()));
    }

    private static int intParam(RoutingContext ctx, String name, int fallback) {
        String raw = ctx.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid(name, "must be an integer");
        }
    }
}
