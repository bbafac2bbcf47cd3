package com.sealflow.server.approval;

import static com.sealflow.server.approval.B.approval;
import static com.sealflow.server.approval.B.container;
import static com.sealflow.server.approval.B.handle;
import static com.sealflow.server.approval.B.start;
import static com.sealflow.server.approval.B.users;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.ApprovalConflictException.Reason;
import com.sealflow.server.approval.model.AllowedAction;
import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.OnReject.Policy;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Dialect;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The four onReject policies, 退回 by hand, resubmit and withdraw, into and out of multi-signer nodes. */
class ReturnsTest {

    /** a (ANY) → team (ALL of b, c) → e (ANY, onReject policy) → stamp. */
    private static String line(Harness h, Policy policy, String target) {
        return h.deploy(B.flow("ret", start(), approval("a", users("lisi"), ApprovalMode.ANY),
            approval("team", users("b", "c"), ApprovalMode.ALL).allow(AllowedAction.RETURN),
            approval("e", users("e"), ApprovalMode.ANY).onReject(policy, target).allow(AllowedAction.RETURN),
            handle("stamp", users("wushi"), "STAMP")));
    }

    private static String atE(Harness h, String key) {
        String id = h.start(key, "zhangsan", Map.of());
        h.approve(id, "lisi");
        h.approve(id, "b");
        h.approve(id, "c");
        assertThat(h.pendingUsers(id)).containsExactly("e");
        return id;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void terminateRejectsTheInstance(Dialect d) {
        Harness h = Harness.shared(d);
        String id = atE(h, line(h, Policy.TERMINATE, null));
        h.reject(id, "e");
        assertThat(h.status(id)).isEqualTo(InstanceStatus.REJECTED);
        assertThat(h.failure(() -> h.act(new ApprovalCommand.Resubmit(id, "zhangsan", null, null))))
            .isInstanceOf(ApprovalConflictException.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void returnToApplicantThenResubmitStartsANewRound(Dialect d) {
        Harness h = Harness.shared(d);
        String id = atE(h, line(h, Policy.RETURN_TO_APPLICANT, null));
        h.reject(id, "e");
        assertThat(h.status(id)).isEqualTo(InstanceStatus.RETURNED);
        assertThat(h.pending(id)).isEmpty();
        assertThat(((ApprovalConflictException) h.failure(() -> h.act(new ApprovalCommand.Resubmit(id, "lisi", null, null))))
            .reason()).isEqualTo(Reason.WRONG_ACTOR);
        h.act(new ApprovalCommand.Resubmit(id, "zhangsan", Map.of("amount", 1), "fixed the contract"));
        assertThat(h.view(id).round()).isEqualTo(2);
        assertThat(h.view(id).facts()).containsEntry("amount", 1L);
        assertThat(h.pendingUsers(id)).containsExactly("lisi");
        // later actions leave the resubmitted facts as they are (an action writes facts only when it replaces them)
        h.approve(id, "lisi");
        assertThat(h.view(id).facts()).containsExactly(Map.entry("amount", 1L));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void returnToApplicantThenWithdraw(Dialect d) {
        Harness h = Harness.shared(d);
        String id = atE(h, line(h, Policy.RETURN_TO_APPLICANT, null));
        h.reject(id, "e");
        h.act(new ApprovalCommand.Withdraw(id, "zhangsan", "not needed any more"));
        assertThat(h.status(id)).isEqualTo(InstanceStatus.WITHDRAWN);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void returnToPreviousGoesBackIntoTheMultiSignerNodeForEveryone(Dialect d) {
        Harness h = Harness.shared(d);
        String id = atE(h, line(h, Policy.RETURN_TO_PREVIOUS, null));
        h.reject(id, "e");
        assertThat(h.status(id)).isEqualTo(InstanceStatus.RUNNING);
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("b", "c");
        h.approve(id, "b");
        assertThat(h.pendingUsers(id)).containsExactly("c");
        h.approve(id, "c");
        assertThat(h.pendingUsers(id)).containsExactly("e");
        h.approve(id, "e");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void returnToNodeSkipsBackFurther(Dialect d) {
        Harness h = Harness.shared(d);
        String id = atE(h, line(h, Policy.RETURN_TO_NODE, "a"));
        h.reject(id, "e");
        assertThat(h.pendingUsers(id)).containsExactly("lisi");
        h.approve(id, "lisi");
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("b", "c");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void returnOutOfAMultiSignerNodeCancelsTheOtherSigners(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(line(h, Policy.TERMINATE, null), "zhangsan", Map.of());
        h.approve(id, "lisi");
        h.approve(id, "b");
        h.act(new ApprovalCommand.Return(h.pendingOf(id, "c").id(), "c", "a", "wrong department"));
        assertThat(h.pendingUsers(id)).containsExactly("lisi");
        assertThat(h.view(id).tasks()).filteredOn(t -> t.assigneeId().equals("c")).extracting(TaskView::status)
            .containsExactly(TaskStatus.RETURNED);
        h.approve(id, "lisi");
        // b's earlier approval does not count any more: the 会签 starts over
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("b", "c");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void returnByHandToTheStartSendsItToTheApplicant(Dialect d) {
        Harness h = Harness.shared(d);
        String id = atE(h, line(h, Policy.TERMINATE, null));
        h.act(new ApprovalCommand.Return(h.pendingOf(id, "e").id(), "e", "start", "please attach the contract"));
        assertThat(h.status(id)).isEqualTo(InstanceStatus.RETURNED);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void returnToALaterOrUnknownNodeIsInvalidAndNotAllowedWithoutAllow(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(line(h, Policy.TERMINATE, null), "zhangsan", Map.of());
        TaskView a = h.pendingOf(id, "lisi");
        assertThat(((ApprovalConflictException) h.failure(() -> h.act(new ApprovalCommand.Return(a.id(), "lisi", "start", null))))
            .reason()).isEqualTo(Reason.NOT_ALLOWED);
        h.approve(id, "lisi");
        TaskView b = h.pendingOf(id, "b");
        assertThat(h.failure(() -> h.act(new ApprovalCommand.Return(b.id(), "b", "e", null))))
            .isInstanceOf(ApprovalValidationException.class);
        assertThat(h.failure(() -> h.act(new ApprovalCommand.Return(b.id(), "b", "nope", null))))
            .isInstanceOf(ApprovalValidationException.class);
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("b", "c");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void returnInsideAParallelBranchLeavesTheOtherBranchAlone(Dialect d) {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("pret", start(), container("p", NodeType.PARALLEL)
                .branch("l", null, approval("l1", users("wangwu"), ApprovalMode.ANY),
                    approval("l2", users("zhaoliu"), ApprovalMode.ANY).onReject(Policy.RETURN_TO_PREVIOUS, null))
                .branch("f", null, approval("f1", users("qianqi"), ApprovalMode.ANY)),
            handle("stamp", users("wushi"), "STAMP")));
        String id = h.start(key, "zhangsan", Map.of());
        h.approve(id, "wangwu");
        h.reject(id, "zhaoliu");
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("qianqi", "wangwu");
        h.approve(id, "qianqi");
        h.approve(id, "wangwu");
        h.approve(id, "zhaoliu");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
        assertThat(h.actions(id)).containsOnlyOnce("JOIN:p");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void withdrawWhileRunningCancelsEverythingAndOnlyTheApplicantMay(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(line(h, Policy.TERMINATE, null), "zhangsan", Map.of());
        assertThat(((ApprovalConflictException) h.failure(() -> h.act(new ApprovalCommand.Withdraw(id, "lisi", null))))
            .reason()).isEqualTo(Reason.WRONG_ACTOR);
        h.act(new ApprovalCommand.Withdraw(id, "zhangsan", null));
        assertThat(h.status(id)).isEqualTo(InstanceStatus.WITHDRAWN);
        assertThat(h.pending(id)).isEmpty();
        assertThat(((ApprovalConflictException) h.failure(() -> h.act(new ApprovalCommand.Withdraw(id, "zhangsan", null))))
            .reason()).isEqualTo(Reason.INSTANCE_STATE);
    }
}
