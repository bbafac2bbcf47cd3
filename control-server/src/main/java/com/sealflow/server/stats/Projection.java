package com.sealflow.server.stats;

import com.sealflow.server.approval.ApprovalEvent;
import com.sealflow.server.approval.ApprovalListener;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import com.sealflow.server.evidence.EvidenceListener;
import com.sealflow.server.org.Directory;
import com.sealflow.server.org.User;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps the statistics tables in step with the engine and the evidence intake, inside their transactions: a count
 * never disagrees with the action that caused it. Node stays are derived from task events: a stay opens with the
 * node's first actionable task and closes when its last open task completes. The engine stamps one time on every
 * event of an action, so a task completed and another created at the same instant (依次, 转办) continue one stay.
 * Every change to a read-model row also moves the row's contribution in the {@link Rollup} (taken back, then added).
 */
final class Projection implements ApprovalListener, EvidenceListener {

    private final Database db;
    private final Directory directory;
    private final Rollup rollup;

    Projection(Database db, Directory directory, Rollup rollup) {
        this.db = db;
        this.directory = directory;
        this.rollup = rollup;
    }

    @Override
    public Future<Void> onEvent(ApprovalEvent event, SqlConnection c) {
        return atCommit(c, () -> apply(event, c));
    }

    @Override
    public Future<Void> onPress(SqlConnection tx, Press p) {
        deferred(tx).batch(tx).press(p);
        return done();
    }

    @Override
    public Future<Void> onAnomaly(SqlConnection tx, Anomaly a) {
        Deferred d = deferred(tx);
        if (d.batch != null && (a.pressId() == null || d.batch.holds(a.pressId()))) {
            d.batch.anomaly(a);
            return done();
        }
        return atCommit(tx, () -> anomaly(tx, a));
    }

    @Override
    public Future<Void> onAnomalyResolved(SqlConnection tx, Anomaly a) {
        return atCommit(tx, () -> anomalyResolved(tx, a));
    }

    /**
     * The projection's writes of a transaction run in order at its end, right before COMMIT: the rollup's rows are
     * shared by every action on a flow (or seal, device) and day, so they are locked for the last round trips of a
     * transaction rather than for everything it does after its first event. Same transaction, same statements.
     */
    private Future<Void> atCommit(SqlConnection tx, Supplier<Future<Void>> write) {
        Deferred d = deferred(tx);
        // a write of another kind ends the presses' batch: what follows it is written after it, as before
        d.batch = null;
        d.writes.add(write);
        return done();
    }

    private Deferred deferred(SqlConnection tx) {
        return (Deferred) db.beforeCommit(tx, this, Deferred::new);
    }

    private final class Deferred implements Database.BeforeCommit {
        private final List<Supplier<Future<Void>>> writes = new ArrayList<>();
        /** The presses (and their flags) being gathered, written in the order the batch began; null: none open. */
        private PressBatch batch;

        PressBatch batch(SqlConnection tx) {
            if (batch == null) {
                PressBatch open = new PressBatch();
                batch = open;
                writes.add(() -> open.write(db, tx, rollup));
            }
            return batch;
        }

        @Override
        public Future<Void> run() {
            Future<Void> all = done();
            for (Supplier<Future<Void>> w : writes) {
                all = all.compose(v -> w.get());
            }
            return all;
        }
    }

    private Future<Void> apply(ApprovalEvent event, SqlConnection c) {
        if (event instanceof ApprovalEvent.InstanceStarted e) {
            return started(c, e);
        } else if (event instanceof ApprovalEvent.TaskCreated e) {
            return e.kind() == TaskKind.CC ? done() : taskCreated(c, e);
        } else if (event instanceof ApprovalEvent.TaskCompleted e) {
            return e.kind() == TaskKind.CC ? done() : taskCompleted(c, e);
        } else if (event instanceof ApprovalEvent.InstanceReturned e) {
            return rollup.instance(c, -1, e.instanceId())
                .compose(x -> db.execute(c, "UPDATE stats_instance SET returns = returns + 1 WHERE instance_id = $1", e.instanceId()))
                .compose(x -> rollup.instance(c, 1, e.instanceId()));
        } else if (event instanceof ApprovalEvent.InstanceEnded e) {
            return ended(c, e);
        }
        return done();
    }

