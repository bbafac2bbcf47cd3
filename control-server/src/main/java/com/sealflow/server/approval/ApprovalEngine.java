package com.sealflow.server.approval;

import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The approval engine's one entry point. Every method returns a future and never blocks. Failures are typed:
 * {@link ApprovalNotFoundException} (404), {@link ApprovalConflictException} (409), {@link ApprovalValidationException}
 * (422). Each action is one transaction that locks the instance; a repeat with the same idempotency key (per actor)
 * returns the first result. Flows: drafts are validated on save; publishing freezes a new immutable version; an
 * instance runs the version it started on. See {@link StartCommand} for the facts a start needs.
 */
public final class ApprovalEngine {

    private final Database db;
    private final ApproverResolver resolver;
    private final Clock clock;
    private final List<ApprovalListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ApprovalEvent>> committedListeners = new CopyOnWriteArrayList<>();

    public ApprovalEngine(Database db, ApproverResolver resolver, Clock clock) {
        this.db = db;
        this.resolver = resolver;
        this.clock = clock;
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
        throw new UnsupportedOperationException("not yet");
    }

    /** Validates and stores the draft of {@code flow.key()}; invalid → {@link ApprovalValidationException}. */
    public Future<FlowSummary> saveDraft(FlowDefinition flow, String userId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Validates the draft again and publishes it as the next version. */
    public Future<FlowVersionRef> publish(String flowKey, String userId) {
        throw new UnsupportedOperationException("not yet");
    }

    public Future<List<FlowSummary>> flows() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The draft if there is one, else the latest published version. */
    public Future<FlowDefinition> flow(String flowKey) {
        throw new UnsupportedOperationException("not yet");
    }

    public Future<FlowDefinition> version(String flowKey, int version) {
        throw new UnsupportedOperationException("not yet");
    }

    /** BPMN 2.0 XML of a published version. */
    public Future<String> exportBpmn(String flowKey, int version) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Simulates {@code version} (null = the draft, else the latest published) for an applicant and facts. */
    public Future<Simulation> simulate(String flowKey, Integer version, String applicantId, Map<String, Object> facts) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Simulates an unsaved model. */
    public Future<Simulation> simulate(FlowDefinition flow, String applicantId, Map<String, Object> facts) {
        throw new UnsupportedOperationException("not yet");
    }

    // ---- runtime ----

    public Future<ActionResult> start(StartCommand command) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Runs one action; {@code idempotencyKey} may be null. */
    public Future<ActionResult> execute(ApprovalCommand command, String idempotencyKey) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Applies due timeouts and reminders (each exactly once across server nodes); returns how many were applied. */
    public Future<Integer> processDueTimers(int max) {
        throw new UnsupportedOperationException("not yet");
    }

    // ---- queries ----

    public Future<InstanceView> instance(String instanceId) {
        throw new UnsupportedOperationException("not yet");
    }

    public Future<InstanceView> instanceByBusinessKey(String businessKey) {
        throw new UnsupportedOperationException("not yet");
    }

    /** PENDING tasks of {@code userId}, oldest first. */
    public Future<Page<TaskView>> todo(String userId, int page, int size) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Tasks {@code userId} decided or handed on, newest first. */
    public Future<Page<TaskView>> done(String userId, int page, int size) {
        throw new UnsupportedOperationException("not yet");
    }

    /** CC notices sent to {@code userId}, newest first. */
    public Future<Page<TaskView>> carbonCopies(String userId, int page, int size) {
        throw new UnsupportedOperationException("not yet");
    }

    public Future<TaskView> task(String taskId) {
        throw new UnsupportedOperationException("not yet");
    }
}
