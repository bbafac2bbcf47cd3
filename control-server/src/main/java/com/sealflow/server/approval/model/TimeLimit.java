package com.sealflow.server.approval.model;

import java.time.Duration;

/**
 * A task's time limit. The due time is creation + {@code duration}, or the instant in fact {@code dueField} (epoch
 * millis or ISO-8601, e.g. {@code takeOut.expectedReturnAt}) when set. Reminders start {@code remindBefore} the due
 * time (or {@code remindEvery} after creation) and repeat every {@code remindEvery}, at most {@code maxReminders}.
 */
public record TimeLimit(Duration duration, String dueField, Duration remindBefore, Duration remindEvery,
                        Integer maxReminders, Timeout onTimeout) {

    /** {@code to} is for TRANSFER (the first user it resolves to receives the task). */
    public record Timeout(Action action, ApproverSpec to) {

        public enum Action { REMIND, AUTO_APPROVE, AUTO_REJECT, TRANSFER }
    }
}