    private static Future<Void> done() {
        return Future.succeededFuture();
    }

    private Future<Void> started(SqlConnection c, ApprovalEvent.InstanceStarted e) {
        Future<Optional<User>> applicant = e.applicantId() == null ? Future.succeededFuture(Optional.empty())
            : directory.user(c, e.applicantId());
        return applicant.compose(u -> db.execute(c, "INSERT INTO stats_instance (instance_id, business_key, flow_key, flow_version, "
                + "applicant_id, department_id, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (instance_id) DO NOTHING",
            e.instanceId(), e.businessKey(), e.flowKey(), e.flowVersion(), e.applicantId(),
            u.map(User::departmentId).orElse(null), e.at()))
            .compose(rs -> rs.rowCount() == 0 ? done() : rollup.knowVersion(c, e.flowKey(), e.flowVersion())
                .compose(x -> rollup.instance(c, 1, e.instanceId())));
    }

    /**
     * A task at a node: a new stay unless one is open there, or closed at this very instant (it continues). The new stay
     * is inserted in one statement that first looks for such a stay; only when there is one is it read.
     */
    private Future<Void> taskCreated(SqlConnection c, ApprovalEvent.TaskCreated e) {
        return db.execute(c, NEW_STAY, Ids.newId(), e.nodeId(), e.nodeName(), e.kind() == TaskKind.HANDLE ? "HANDLE" : "APPROVAL",
                e.at(), e.instanceId(), e.instanceId(), e.nodeId(), e.at())
            .compose(inserted -> inserted.rowCount() > 0 ? done()
                : db.execute(c, "SELECT id, flow_key, left_at FROM stats_node_visit WHERE instance_id = $1 AND node_id = $2 "
                    + "AND (left_at IS NULL OR left_at = $3) ORDER BY entered_at DESC LIMIT 1", e.instanceId(), e.nodeId(), e.at())
                    .compose(rs -> rs.size() > 0 ? reopen(c, rs.iterator().next(), e.nodeId()) : done()));
    }

    /** A new stay, unless the node has one open or closed at this very instant ($9); none either when the request is unknown. */
    private static final String NEW_STAY = "INSERT INTO stats_node_visit (id, instance_id, flow_key, node_id, node_name, kind, "
        + "entered_at, open_tasks) SELECT $1, instance_id, flow_key, $2, $3, $4, $5, 1 FROM stats_instance WHERE instance_id = $6 "
        + "AND NOT EXISTS (SELECT 1 FROM stats_node_visit WHERE instance_id = $7 AND node_id = $8 AND (left_at IS NULL OR left_at = $9))";

    /** Another task at a node whose stay is open, or closed at this very instant (it continues). */
    private Future<Void> reopen(SqlConnection c, Row v, String nodeId) {
        String id = v.getString("id");
        Long leftAt = v.getLong("left_at");
        Future<Void> back = leftAt == null ? done() : rollup.visits(c, -1, "v.id = $1", id);
        return back.compose(x -> db.execute(c, "UPDATE stats_node_visit SET open_tasks = open_tasks + 1, left_at = NULL, "
                + "duration_ms = NULL, outcome = NULL WHERE id = $1", id))
            .compose(x -> leftAt == null ? done() : rollup.refreshMax(c, v.getString("flow_key"), nodeId, leftAt));
    }

