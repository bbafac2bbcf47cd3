package com.sealflow.server.flowapi;

import com.sealflow.server.approval.ApprovalEvent;
import com.sealflow.server.approval.ApprovalListener;
import com.sealflow.server.notify.Notifications;
import com.sealflow.server.request.RequestService;
import com.sealflow.server.request.SealRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * Tells people what the approval of a request needs from them or did (待办, 催办, 抄送, 结果), inside the engine's
 * transaction, so a rolled-back action notifies nobody; the live push goes out after commit.
 */
final class ApprovalNotices implements ApprovalListener {

    private final Notifications notifications;
    private final RequestService requests;

    ApprovalNotices(Notifications notifications, RequestService requests) {
        this.notifications = notifications;
        this.requests = requests;
    }

    @Override
    public Future<Void> onEvent(ApprovalEvent event, SqlConnection conn) {
        if (!tellsSomeone(event)) {
            // most events of an action (a task completing, a HANDLE node reached) notify nobody: the request is not read
            return Future.succeededFuture();
        }
        return requests.find(conn, event.businessKey()).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture();
            }
            SealRequest r = found.get();
            String what = r.no() + " " + r.documentName();
            if (event instanceof ApprovalEvent.TaskCreated e && !"CC".equals(String.valueOf(e.kind()))) {
                boolean handle = "HANDLE".equals(String.valueOf(e.kind()));
                return send(conn, List.of(e.assigneeId()), handle ? "task.handle" : "task.assigned",
                    (handle ? "待用印：" : "待审批：") + what, e.nodeName(), r);
            }
            if (event instanceof ApprovalEvent.CarbonCopied e) {
                return send(conn, e.recipientIds(), "request.cc", "抄送：" + what, null, r);
            }
            if (event instanceof ApprovalEvent.Reminder e) {
                return send(conn, e.assigneeIds(), "task.reminder", (e.byTimer() ? "即将超时：" : "催办：") + what, null, r);
            }
            if (event instanceof ApprovalEvent.InstanceReturned) {
                return send(conn, List.of(r.applicantId()), "request.returned", "已退回：" + what, "请修改后重新提交", r);
            }
            if (event instanceof ApprovalEvent.InstanceEnded e && !"WITHDRAWN".equals(String.valueOf(e.status()))) {
                String status = String.valueOf(e.status());
                String title = switch (status) {
                    case "APPROVED" -> "已完成：";
                    case "REJECTED" -> "已驳回：";
                    default -> "已终止：";
                };
                return send(conn, List.of(r.applicantId()), "request." + status.toLowerCase(java.util.Locale.ROOT), title + what, null, r);
            }
            return Future.succeededFuture();
        });
    }

    /** Whether {@link #onEvent} sends a notice for this event. */
    static boolean tellsSomeone(ApprovalEvent event) {
        return event instanceof ApprovalEvent.TaskCreated e && !"CC".equals(String.valueOf(e.kind()))
            || event instanceof ApprovalEvent.CarbonCopied || event instanceof ApprovalEvent.Reminder
            || event instanceof ApprovalEvent.InstanceReturned
            || event instanceof ApprovalEvent.InstanceEnded e && !"WITHDRAWN".equals(String.valueOf(e.status()));
    }

    private Future<Void> send(SqlConnection conn, List<String> userIds, String kind, String title, String body, SealRequest r) {
        Future<Void> chain = Future.succeededFuture();
        for (String user : userIds) {
            if (user != null) {
                chain = chain.compose(v -> notifications.notify(conn, user, kind, title, body, "/requests/" + r.id()).mapEmpty());
            }
        }
        return chain;
    }
}
