package com.sealflow.server.approval;

import static com.sealflow.server.approval.B.approval;
import static com.sealflow.server.approval.B.container;
import static com.sealflow.server.approval.B.handle;
import static com.sealflow.server.approval.B.start;
import static com.sealflow.server.approval.B.users;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.AllowedAction;
import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.OnReject.Policy;
import com.sealflow.server.approval.model.SignerPosition;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.approval.model.TimeLimit.Timeout.Action;
import com.sealflow.server.db.Dialect;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The places other engines break, combined: 加签 inside 会签 then a return into it, a timeout on a 会签 after a return
 * into it, 加签 inside a 会签 of a parallel branch while the other branch rejects.
 */
class HardCombinationsTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aReturnIntoACountersignForgetsItsAddedSignersAndEarlierApprovals(Dialect d) {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("hc1", start(), approval("team", users("b", "c"), ApprovalMode.ALL).allow(AllowedAction.ADD_SIGNER),
            approval("e", users("e"), ApprovalMode.ANY).onReject(Policy.RETURN_TO_PREVIOUS, null),
            handle("stamp", users("wushi"), "STAMP")));
        String id = h.start(key, "zhangsan", Map.of());
        h.act(new ApprovalCommand.AddSigners(h.pendingOf(id, "b").id(), "b", List.of("x"), SignerPosition.BEFORE, null));
        h.approve(id, "x");
        h.approve(id, "b");
        h.approve(id, "c");
        h.reject(id, "e");
        // back in the 会签: the two configured signers again, without the signer b added last round
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("b", "c");
        h.approve(id, "b");
        assertThat(h.status(id)).isEqualTo(InstanceStatus.RUNNING);
        assertThat(h.pendingUsers(id)).containsExactly("c");
        h.approve(id, "c");
        assertThat(h.pendingUsers(id)).containsExactly("e");
        h.approve(id, "e");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
        assertThat(h.actions(id).stream().filter(a -> a.equals("NODE_APPROVED:team"))).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aTimeoutOnACountersignAfterAReturnIntoItTransfersOnlyTheNewTasksOnce(Dialect d) {
        Harness h = Harness.fresh(d);
        try {
            String key = h.deploy(B.flow("hc2", start(),
                approval("team", users("b", "c"), ApprovalMode.ALL).timeLimit(Duration.ofHours(10), Action.TRANSFER, users("lisi")),
                approval("e", users("e"), ApprovalMode.ANY).onReject(Policy.RETURN_TO_PREVIOUS, null),
                handle("stamp", users("wushi"), "STAMP")));
            String id = h.start(key, "zhangsan", Map.of());
            h.clock.advance(Duration.ofHours(6));
            h.approve(id, "b");
            h.approve(id, "c");
            h.reject(id, "e");
            assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("b", "c");
            // the first round's deadline (10 h after start) passes: its tasks are closed, nothing happens
            h.clock.advance(Duration.ofHours(5));
            assertThat(Harness.await(h.engine.processDueTimers(100))).isZero();
            h.approve(id, "b");
            // the new round's 10 h pass: only c's open task times out and goes to lisi, once
            h.clock.advance(Duration.ofHours(6));
            assertThat(Harness.await(h.engine.processDueTimers(100))).isEqualTo(1);
            assertThat(Harness.await(h.engine.processDueTimers(100))).isZero();
            assertThat(h.pendingUsers(id)).containsExactly("lisi");
            assertThat(h.view(id).tasks()).filteredOn(t -> t.status() == TaskStatus.TIMED_OUT).extracting(TaskView::assigneeId)
                .containsExactly("c");
            h.approve(id, "lisi");
            assertThat(h.pendingUsers(id)).containsExactly("e");
        } finally {
            Harness.await(h.db.close());
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRejectingParallelBranchCancelsTheAddedSignersOfTheOtherBranch(Dialect d) {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("hc3", start(), container("p", NodeType.PARALLEL)
                .branch("l", null, approval("team", users("b", "c"), ApprovalMode.ALL).allow(AllowedAction.ADD_SIGNER))
                .branch("f", null, approval("fin", users("qianqi"), ApprovalMode.ANY)),
            handle("stamp", users("wushi"), "STAMP")));
        String id = h.start(key, "zhangsan", Map.of());
        h.act(new ApprovalCommand.AddSigners(h.pendingOf(id, "b").id(), "b", List.of("x"), SignerPosition.AFTER, null));
        h.approve(id, "c");
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("x", "qianqi");
        h.reject(id, "qianqi");
        assertThat(h.status(id)).isEqualTo(InstanceStatus.REJECTED);
        assertThat(h.pending(id)).isEmpty();
        TaskView x = h.view(id).tasks().stream().filter(t -> t.assigneeId().equals("x")).findFirst().orElseThrow();
        assertThat(x.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(h.failure(() -> h.act(new ApprovalCommand.Approve(x.id(), "x", null)))).isInstanceOf(ApprovalConflictException.class);
        assertThat(h.actions(id)).doesNotContain("NODE_APPROVED:team", "JOIN:p").containsOnlyOnce("END");
    }
}
