package com.sealflow.server.request;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the request module asks of the approval engine, in its own words. {@link EngineApprovals} adapts the
 * engine's facade; tests may script a fake. Each mutation is one engine transaction; the request follows it
 * through the engine's events ({@link ApprovalEvents}), delivered inside that same transaction.
 */
public interface ApprovalPort {

    /** A custom form field of a flow: {@code type} text, textarea, number, money, date, select, multiselect, boolean. */
    record FormField(String key, String label, String type, boolean required, List<String> options) {
    }

    /** A task as the request module needs to see it. */
    record TaskRef(String taskId, String instanceId, String requestId, String assigneeId, String kind, boolean open) {
    }

    /** Which requests a user's list shows for the engine-driven scopes. */
    enum Scope { TODO, DONE, CC }

    /** The published flow's custom fields; fails with a 422 when no version of {@code flowKey} is published. */
    Future<List<FormField>> formFields(String flowKey);

    Future<Void> start(String flowKey, String requestId, String applicantId, Map<String, Object> facts);

    /**
     * Runs {@code first} (writing the request's own rows) at the beginning of the start's transaction: a create-and-submit
     * commits once, with one pass over the audit chain's head, and leaves nothing behind when the start is refused.
     */
    Future<Void> start(String flowKey, String requestId, String applicantId, Map<String, Object> facts,
                       Function<SqlConnection, Future<Void>> first);

    Future<Void> resubmit(String instanceId, String applicantId, Map<String, Object> facts);

    Future<Void> withdraw(String instanceId, String actorId);

    Future<Void> urge(String instanceId, String actorId);

    /** Completes a HANDLE task (the engine then moves on and may finish the instance). */
    Future<Void> completeHandle(String taskId, String actorId, String comment);

    /** The task, or {@code null} when there is no such task. */
    Future<TaskRef> task(String taskId);

    /**
     * {@code currentNodes[{nodeId,name,assignees[]}]}, {@code timeline[]}, {@code tasks[]} of an instance, read on
     * {@code reads} (the database's read pool, or a connection of it the caller holds).
     */
    Future<JsonObject> view(SqlClient reads, String instanceId);

    /** Whether the user has or had a task in the instance, or was copied on it; read on {@code reads}. */
    Future<Boolean> involves(SqlClient reads, String instanceId, String userId);

    /** Request ids (business keys) for which the user has a task of this kind. */
    Future<List<String>> requestIdsOf(String userId, Scope scope);
}
