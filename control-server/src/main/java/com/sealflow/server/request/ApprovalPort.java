package com.sealflow.server.request;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Map;

/**
 * What the request module needs from the approval engine, in its own words. {@link EngineApprovals} adapts
 * the engine's facade to it; tests use a scripted fake. Mutations run on the caller's transaction.
 */
public interface ApprovalPort {

    /** An instance was started on this published version. */
    record Started(String instanceId, int flowVersion) {
    }

    /** A custom form field of a flow: {@code type} text, textarea, number, money, date, select, multiselect, boolean. */
    record FormField(String key, String label, String type, boolean required, List<String> options) {
    }

    /** Which requests a user's list shows for the engine-driven scopes. */
    enum Scope { TODO, DONE, CC, INVOLVED }

    /** The published flow's custom fields; fails with a 422 when no version of {@code flowKey} is published. */
    Future<List<FormField>> formFields(SqlClient client, String flowKey);

    Future<Started> start(SqlConnection conn, String flowKey, String requestId, String applicantId, Map<String, Object> facts);

    Future<Void> resubmit(SqlConnection conn, String instanceId, String applicantId, Map<String, Object> facts);

    Future<Void> withdraw(SqlConnection conn, String instanceId, String actorId);

    Future<Void> urge(SqlConnection conn, String instanceId, String actorId);

    /** Completes a HANDLE task (the engine then moves on and may finish the instance). */
    Future<Void> completeHandle(SqlConnection conn, String taskId, String actorId, String comment);

    /** The instance a task belongs to, or {@code null} for an unknown task. */
    Future<String> instanceOfTask(SqlClient client, String taskId);

    /** {@code currentNodes[{nodeId,name,assignees[]}]}, {@code timeline[]}, {@code tasks[]} of an instance. */
    Future<JsonObject> view(SqlClient client, String instanceId);

    /** Whether the user has or had a task in the instance, or was copied on it. */
    Future<Boolean> involves(SqlClient client, String instanceId, String userId);

    /** Instances in which the user has a task of this kind (or any task or copy, for INVOLVED). */
    Future<List<String>> instancesOf(SqlClient client, String userId, Scope scope);
}
