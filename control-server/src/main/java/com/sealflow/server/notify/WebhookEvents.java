package com.sealflow.server.notify;

import com.sealflow.server.approval.ApprovalEvent;
import com.sealflow.server.approval.ApprovalListener;
import com.sealflow.server.request.RequestService;
import com.sealflow.server.request.SealRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.Locale;

/**
 * Approval events as webhook events, written to the outbox inside the engine's transaction (so a rolled-back action
 * calls nobody). An AUTO node with action WEBHOOK becomes {@code flow.webhook}. Data carries the request's number,
 * document and applicant so receivers need no second call for the common case.
 */
final class WebhookEvents implements ApprovalListener {

    private final Webhooks webhooks;
    private final RequestService requests;

    WebhookEvents(Webhooks webhooks, RequestService requests) {
        this.webhooks = webhooks;
        this.requests = requests;
    }

    static String type(ApprovalEvent event) {
        if (event instanceof ApprovalEvent.InstanceStarted) {
            return "request.submitted";
        } else if (event instanceof ApprovalEvent.TaskCreated) {
            return "task.created";
        } else if (event instanceof ApprovalEvent.TaskCompleted) {
            return "task.completed";
        } else if (event instanceof ApprovalEvent.InstanceReturned) {
            return "request.returned";
        } else if (event instanceof ApprovalEvent.InstanceEnded e) {
            return "request." + e.status().name().toLowerCase(Locale.ROOT);
        } else if (event instanceof ApprovalEvent.AutoStepReached e && "WEBHOOK".equals(e.action())) {
            return "flow.webhook";
        }
        return null;
    }

    @Override
    public Future<Void> onEvent(ApprovalEvent event, SqlConnection conn) {
        String type = type(event);
        if (type == null || !WebhookEndpoints.EVENT_TYPES.contains(type)) {
            return Future.succeededFuture();
        }
        JsonObject data = new JsonObject().put("instanceId", event.instanceId()).put("requestId", event.businessKey())
            .put("at", event.at());
        if (event instanceof ApprovalEvent.TaskCreated e) {
            data.put("taskId", e.taskId()).put("nodeId", e.nodeId()).put("nodeName", e.nodeName())
                .put("kind", String.valueOf(e.kind())).put("assigneeId", e.assigneeId());
        } else if (event instanceof ApprovalEvent.TaskCompleted e) {
            data.put("taskId", e.taskId()).put("nodeId", e.nodeId()).put("kind", String.valueOf(e.kind()))
                .put("assigneeId", e.assigneeId()).put("status", String.valueOf(e.status())).put("actorId", e.actorId());
        } else if (event instanceof ApprovalEvent.InstanceReturned e) {
            data.put("fromNodeId", e.fromNodeId()).put("actorId", e.actorId());
        } else if (event instanceof ApprovalEvent.InstanceEnded e) {
            data.put("status", e.status().name());
        } else if (event instanceof ApprovalEvent.AutoStepReached e) {
            data.put("nodeId", e.nodeId()).put("action", e.action());
        }
        return webhooks.anyWants(conn, type).compose(any -> !any ? Future.succeededFuture()
            : requests.find(conn, event.businessKey()).compose(found -> {
                found.ifPresent(r -> data.put("request", describe(r)));
                return webhooks.emit(conn, type, data);
            }).mapEmpty());
    }

    private static JsonObject describe(SealRequest r) {
        return new JsonObject().put("id", r.id()).put("no", r.no()).put("type", String.valueOf(r.type()))
            .put("documentType", String.valueOf(r.documentType())).put("documentName", r.documentName())
            .put("amount", r.amount() == null ? null
                : r.amount().stripTrailingZeros().toPlainString()).put("counterparty", r.counterparty())
            .put("applicantId", r.applicantId()).put("flowKey", r.flowKey()).put("flowVersion", r.flowVersion());
    }
}
