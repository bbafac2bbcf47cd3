package com.sealflow.server.approval;

import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read-only views: an instance with tasks and history, to-do / done / CC lists. No locks. */
final class Queries {

    private static final String JOINED = "SELECT t.id, t.instance_id, t.task_no, t.node_id, t.kind, t.assignee_id, t.status,"
        + " t.round, t.activation, t.parent_task_id, t.created_at, t.completed_at, t.due_at, t.remind_at, t.reminders,"
        + " t.actor_id, t.comment, i.business_key, i.flow_key, i.flow_version"
        + " FROM approval_task t JOIN approval_instance i ON i.id = t.instance_id";

    private final Database db;
    private final InstanceStore store;
    private final FlowStore flows;

    Queries(Database db, InstanceStore store, FlowStore flows) {
        this.db = db;
        this.store = store;
        this.flows = flows;
    }

    /** The instance's reads on one connection of the read pool: one wait for it instead of three. */
    Future<InstanceView> instance(String id) {
        return db.reading(c -> instance(c, id));
    }

    /**
     * The instance, its tasks and its history, asked for at once: on one connection ({@link Database#reading}) the three
     * reads are pipelined (PostgreSQL) or run back to back (SQLite) without a wait for the pool between them.
     */
    Future<InstanceView> instance(SqlClient c, String id) {
        Future<InstanceState> instance = store.instance(c, id, false);
        Future<List<TaskState>> tasks = store.tasks(c, id);
        Future<List<HistoryEntry>> history = store.history(c, id);
        return Future.all(instance, tasks, history).compose(all -> {
            InstanceState inst = instance.result();
            if (inst == null) {
                return Future.failedFuture(new ApprovalNotFoundException("no instance " + id));
            }
            return flows.version(c, inst.flowKey, inst.flowVersion).map(flow -> view(inst, flow, tasks.result(), history.result()));
        });
    }

    Future<InstanceView> byBusinessKey(String businessKey) {
        return store.instanceIdOfBusinessKey(db.pool(), businessKey).compose(id -> id == null
            ? Future.failedFuture(new ApprovalNotFoundException("no instance for " + businessKey)) : instance(id));
    }

    private static InstanceView view(InstanceState inst, FlowIndex flow, List<TaskState> tasks, List<HistoryEntry> history) {
        Map<String, List<String>> open = new LinkedHashMap<>();
        for (TaskState t : tasks) {
            if (t.status == TaskStatus.PENDING || t.status == TaskStatus.DELEGATED) {
                open.computeIfAbsent(t.nodeId, k -> new ArrayList<>()).add(t.assigneeId);
            }
        }
        List<InstanceView.CurrentNode> current = new ArrayList<>();
        open.forEach((nodeId, users) -> current.add(new InstanceView.CurrentNode(nodeId, name(flow, nodeId), List.copyOf(users))));
        List<TaskView> views = tasks.stream().map(t -> taskView(t, inst.businessKey, flow)).toList();
        return new InstanceView(inst.id, inst.flowKey, inst.flowVersion, inst.businessKey, inst.applicantId, inst.status,
            inst.round, inst.startedAt, inst.endedAt, inst.facts, current, views, history);
    }

    private static String name(FlowIndex flow, String nodeId) {
        FlowNode n = flow.node(nodeId);
        return n == null ? nodeId : n.name();
    }

    static TaskView taskView(TaskState t, String businessKey, FlowIndex flow) {
        FlowNode n = flow.node(t.nodeId);
        return new TaskView(t.id, t.instanceId, businessKey, flow.flow.key(), t.nodeId, n == null ? t.nodeId : n.name(), t.kind,
            t.assigneeId, t.status, t.round, t.parentTaskId, t.createdAt, t.completedAt, t.dueAt, t.actorId, t.comment,
            n == null || n.fieldPermissions() == null ? Map.of() : n.fieldPermissions());
    }

    Future<TaskView> task(String taskId) {
        return db.execute(JOINED + " WHERE t.id = $1", taskId).compose(rs -> {
            if (rs.size() == 0) {
                return Future.failedFuture(new ApprovalNotFoundException("no task " + taskId));
            }
            return toViews(List.of(rs.iterator().next())).map(l -> l.get(0));
        });
    }

    Future<Page<TaskView>> todo(String userId, int page, int size) {
        return page("WHERE t.assignee_id = $1 AND t.status = 'PENDING'", "ORDER BY t.created_at, t.task_no", page, size, userId);
    }

    Future<Page<TaskView>> done(String userId, int page, int size) {
        return page("WHERE t.assignee_id = $1 AND t.actor_id = $2 AND t.kind <> '" + TaskKind.CC + "'",
            "ORDER BY t.completed_at DESC, t.task_no DESC", page, size, userId, userId);
    }

    Future<Page<TaskView>> carbonCopies(String userId, int page, int size) {
        return page("WHERE t.assignee_id = $1 AND t.kind = '" + TaskKind.CC + "'", "ORDER BY t.created_at DESC, t.task_no DESC",
            page, size, userId);
    }

    private Future<Page<TaskView>> page(String where, String order, int page, int size, Object... params) {
        if (page < 0 || size < 1 || size > 500) {
            return Future.failedFuture(ApprovalValidationException.of(null, "page >= 0 and 1 <= size <= 500"));
        }
        int n = params.length;
        Object[] withPaging = java.util.Arrays.copyOf(params, n + 2);
        withPaging[n] = size;
        withPaging[n + 1] = page * size;
        String sql = JOINED + " " + where + " " + order + " LIMIT $" + (n + 1) + " OFFSET $" + (n + 2);
        String count = "SELECT COUNT(*) FROM approval_task t " + where;
        return db.execute(count, params).compose(c -> db.execute(sql, withPaging).compose(rs -> {
            List<Row> rows = new ArrayList<>();
            rs.forEach(rows::add);
            return toViews(rows).map(items -> new Page<>(items, page, size, c.iterator().next().getLong(0)));
        }));
    }

    private Future<List<TaskView>> toViews(List<Row> rows) {
        Future<List<TaskView>> f = Future.succeededFuture(new ArrayList<>());
        for (Row r : rows) {
            TaskState t = InstanceStore.toTask(r);
            String businessKey = r.getString("business_key");
            f = f.compose(list -> flows.version(db.pool(), r.getString("flow_key"), r.getInteger("flow_version")).map(flow -> {
                list.add(taskView(t, businessKey, flow));
                return list;
            }));
        }
        return f;
    }
}
