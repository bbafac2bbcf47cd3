package com.sealflow.server.approval;

import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval engine's one entry point. Every method returns a future and never blocks. Failures are typed:
 * {@link ApprovalNotFoundException} (404), {@link ApprovalConflictException} (409), {@link ApprovalValidationException}
 * (422). Each action is one transaction that locks the instance; a repeat with the same idempotency key (per actor)
 * returns the first result. Flows: drafts are validated on save; publishing freezes a new immutable version; an
 * instance runs the version it started on. See {@link StartCommand} for the facts a start needs.
 */
public final class ApprovalEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalEngine.class);

    private final Database db;
    private final ApproverResolver resolver;
    private final Clock clock;
    private final List<ApprovalListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ApprovalEvent>> committedListeners = new CopyOnWriteArrayList<>();
    private final FlowStore flows;
    private final InstanceStore store;
    private final Runtime runtime;
    private final Queries queries;

    public ApprovalEngine(Database db, ApproverResolver resolver, Clock clock) {
        this.db = db;
        this.resolver = resolver;
        this.clock = clock;
        this.flows = new FlowStore(db);
        this.store = new InstanceStore(db);
        this.runtime = new Runtime(db, store, flows, resolver, clock, listeners, committedListeners);
        this.queries = new Queries(db, store, flows);
    }

    /** Listener called inside each action's transaction, in registration order. */
    public ApprovalEngine onEvent(ApprovalListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Listener called after commit (notifications, SSE, stats); exceptions are logged, never undo the action. */
    public ApprovalEngine onCommitted(Consumer<ApprovalEvent> listener) {
        committedListeners.add(listener);
        return this;
    }

    // ---- flows ----

    /** Errors per node; empty when the flow can be published. Pure. */
    public List<ValidationError> validate(FlowDefinition flow) {
        return FlowValidator.validate(flow);
    }

    /** Validates and stores the draft of {@code flow.key()}; invalid → {@link ApprovalValidationException}. */
    public Future<FlowSummary> saveDraft(FlowDefinition flow, String userId) {
        List<ValidationError> errors = FlowValidator.validate(flow);
        if (!errors.isEmpty()) {
            return Future.failedFuture(new ApprovalValidationException(errors));
        }
        return flows.saveDraft(flow, userId, clock.millis());
    }

    /** Validates the draft again and publishes it as the next version. */
    public Future<FlowVersionRef> publish(String flowKey, String userId) {
        return flows.publish(flowKey, userId, clock.millis());
    }

    public Future<List<FlowSummary>> flows() {
        return flows.list();
    }

    /** The draft if there is one, else the latest published version. */
    public Future<FlowDefinition> flow(String flowKey) {
        return flows.current(flowKey);
    }

    public Future<FlowDefinition> version(String flowKey, int version) {
        return flows.version(db.pool(), flowKey, version).map(i -> i.flow);
    }

    /** BPMN 2.0 XML of a published version. */
    public Future<String> exportBpmn(String flowKey, int version) {
        return flows.version(db.pool(), flowKey, version).map(i -> BpmnExporter.export(i.flow));
    }

    /** Simulates {@code version} (null = the draft, else the latest published) for an applicant and facts. */
    public Future<Simulation> simulate(String flowKey, Integer version, String applicantId, Map<String, Object> facts) {
        Future<FlowIndex> index = version == null
            ? flows.current(flowKey).map(f -> new FlowIndex(f, 0))
            : flows.version(db.pool(), flowKey, version);
        return index.compose(i -> {
            List<ValidationError> errors = FlowValidator.validate(i.flow);
            if (!errors.isEmpty()) {
                return Future.failedFuture(new ApprovalValidationException(errors));
            }
            return Simulator.simulate(i, applicantId, facts, resolver, db.pool());
        });
    }

    /** Simulates an unsaved model. */
    public Future<Simulation> simulate(FlowDefinition flow, String applicantId, Map<String, Object> facts) {
        List<ValidationError> errors = FlowValidator.validate(flow);
        if (!errors.isEmpty()) {
            return Future.failedFuture(new ApprovalValidationException(errors));
        }
        return Simulator.simulate(new FlowIndex(flow, 0), applicantId, facts, resolver, db.pool());
    }

    // ---- runtime ----

    public Future<ActionResult> start(StartCommand command) {
        return runtime.start(command);
    }

    /**
     * Starts with {@code first} run at the beginning of the start's transaction: the caller's own rows about the new
     * instance (a request's draft) then commit with it, in one commit, or not at all if the start is refused.
     */
    public Future<ActionResult> start(StartCommand command, Function<SqlConnection, Future<Void>> first) {
        return runtime.start(command, first);
    }

    /** Runs one action; {@code idempotencyKey} may be null. */
    public Future<ActionResult> execute(ApprovalCommand command, String idempotencyKey) {
        return runtime.execute(command, idempotencyKey);
    }

    /**
     * Applies due timeouts and reminders (each exactly once across server nodes); returns how many were applied. Each
     * due task's instance is claimed with {@code FOR UPDATE SKIP LOCKED} on PostgreSQL: one held by another node's timer
     * or by a user's action is skipped, and applied by the next round if it is still due.
     */
    public Future<Integer> processDueTimers(int max) {
        if (max < 1) {
            return Future.succeededFuture(0);
        }
        long now = clock.millis();
        return db.execute("SELECT id, instance_id FROM approval_task WHERE status = 'PENDING'"
                + " AND ((due_at IS NOT NULL AND due_at <= $1) OR (remind_at IS NOT NULL AND remind_at <= $2))"
                + " ORDER BY COALESCE(due_at, remind_at), instance_id, task_no LIMIT $3", now, now, max)
            .compose(rs -> {
                Future<Integer> f = Future.succeededFuture(0);
                for (io.vertx.sqlclient.Row r : rs) {
                    String taskId = r.getString(0);
                    String instanceId = r.getString(1);
                    // one failing timer (say, a listener refusing) is logged and retried next time; the rest still run
                    f = f.compose(n -> runtime.timer(instanceId, taskId)
                        .otherwise(e -> {
                            LOG.warn("approval timer of task {} failed", taskId, e);
                            return false;
                        })
                        .map(acted -> acted ? n + 1 : n));
                }
                return f;
            });
    }

    /**
     * Calls {@link #processDueTimers} every {@code period} on {@code vertx} (never two runs at once on this node; other
     * nodes may run theirs: each timeout still acts once). Returns the Vert.x timer id ({@code vertx.cancelTimer(id)}).
     */
    public long startTimerLoop(Vertx vertx, Duration period, int batch) {
        AtomicBoolean busy = new AtomicBoolean();
        return vertx.setPeriodic(period.toMillis(), id -> {
            if (busy.compareAndSet(false, true)) {
                processDueTimers(batch)
                    .onFailure(e -> LOG.warn("approval timers failed", e))
                    .onComplete(x -> busy.set(false));
            }
        });
    }

    // ---- queries ----

    public Future<InstanceView> instance(String instanceId) {
        return queries.instance(instanceId);
    }

    /** As {@link #instance(String)}, its reads on {@code reads} (a connection of {@code Database#reading}, say). */
    public Future<InstanceView> instance(SqlClient reads, String instanceId) {
        return queries.instance(reads, instanceId);
    }

    public Future<InstanceView> instanceByBusinessKey(String businessKey) {
        return queries.byBusinessKey(businessKey);
    }

    /** PENDING tasks of {@code userId}, oldest first. */
    public Future<Page<TaskView>> todo(String userId, int page, int size) {
        return queries.todo(userId, page, size);
    }

    /** Tasks {@code userId} decided or handed on, newest first. */
    public Future<Page<TaskView>> done(String userId, int page, int size) {
        return queries.done(userId, page, size);
    }

    /** CC notices sent to {@code userId}, newest first. */
    public Future<Page<TaskView>> carbonCopies(String userId, int page, int size) {
        return queries.carbonCopies(userId, page, size);
    }

    public Future<TaskView> task(String taskId) {
        return queries.task(taskId);
    }

    /** SQL statements issued by actions and timers so far on this engine (for measurements). */
    public long statementCount() {
        return store.statements.get();
    }
}
