package com.sealflow.server.approval;

import static com.sealflow.server.approval.B.approval;
import static com.sealflow.server.approval.B.handle;
import static com.sealflow.server.approval.B.start;
import static com.sealflow.server.approval.B.users;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Dialect;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** 依次, 会签, 或签, 票签. */
class ModesTest {

    private static String flow(Harness h, B node) {
        return h.deploy(B.flow("modes", start(), node, handle("stamp", users("wushi"), "STAMP")));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void sequentialAsksOneAfterAnotherInOrder(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(flow(h, approval("seq", users("a", "b", "c"), ApprovalMode.SEQUENTIAL)), "zhangsan", Map.of());
        assertThat(h.pendingUsers(id)).containsExactly("a");
        assertThat(h.view(id).tasks()).filteredOn(t -> t.status() == TaskStatus.WAITING).extracting(TaskView::assigneeId)
            .containsExactly("b", "c");
        h.approve(id, "a");
        assertThat(h.pendingUsers(id)).containsExactly("b");
        h.approve(id, "b");
        h.approve(id, "c");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void sequentialRejectStopsTheLine(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(flow(h, approval("seq", users("a", "b"), ApprovalMode.SEQUENTIAL)), "zhangsan", Map.of());
        h.reject(id, "a");
        assertThat(h.status(id)).isEqualTo(InstanceStatus.REJECTED);
        assertThat(h.view(id).tasks()).extracting(TaskView::status).containsExactly(TaskStatus.REJECTED, TaskStatus.CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void allNeedsEveryoneAndOneRejectRejects(Dialect d) {
        Harness h = Harness.shared(d);
        String key = flow(h, approval("all", users("a", "b", "c"), ApprovalMode.ALL));
        String id = h.start(key, "zhangsan", Map.of());
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("a", "b", "c");
        h.approve(id, "a");
        h.approve(id, "b");
        assertThat(h.pendingUsers(id)).containsExactly("c");
        h.approve(id, "c");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");

        String id2 = h.start(key, "zhangsan", Map.of());
        h.approve(id2, "a");
        h.reject(id2, "b");
        assertThat(h.status(id2)).isEqualTo(InstanceStatus.REJECTED);
        assertThat(h.pending(id2)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anyFirstDecisionDecides(Dialect d) {
        Harness h = Harness.shared(d);
        String key = flow(h, approval("any", users("a", "b"), ApprovalMode.ANY));
        String id = h.start(key, "zhangsan", Map.of());
        h.approve(id, "b");
        assertThat(h.view(id).tasks()).filteredOn(t -> t.assigneeId().equals("a")).extracting(TaskView::status)
            .containsExactly(TaskStatus.CANCELLED);
        assertThat(h.pendingUsers(id)).containsExactly("wushi");

        String id2 = h.start(key, "zhangsan", Map.of());
        h.reject(id2, "a");
        assertThat(h.status(id2)).isEqualTo(InstanceStatus.REJECTED);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void voteReachesItsRatio(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(flow(h, approval("vote", users("a", "b", "c"), ApprovalMode.VOTE).ratio("0.6")), "zhangsan", Map.of());
        h.reject(id, "a");
        assertThat(h.status(id)).isEqualTo(InstanceStatus.RUNNING);
        h.approve(id, "b");
        assertThat(h.status(id)).isEqualTo(InstanceStatus.RUNNING);
        assertThat(h.pendingUsers(id)).containsExactly("c");
        h.approve(id, "c");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void voteRejectsAsSoonAsTheRatioIsOutOfReach(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(flow(h, approval("vote", users("a", "b", "c", "e"), ApprovalMode.VOTE).ratio("0.75")), "zhangsan",
            Map.of());
        h.approve(id, "a");
        h.reject(id, "b");
        assertThat(h.status(id)).isEqualTo(InstanceStatus.RUNNING);
        h.reject(id, "c");
        // 2 of 4 can no longer reach 75 %: rejected without waiting for e
        assertThat(h.status(id)).isEqualTo(InstanceStatus.REJECTED);
        assertThat(h.view(id).tasks()).filteredOn(t -> t.assigneeId().equals("e")).extracting(TaskView::status)
            .containsExactly(TaskStatus.CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void votePassesEarlyWhenTheRatioIsReached(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(flow(h, approval("vote", users("a", "b", "c"), ApprovalMode.VOTE).ratio("0.5")), "zhangsan", Map.of());
        h.approve(id, "a");
        assertThat(h.status(id)).isEqualTo(InstanceStatus.RUNNING);
        h.approve(id, "c");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
    }
}
