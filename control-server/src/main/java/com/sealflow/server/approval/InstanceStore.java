package com.sealflow.server.approval;

import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** SQL for instances, tasks, history and idempotency keys: the engine's only reads and writes of runtime state. */
final class InstanceStore {

    static final String INSTANCE_COLS = "id, flow_key, flow_version, business_key, applicant_id, status, round, facts_json,"
        + " state_json, started_at, updated_at, ended_at, last_urged_at, next_task_no, history_seq";
    static final String TASK_COLS = "id, instance_id, task_no, node_id, kind, assignee_id, status, round, activation,"
        + " parent_task_id, created_at, completed_at, due_at, remind_at, reminders, actor_id, comment";

    private final Database db;
    /** Statements issued, for the per-action figure in benchmarks and tests. */
    final AtomicLong statements = new AtomicLong();

    InstanceStore(Database db) {
        this.db = db;
    }

    Future<RowSet<Row>> sql(SqlClient c, String sql, Object... params) {
        statements.incrementAndGet();
        return db.execute(c, sql, params);
    }

    Future<InstanceState> instance(SqlClient c, String id, boolean lock) {
        return sql(c, "SELECT " + INSTANCE_COLS + " FROM approval_instance WHERE id = $1" + (lock ? db.forUpdate() : ""), id)
            .map(rs -> rs.size() == 0 ? null : toInstance(rs.iterator().next()));
    }

    /** The instance of a task, locked as {@link #instance} locks it: one statement for the lookup and the lock. */
    Future<InstanceState> instanceOfTask(SqlClient c, String taskId) {
        return sql(c, "SELECT " + INSTANCE_COLS + " FROM approval_instance WHERE id ="
            + " (SELECT instance_id FROM approval_task WHERE id = $1)" + db.forUpdate(), taskId)
            .map(rs -> rs.size() == 0 ? null : toInstance(rs.iterator().next()));
    }

    Future<String> instanceIdOfBusinessKey(SqlClient c, String businessKey) {
        return sql(c, "SELECT id FROM approval_instance WHERE business_key = $1", businessKey)
            .map(rs -> rs.size() == 0 ? null : rs.iterator().next().getString(0));
    }

    Future<List<TaskState>> tasks(SqlClient c, String instanceId) {
        return sql(c, "SELECT " + TASK_COLS + " FROM approval_task WHERE instance_id = $1 ORDER BY task_no", instanceId)
            .map(rs -> {
                List<TaskState> out = new ArrayList<>();
                rs.forEach(r -> out.add(toTask(r)));
                return out;
            });
    }

    Future<List<HistoryEntry>> history(SqlClient c, String instanceId) {
        return sql(c, "SELECT seq, at, actor_id, action, node_id, task_id, comment, detail FROM approval_history"
            + " WHERE instance_id = $1 ORDER BY seq", instanceId).map(rs -> {
                List<HistoryEntry> out = new ArrayList<>();
                rs.forEach(r -> out.add(new HistoryEntry(r.getInteger("seq"), r.getLong("at"), r.getString("actor_id"),
                    r.getString("action"), r.getString("node_id"), r.getString("task_id"), r.getString("comment"),
                    r.getString("detail"))));
                return out;
            });
    }

    Future<Void> insertInstance(SqlClient c, InstanceState s, long now) {
        return sql(c, "INSERT INTO approval_instance (" + INSTANCE_COLS + ") VALUES"
                + " ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
            s.id, s.flowKey, s.flowVersion, s.businessKey, s.applicantId, s.status.name(), s.round, json(s.facts),
            state(s), s.startedAt, now, s.endedAt, s.lastUrgedAt, s.nextTaskNo, s.historySeq)
            .mapEmpty();
    }

    Future<Void> updateInstance(SqlClient c, InstanceState s, long now) {
        return sql(c, "UPDATE approval_instance SET status = $1, round = $2, facts_json = $3, state_json = $4,"
                + " updated_at = $5, ended_at = $6, last_urged_at = $7, next_task_no = $8, history_seq = $9 WHERE id = $10",
            s.status.name(), s.round, json(s.facts), state(s), now, s.endedAt,
            s.lastUrgedAt, s.nextTaskNo, s.historySeq, s.id).mapEmpty();
    }

    /** Inserts new tasks (one statement) and updates changed ones; {@code known} are the ids that exist in the database. */
    Future<Void> saveTasks(SqlClient c, Collection<TaskState> changed, java.util.Set<String> known) {
        Future<Void> f = Future.succeededFuture();
        List<Object[]> inserts = new ArrayList<>();
        for (TaskState t : changed) {
            if (known.contains(t.id)) {
                f = f.compose(v -> sql(c, "UPDATE approval_task SET status = $1, completed_at = $2, due_at = $3, remind_at = $4,"
                        + " reminders = $5, actor_id = $6, comment = $7 WHERE id = $8",
                    t.status.name(), t.completedAt, t.dueAt, t.remindAt, t.reminders, t.actorId, t.comment, t.id).mapEmpty());
            } else {
                inserts.add(new Object[] {t.id, t.instanceId, t.no, t.nodeId, t.kind.name(), t.assigneeId, t.status.name(), t.round,
                    t.activation, t.parentTaskId, t.createdAt, t.completedAt, t.dueAt, t.remindAt, t.reminders, t.actorId, t.comment});
            }
        }
        return inserts.isEmpty() ? f : f.compose(v -> insertRows(c, "approval_task (" + TASK_COLS + ")", inserts));
    }

