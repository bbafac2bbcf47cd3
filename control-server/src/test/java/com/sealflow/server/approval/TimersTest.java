package com.sealflow.server.approval;

import static com.sealflow.server.approval.B.approval;
import static com.sealflow.server.approval.B.handle;
import static com.sealflow.server.approval.B.start;
import static com.sealflow.server.approval.B.users;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.AllowedAction;
import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.OnReject;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.approval.model.TimeLimit;
import com.sealflow.server.approval.model.TimeLimit.Timeout.Action;
import com.sealflow.server.db.Dialect;
import java.time.Duration;
import java.util.Map;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Time limits with an injected clock: every onTimeout action, reminders, and a timeout after a return. */
class TimersTest {

    private Harness h;

    @AfterEach
    void close() {
        if (h != null) {
            Harness.await(h.db.close());
        }
    }

    private String oneStep(Action action, ApproverSpec to) {
        return h.deploy(B.flow("t", start(), approval("a", users("lisi", "b"), ApprovalMode.ALL)
            .timeLimit(Duration.ofHours(24), action, to), handle("stamp", users("wushi"), "STAMP")));
    }

    private int tick(Duration d) {
        h.clock.advance(d);
        return Harness.await(h.engine.processDueTimers(1000));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void autoApproveOnTimeout(Dialect d) {
        h = Harness.fresh(d);
        String id = h.start(oneStep(Action.AUTO_APPROVE, null), "zhangsan", Map.of());
        h.approve(id, "lisi");
        assertThat(tick(Duration.ofHours(23))).isZero();
        assertThat(tick(Duration.ofHours(1))).isEqualTo(1);
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
        assertThat(h.view(id).tasks()).filteredOn(t -> t.assigneeId().equals("b")).extracting(TaskView::status)
            .containsExactly(TaskStatus.AUTO_APPROVED);
        assertThat(tick(Duration.ofDays(5))).isZero();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void autoRejectOnTimeout(Dialect d) {
        h = Harness.fresh(d);
        String id = h.start(oneStep(Action.AUTO_REJECT, null), "zhangsan", Map.of());
        assertThat(tick(Duration.ofHours(25))).isEqualTo(1);
        assertThat(h.status(id)).isEqualTo(InstanceStatus.REJECTED);
        assertThat(h.pending(id)).isEmpty();
        assertThat(h.actions(id)).containsOnlyOnce("END");
    }

    /** Two nodes' timer rounds, or a timer and a user's action: the one that finds the instance held moves on. */
    @Test
    void aTimerSkipsAnInstanceAnotherTransactionHoldsAndActsOnTheNextRound() {
        h = Harness.fresh(Dialect.POSTGRES);
        String id = h.start(oneStep(Action.AUTO_REJECT, null), "zhangsan", Map.of());
        SqlConnection holder = Harness.await(h.db.pool().getConnection());
        try {
            Harness.await(holder.query("BEGIN").execute());
            Harness.await(h.db.execute(holder, "SELECT id FROM approval_instance WHERE id = $1 FOR UPDATE", id));
            // without SKIP LOCKED this round would wait for the holder and the await would time out
            assertThat(tick(Duration.ofHours(25))).isZero();
            assertThat(h.status(id)).isEqualTo(InstanceStatus.RUNNING);
            Harness.await(holder.query("COMMIT").execute());
        } finally {
            holder.close();
        }
        assertThat(tick(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(h.status(id)).isEqualTo(InstanceStatus.REJECTED);
        assertThat(h.actions(id)).containsOnlyOnce("END");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void transferOnTimeoutHandsTheTaskUp(Dialect d) {
        h = Harness.fresh(d);
        String id = h.start(oneStep(Action.TRANSFER, ApproverSpec.deptHead(2)), "zhangsan", Map.of());
        h.approve(id, "b");
        assertThat(tick(Duration.ofHours(24))).isEqualTo(1);
        assertThat(h.pendingUsers(id)).containsExactly("sunba");
        assertThat(h.view(id).tasks()).filteredOn(t -> t.assigneeId().equals("lisi")).extracting(TaskView::status)
            .containsExactly(TaskStatus.TIMED_OUT);
        h.approve(id, "sunba");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void remindBeforeThenEveryUpToTheMaximum(Dialect d) {
        h = Harness.fresh(d);
        String key = h.deploy(B.flow("r", start(), approval("a", users("lisi"), ApprovalMode.ANY).timeLimit(new TimeLimit(
                Duration.ofHours(10), null, Duration.ofHours(4), Duration.ofHours(1), 2, new TimeLimit.Timeout(Action.REMIND, null))),
            handle("stamp", users("wushi"), "STAMP")));
        String id = h.start(key, "zhangsan", Map.of());
        assertThat(tick(Duration.ofHours(5))).isZero();
        assertThat(tick(Duration.ofHours(1))).isEqualTo(1);
        assertThat(tick(Duration.ofMinutes(30))).isZero();
        assertThat(tick(Duration.ofMinutes(30))).isEqualTo(1);
        assertThat(tick(Duration.ofHours(1))).isZero();
        assertThat(tick(Duration.ofHours(3))).isEqualTo(1);
        assertThat(h.actions(id).stream().filter(a -> a.equals("REMIND:a"))).hasSize(3);
        assertThat(h.actions(id)).containsOnlyOnce("TIMEOUT:a");
        assertThat(h.committed.stream().filter(e -> e instanceof ApprovalEvent.Reminder r && r.byTimer()
            && r.instanceId().equals(id))).hasSize(3);
        assertThat(h.status(id)).isEqualTo(InstanceStatus.RUNNING);
        assertThat(tick(Duration.ofDays(3))).isZero();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void timeoutAfterAReturnActsOnceOnTheNewTaskOnly(Dialect d) {
        h = Harness.fresh(d);
        String key = h.deploy(B.flow("tr", start(),
            approval("a", users("lisi"), ApprovalMode.ANY).timeLimit(Duration.ofHours(24), Action.AUTO_APPROVE, null),
            approval("b", users("wangwu"), ApprovalMode.ANY).onReject(OnReject.Policy.RETURN_TO_PREVIOUS, null)
                .allow(AllowedAction.RETURN),
            handle("stamp", users("wushi"), "STAMP")));
        String id = h.start(key, "zhangsan", Map.of());
        assertThat(tick(Duration.ofHours(20))).isZero();
        h.approve(id, "lisi");
        h.reject(id, "wangwu");
        assertThat(h.pendingUsers(id)).containsExactly("lisi");
        // the first task's deadline (20 h + 4 h) passes: its task is closed, nothing happens
        assertThat(tick(Duration.ofHours(5))).isZero();
        assertThat(h.pendingUsers(id)).containsExactly("lisi");
        // the new task's own 24 h pass
        assertThat(tick(Duration.ofHours(19))).isEqualTo(1);
        assertThat(h.pendingUsers(id)).containsExactly("wangwu");
        assertThat(h.actions(id)).containsOnlyOnce("TIMEOUT:a");
    }
}
