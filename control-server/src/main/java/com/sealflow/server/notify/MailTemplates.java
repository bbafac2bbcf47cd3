package com.sealflow.server.notify;

import java.util.Map;
import java.util.Set;

/**
 * The e-mail a notification becomes: Chinese by default, English when the server's mail locale is {@code en}.
 * Only what asks something of the reader or ends their request is mailed: a task (审批 or 用印), 催办 and time-limit
 * reminders, and the request's completion or rejection.
 */
final class MailTemplates {

    /** A rendered message. */
    record Mail(String subject, String text) {
    }

    static final Set<String> KINDS = Set.of("task.assigned", "task.handle", "task.reminder", "request.approved", "request.rejected");

    private static final Map<String, String> ZH = Map.of(
        "task.assigned", "您有一项新的审批任务待处理。",
        "task.handle", "一项用印申请已审批通过，请到用印设备处为申请人办理用印。",
        "task.reminder", "您有审批任务被催办或即将超时，请尽快处理。",
        "request.approved", "您的申请已全部办理完成。",
        "request.rejected", "您的申请已被驳回。");
    private static final Map<String, String> EN = Map.of(
        "task.assigned", "A new approval task is waiting for you.",
        "task.handle", "A seal-use request has been approved: please stamp it at the seal device.",
        "task.reminder", "You have been reminded of a pending task, or its time limit is near.",
        "request.approved", "Your request has been completed.",
        "request.rejected", "Your request has been rejected.");

    private MailTemplates() {
    }

    static boolean mailed(String kind) {
        return KINDS.contains(kind);
    }

    /** {@code url}: where to act (the public URL plus the notification's link), or null. */
    static Mail render(String locale, String kind, String name, String title, String body, String url) {
        boolean en = "en".equals(locale);
        String lead = (en ? EN : ZH).getOrDefault(kind, "");
        StringBuilder text = new StringBuilder();
        if (en) {
            text.append("Hello ").append(name).append(",\n\n").append(lead).append("\n\n").append(title).append('\n');
            if (body != null && !body.isBlank()) {
                text.append(body).append('\n');
            }
            if (url != null) {
                text.append("\nOpen in SealFlow: ").append(url).append('\n');
            }
            text.append("\n-- \nSent by SealFlow. Please do not reply to this message.\n");
            return new Mail("[SealFlow] " + title, text.toString());
        }
        text.append(name).append("，您好：\n\n").append(lead).append("\n\n事项：").append(title).append('\n');
        if (body != null && !body.isBlank()) {
            text.append("说明：").append(body).append('\n');
        }
        if (url != null) {
            text.append("\n请在印流中查看并处理：").append(url).append('\n');
        }
        text.append("\n-- \n此邮件由印流（SealFlow）自动发送，请勿直接回复。\n");
        return new Mail("【印流】" + title, text.toString());
    }
}
