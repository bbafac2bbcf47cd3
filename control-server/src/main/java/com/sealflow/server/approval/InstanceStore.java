package com.sealflow.server.approval;

import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SQL for instances, tasks, history and idempotency keys: the engine's only reads and writes of runtime state. */
final class InstanceStore {

    static final String INSTANCE_COLS = "id, flow_key, flow_version, business_key, applicant_id, status, round, facts_json,"
        + " state_json, started_at, updated_at, ended_at, last_urged_at, next_task_no, history_seq";
    static final String TASK_COLS = "id, instance_id, task_no, node_id, kind, assignee_id, status, round, activation,"
        + " parent_task_id, created_at, completed_at, due_at, remind_at, reminders, actor_id, comment";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");
    private static final String UPDATE_TASK = "UPDATE approval_task SET status = $1, completed_at = $2, due_at = $3,"
        + " remind_at = $4, reminders = $5, actor_id = $6, comment = $7 WHERE id = $8";
    private static final String UPDATE_INSTANCE = "UPDATE approval_instance SET status = $1, round = $2, state_json = $3,"
        + " updated_at = $4, ended_at = $5, last_urged_at = $6, next_task_no = $7, history_seq = $8 WHERE id = $9";
    private static final String INTO_TASK = "approval_task (" + TASK_COLS + ")";
    private static final String INTO_HISTORY = "approval_history (instance_id, seq, at, actor_id, action, node_id, task_id,"
        + " comment, detail)";
    /** Statement texts per shape: a handful of distinct ones in practice (bounded by the shapes decisions produce). */
    private static final Map<List<String>, String> COMBINED = new ConcurrentHashMap<>();
    private static final Map<RowsShape, String> ROWS = new ConcurrentHashMap<>();
    private static final int MAX_SHAPES = 512;

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
        return instance(c, id, lock ? db.forUpdate() : "");
    }

    /** The instance locked, or null when it is missing or another transaction holds it (the caller tries again later). */
    Future<InstanceState> claimInstance(SqlClient c, String id) {
        return instance(c, id, db.forUpdateSkipLocked());
    }

    private Future<InstanceState> instance(SqlClient c, String id, String lock) {
        return sql(c, "SELECT " + INSTANCE_COLS + " FROM approval_instance WHERE id = $1" + lock, id)
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
            .map(InstanceStore::toTasks);
    }

    /** The tasks of a task's instance (sent right behind {@link #instanceOfTask}, it reads after the lock is held). */
    Future<List<TaskState>> tasksOfTask(SqlClient c, String taskId) {
        return sql(c, "SELECT " + TASK_COLS + " FROM approval_task WHERE instance_id ="
            + " (SELECT instance_id FROM approval_task WHERE id = $1) ORDER BY task_no", taskId).map(InstanceStore::toTasks);
    }

    private static List<TaskState> toTasks(RowSet<Row> rs) {
        List<TaskState> out = new ArrayList<>();
        rs.forEach(r -> out.add(toTask(r)));
        return out;
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

    /** One statement of a write: SQL with {@code $1}-style placeholders and its parameters. */
    record Stmt(String sql, List<Object> params) {
    }

    /**
     * Writes what a decision changed: the instance (inserted when {@code isNew}; {@code factsChanged}: whether its
     * facts are rewritten), the changed tasks ({@code known}: ids that exist in the database) and the new history
     * entries. On PostgreSQL one statement (data-modifying CTEs), else one statement per part.
     */
    Future<Void> write(SqlClient c, InstanceState s, boolean isNew, boolean factsChanged, Collection<TaskState> changed,
                       Set<String> known, List<HistoryEntry> history, long now) {
        List<Stmt> parts = new ArrayList<>();
        parts.add(isNew ? insertInstance(s, now) : updateInstance(s, now, factsChanged));
        List<Object[]> inserts = new ArrayList<>();
        for (TaskState t : changed) {
            if (known.contains(t.id)) {
                parts.add(new Stmt(UPDATE_TASK, Arrays.asList(t.status.name(), t.completedAt, t.dueAt, t.remindAt, t.reminders,
                    t.actorId, t.comment, t.id)));
            } else {
                inserts.add(new Object[] {t.id, t.instanceId, t.no, t.nodeId, t.kind.name(), t.assigneeId, t.status.name(), t.round,
                    t.activation, t.parentTaskId, t.createdAt, t.completedAt, t.dueAt, t.remindAt, t.reminders, t.actorId, t.comment});
            }
        }
        if (!inserts.isEmpty()) {
            parts.add(insertRows(INTO_TASK, inserts));
        }
        if (!history.isEmpty()) {
            List<Object[]> rows = new ArrayList<>(history.size());
            for (HistoryEntry h : history) {
                rows.add(new Object[] {s.id, h.seq(), h.at(), h.actorId(), h.action(), h.nodeId(), h.taskId(), h.comment(),
                    h.detail()});
            }
            parts.add(insertRows(INTO_HISTORY, rows));
        }
        if (db.dialect() == Dialect.POSTGRES) {
            Stmt one = combine(parts);
            return sql(c, one.sql(), one.params().toArray()).mapEmpty();
        }
        Future<Void> f = Future.succeededFuture();
        for (Stmt p : parts) {
            f = f.compose(v -> sql(c, p.sql(), p.params().toArray()).mapEmpty());
        }
        return f;
    }

    /**
     * The parts as one PostgreSQL statement: {@code WITH w1 AS (part 1), … part n}. Every data-modifying statement in a
     * WITH runs exactly once, all on the statement's snapshot; each part touches other rows, and foreign keys are
     * checked at the end of the statement. The text depends only on the parts' texts, so it is built once per shape.
     */
    static Stmt combine(List<Stmt> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<String> texts = new ArrayList<>(parts.size());
        List<Object> params = new ArrayList<>();
        for (Stmt p : parts) {
            texts.add(p.sql());
            params.addAll(p.params());
        }
        return new Stmt(cached(COMBINED, texts, InstanceStore::combineText), params);
    }

    private static String combineText(List<String> texts) {
        StringBuilder q = new StringBuilder();
        int offset = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            int shift = offset;
            Matcher m = PLACEHOLDER.matcher(text);
            int count = 0;
            StringBuilder renumbered = new StringBuilder(text.length() + 16);
            while (m.find()) {
                count = Math.max(count, Integer.parseInt(m.group(1)));
                m.appendReplacement(renumbered, "\\$" + (Integer.parseInt(m.group(1)) + shift));
            }
            m.appendTail(renumbered);
            offset += count;
            boolean last = i == texts.size() - 1;
            q.append(i == 0 ? "WITH " : last ? " " : ", ");
            q.append(last ? renumbered : "w" + i + " AS (" + renumbered + ")");
        }
        return q.toString();
    }

    static Stmt insertInstance(InstanceState s, long now) {
        return new Stmt("INSERT INTO approval_instance (" + INSTANCE_COLS + ") VALUES"
                + " ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
            Arrays.asList(s.id, s.flowKey, s.flowVersion, s.businessKey, s.applicantId, s.status.name(), s.round,
                json(s.facts), state(s), s.startedAt, now, s.endedAt, s.lastUrgedAt, s.nextTaskNo, s.historySeq));
    }

    /** The instance's update; its facts are written only when the decision replaced them (a resubmit). */
    static Stmt updateInstance(InstanceState s, long now, boolean factsChanged) {
        if (!factsChanged) {
            return new Stmt(UPDATE_INSTANCE, Arrays.asList(s.status.name(), s.round, state(s), now, s.endedAt,
                s.lastUrgedAt, s.nextTaskNo, s.historySeq, s.id));
        }
        return new Stmt("UPDATE approval_instance SET status = $1, round = $2, facts_json = $3, state_json = $4,"
                + " updated_at = $5, ended_at = $6, last_urged_at = $7, next_task_no = $8, history_seq = $9 WHERE id = $10",
            Arrays.asList(s.status.name(), s.round, json(s.facts), state(s), now, s.endedAt,
                s.lastUrgedAt, s.nextTaskNo, s.historySeq, s.id));
    }

    /** One multi-row INSERT ({@code VALUES ($1, …), ($n, …)}), valid on SQLite and PostgreSQL; its text cached per shape. */
    private static Stmt insertRows(String into, List<Object[]> rows) {
        int width = rows.get(0).length;
        List<Object> params = new ArrayList<>(rows.size() * width);
        for (Object[] row : rows) {
            params.addAll(Arrays.asList(row));
        }
        String text = cached(ROWS, new RowsShape(into, rows.size(), width), InstanceStore::rowsText);
        return new Stmt(text, params);
    }

    /** The cached text, or (past {@link #MAX_SHAPES} cached shapes, say thousands of added signers) a fresh one. */
    private static <K> String cached(Map<K, String> cache, K key, java.util.function.Function<K, String> build) {
        String text = cache.get(key);
        if (text == null) {
            text = build.apply(key);
            if (cache.size() < MAX_SHAPES) {
                cache.putIfAbsent(key, text);
            }
        }
        return text;
    }

    private record RowsShape(String into, int rows, int width) {
    }

    private static String rowsText(RowsShape shape) {
        StringBuilder q = new StringBuilder("INSERT INTO ").append(shape.into()).append(" VALUES ");
        int n = 0;
        for (int r = 0; r < shape.rows(); r++) {
            q.append(r == 0 ? "(" : ", (");
            for (int i = 0; i < shape.width(); i++) {
                q.append(i == 0 ? "$" : ", $").append(++n);
            }
            q.append(')');
        }
        return q.toString();
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