    /**
     * One task of an open stay done, in one statement: counted off, its outcome merged ({@link #merge} in SQL: $1 the
     * task's outcome's {@link #rank}, $2 the outcome; a stay closing without one is CANCELLED), and the stay closed at
     * $3 with its last open task. The stay is the node's latest one that is open or closed at this very instant ($7):
     * when that one is closed, nothing is changed here.
     */
    private static final String TASK_DONE = "UPDATE stats_node_visit SET "
        + "open_tasks = CASE WHEN open_tasks > 1 THEN open_tasks - 1 ELSE 0 END, "
        + "outcome = CASE WHEN $1 > (CASE WHEN outcome IS NULL OR outcome = 'CANCELLED' THEN 0 WHEN outcome = 'REJECTED' THEN 3 "
        + "WHEN outcome = 'RETURNED' THEN 2 ELSE 1 END) THEN $2 WHEN open_tasks > 1 THEN outcome ELSE COALESCE(outcome, 'CANCELLED') END, "
        + "left_at = CASE WHEN open_tasks > 1 THEN NULL ELSE CAST($3 AS BIGINT) END, "
        + "duration_ms = CASE WHEN open_tasks > 1 THEN NULL ELSE $4 - entered_at END "
        + "WHERE id = (SELECT id FROM stats_node_visit WHERE instance_id = $5 AND node_id = $6 AND (left_at IS NULL OR left_at = $7) "
        + "ORDER BY entered_at DESC LIMIT 1) AND left_at IS NULL RETURNING id, left_at";

    /**
     * A task completed: when its stay is open, one statement ({@link #TASK_DONE}) counts the task off, merges the outcome
     * and closes the stay with its last open task; a stay closed at this very instant, or none, is read and handled by
     * {@link #completedAtClosedStay}.
     */
    private Future<Void> taskCompleted(SqlConnection c, ApprovalEvent.TaskCompleted e) {
        String incoming = merge(null, e.status());
        return db.execute(c, TASK_DONE, rank(incoming), incoming, e.at(), e.at(), e.instanceId(), e.nodeId(), e.at())
            .compose(rs -> {
                if (rs.size() == 0) {
                    return completedAtClosedStay(c, e);
                }
                Row v = rs.iterator().next();
                return v.getLong("left_at") == null ? done() : rollup.visits(c, 1, "v.id = $1", v.getString("id"));
            });
    }

    /**
     * The stay closed at this very instant (a rejection ends it, then the tasks still waiting in turn are cancelled): it
     * is counted already; only a stronger outcome moves its contribution. No such stay: nothing to do.
     */
    private Future<Void> completedAtClosedStay(SqlConnection c, ApprovalEvent.TaskCompleted e) {
        return db.execute(c, "SELECT id, outcome FROM stats_node_visit WHERE instance_id = $1 AND node_id = $2 AND left_at = $3 "
                + "ORDER BY entered_at DESC LIMIT 1", e.instanceId(), e.nodeId(), e.at())
            .compose(rs -> {
                if (rs.size() == 0) {
                    return done();
                }
                Row v = rs.iterator().next();
                String outcome = merge(v.getString("outcome"), e.status());
                return outcome == null || outcome.equals(v.getString("outcome")) ? done()
                    : rollup.visits(c, -1, "v.id = $1", v.getString("id"))
                        .compose(x -> db.execute(c, "UPDATE stats_node_visit SET outcome = $1 WHERE id = $2", outcome,
                            v.getString("id")))
                        .compose(x -> rollup.visits(c, 1, "v.id = $1", v.getString("id")));
            });
    }

    /** A stay's outcome is its strongest task result: a rejection beats a return beats an approval. */
    static String merge(String current, TaskStatus status) {
        String incoming = switch (status) {
            case REJECTED, AUTO_REJECTED -> "REJECTED";
            case RETURNED -> "RETURNED";
            case APPROVED, AUTO_APPROVED, DONE -> "APPROVED";
            default -> null;
        };
        return rank(incoming) > rank(current) ? incoming : current;
    }

    private static int rank(String outcome) {
        if (outcome == null || "CANCELLED".equals(outcome)) {
            return 0;
        }
        return switch (outcome) {
            case "REJECTED" -> 3;
            case "RETURNED" -> 2;
            default -> 1;
        };
    }