    /** Inserts the entries in one statement. */
    Future<Void> insertHistory(SqlClient c, String instanceId, List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Object[]> rows = new ArrayList<>();
        for (HistoryEntry h : entries) {
            rows.add(new Object[] {instanceId, h.seq(), h.at(), h.actorId(), h.action(), h.nodeId(), h.taskId(), h.comment(),
                h.detail()});
        }
        return insertRows(c, "approval_history (instance_id, seq, at, actor_id, action, node_id, task_id, comment, detail)", rows);
    }

    /** One multi-row INSERT ({@code VALUES ($1, …), ($n, …)}), valid on SQLite and PostgreSQL. */
    private Future<Void> insertRows(SqlClient c, String into, List<Object[]> rows) {
        StringBuilder q = new StringBuilder("INSERT INTO ").append(into).append(" VALUES ");
        List<Object> params = new ArrayList<>();
        for (Object[] row : rows) {
            q.append(params.isEmpty() ? "(" : ", (");
            for (int i = 0; i < row.length; i++) {
                params.add(row[i]);
                q.append(i == 0 ? "$" : ", $").append(params.size());
            }
            q.append(')');
        }
        return sql(c, q.toString(), params.toArray()).mapEmpty();
    }

    /** The stored result for an idempotency key: [fingerprint, result json], or null. */
    Future<String[]> idempotent(SqlClient c, String actorId, String key) {
        return sql(c, "SELECT fingerprint, result_json FROM approval_idempotency WHERE actor_id = $1 AND idem_key = $2",
            actorId, key).map(rs -> {
                if (rs.size() == 0) {
                    return null;
                }
                Row r = rs.iterator().next();
                return new String[] {r.getString(0), r.getString(1)};
            });
    }

    Future<Void> remember(SqlClient c, String actorId, String key, String fingerprint, String resultJson, long now) {
        return sql(c, "INSERT INTO approval_idempotency (actor_id, idem_key, fingerprint, result_json, created_at)"
            + " VALUES ($1, $2, $3, $4, $5)", actorId, key, fingerprint, resultJson, now).mapEmpty();
    }

    static InstanceState toInstance(Row r) {
        InstanceState s = new InstanceState();
        s.id = r.getString("id");
        s.flowKey = r.getString("flow_key");
        s.flowVersion = r.getInteger("flow_version");
        s.businessKey = r.getString("business_key");
        s.applicantId = r.getString("applicant_id");
        s.status = InstanceStatus.valueOf(r.getString("status"));
        s.round = r.getInteger("round");
        s.facts = readFacts(r.getString("facts_json"));
        Map<String, Object> st = FlowJson.map(Json.parse(r.getString("state_json")), null, "state");
        s.joins = counters(st.get("joins"));
        s.activations = counters(st.get("activations"));
        s.startedAt = r.getLong("started_at");
        s.endedAt = r.getLong("ended_at");
        s.lastUrgedAt = r.getLong("last_urged_at");
        s.nextTaskNo = r.getInteger("next_task_no");
        s.historySeq = r.getInteger("history_seq");
        return s;
    }

    static TaskState toTask(Row r) {
        TaskState t = new TaskState();
        t.id = r.getString("id");
        t.instanceId = r.getString("instance_id");
        t.no = r.getInteger("task_no");
        t.nodeId = r.getString("node_id");
        t.kind = TaskKind.valueOf(r.getString("kind"));
        t.assigneeId = r.getString("assignee_id");
        t.status = TaskStatus.valueOf(r.getString("status"));
        t.round = r.getInteger("round");
        t.activation = r.getInteger("activation");
        t.parentTaskId = r.getString("parent_task_id");
        t.createdAt = r.getLong("created_at");
        t.completedAt = r.getLong("completed_at");
        t.dueAt = r.getLong("due_at");
        t.remindAt = r.getLong("remind_at");
        t.reminders = r.getInteger("reminders");
        t.actorId = r.getString("actor_id");
        t.comment = r.getString("comment");
        return t;
    }

    static Map<String, Object> readFacts(String json) {
        return new LinkedHashMap<>(FlowJson.map(Json.parse(json), null, "facts"));
    }

    private static String state(InstanceState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("joins", s.joins);
        m.put("activations", s.activations);
        return Json.write(m);
    }

    private static Map<String, Integer> counters(Object o) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), ((Number) v).intValue()));
        }
        return out;
    }

    static String json(Object o) {
        return Json.write(o);
    }

    static String resultJson(ActionResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instanceId", r.instanceId());
        m.put("status", r.status());
        m.put("newTaskIds", r.newTaskIds());
        return Json.write(m);
    }

    static ActionResult readResult(String json) {
        Map<String, Object> m = FlowJson.map(Json.parse(json), null, "result");
        return new ActionResult((String) m.get("instanceId"), InstanceStatus.valueOf((String) m.get("status")),
            FlowJson.list(m.get("newTaskIds"), null, "newTaskIds").stream().map(Object::toString).toList());
    }
}