    private Future<Void> ended(SqlConnection c, ApprovalEvent.InstanceEnded e) {
        String why = e.status() == InstanceStatus.WITHDRAWN ? "WITHDRAWN" : "CANCELLED";
        String closedNow = "v.instance_id = $1 AND v.left_at = $2";
        return rollup.instance(c, -1, e.instanceId())
            .compose(x -> rollup.visits(c, -1, closedNow, e.instanceId(), e.at()))
            .compose(x -> db.execute(c, "UPDATE stats_instance SET ended_at = $1, result = $2, duration_ms = $3 - started_at "
                + "WHERE instance_id = $4", e.at(), e.status().name(), e.at(), e.instanceId()))
            .compose(v -> e.status() == InstanceStatus.WITHDRAWN || e.status() == InstanceStatus.CANCELLED
                ? db.execute(c, "UPDATE stats_node_visit SET outcome = $1 WHERE instance_id = $2 AND left_at = $3 "
                    + "AND outcome = 'CANCELLED'",
                    why, e.instanceId(), e.at())
                : Future.succeededFuture())
            .compose(v -> db.execute(c, "UPDATE stats_node_visit SET open_tasks = 0, left_at = $1, duration_ms = $2 - entered_at, "
                + "outcome = COALESCE(outcome, $3) WHERE instance_id = $4 AND left_at IS NULL", e.at(), e.at(), why, e.instanceId()))
            .compose(x -> rollup.instance(c, 1, e.instanceId()))
            .compose(x -> rollup.visits(c, 1, closedNow, e.instanceId(), e.at()));
    }

    /** A flag's row (keyed by the flag's id, so a flag told twice counts once); its press is flagged. */
    private Future<Void> anomaly(SqlConnection tx, Anomaly a) {
        return db.execute(tx, "INSERT INTO stats_anomaly (id, kind, device_id, press_id, at) VALUES ($1, $2, $3, $4, $5) "
                + "ON CONFLICT (id) DO NOTHING", a.id() == null ? Ids.newId() : a.id(), a.kind(), a.deviceId(), a.pressId(), a.at())
            .compose(rs -> rs.rowCount() == 0 || a.pressId() == null ? done() : rollup.setFlagged(tx, a.pressId(), 1));
    }

    /**
     * A flag resolved (a repaired chain gap): its row goes, and its press is unflagged when no other flag of it is left.
     * Only a row that was there is taken back, so a resolution told again changes nothing. A teller without flag ids
     * names the flag by kind, device, press and time.
     */
    private Future<Void> anomalyResolved(SqlConnection tx, Anomaly a) {
        Future<RowSet<Row>> gone;
        if (a.id() != null) {
            gone = db.execute(tx, "DELETE FROM stats_anomaly WHERE id = $1", a.id());
        } else {
            String press = a.pressId() == null ? "press_id IS NULL" : "press_id = $4";
            Object[] params = a.pressId() == null ? new Object[] {a.kind(), a.deviceId(), a.at()}
                : new Object[] {a.kind(), a.deviceId(), a.at(), a.pressId()};
            gone = db.execute(tx, "DELETE FROM stats_anomaly WHERE id IN (SELECT id FROM stats_anomaly WHERE kind = $1 "
                + "AND device_id = $2 AND at = $3 AND " + press + " ORDER BY id LIMIT 1)", params);
        }
        return gone.compose(rs -> rs.rowCount() == 0 || a.pressId() == null ? done()
            : db.execute(tx, "SELECT COUNT(*) AS n FROM stats_anomaly WHERE press_id = $1", a.pressId())
                .compose(n -> n.iterator().next().getLong("n") > 0 ? done() : rollup.setFlagged(tx, a.pressId(), 0)));
    }

    /** Connectivity as the device module announced it (after its own commit). */
    Future<Void> deviceStatus(String deviceId, String state, long at) {
        return db.execute("INSERT INTO stats_device (device_id, state, since) VALUES ($1, $2, $3) ON CONFLICT (device_id) "
            + "DO UPDATE SET since = CASE WHEN stats_device.state = $4 THEN stats_device.since ELSE $5 END, state = $6",
            deviceId, state, at, state, at, state).mapEmpty();
    }
}
