package com.sealflow.server.approval;

import static com.sealflow.server.approval.B.approval;
import static com.sealflow.server.approval.B.cc;
import static com.sealflow.server.approval.B.container;
import static com.sealflow.server.approval.B.handle;
import static com.sealflow.server.approval.B.start;
import static com.sealflow.server.approval.B.users;
import static com.sealflow.server.approval.B.when;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.Condition.Op;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.OnReject;
import com.sealflow.server.db.Dialect;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CONDITION, PARALLEL, INCLUSIVE and CC. */
class BranchesTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void conditionTakesTheFirstMatchElseTheDefault(Dialect d) {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("cond", start(), container("c", NodeType.CONDITION)
                .branch("big", when("amount", Op.GTE, 1000), approval("x", users("x"), ApprovalMode.ANY))
                .branch("mid", when("amount", Op.GTE, 100), approval("y", users("y"), ApprovalMode.ANY))
                .defaultBranch("small"),
            handle("stamp", users("wushi"), "STAMP")));
        assertThat(h.pendingUsers(h.start(key, "zhangsan", Map.of("amount", new BigDecimal("1000.00"))))).containsExactly("x");
        assertThat(h.pendingUsers(h.start(key, "zhangsan", Map.of("amount", 500)))).containsExactly("y");
        assertThat(h.pendingUsers(h.start(key, "zhangsan", Map.of("amount", "99.99")))).containsExactly("wushi");
        assertThat(h.pendingUsers(h.start(key, "zhangsan", Map.of()))).containsExactly("wushi");
    }

    private static String parallel(Harness h, NodeType type, OnReject.Policy onReject) {
        return h.deploy(B.flow("par", start(), approval("first", users("lisi"), ApprovalMode.ANY),
            container("p", type)
                .branch("l", type == NodeType.PARALLEL ? null : when("documentType", Op.EQ, "CONTRACT"),
                    approval("legal", users("wangwu"), ApprovalMode.ANY).onReject(onReject, null))
                .branch("f", type == NodeType.PARALLEL ? null : when("amount", Op.GTE, 100000),
                    approval("fin", users("qianqi"), ApprovalMode.ANY), approval("fin2", users("zhengyi"), ApprovalMode.ANY)),
            handle("stamp", users("wushi"), "STAMP")));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void parallelJoinsWhenEveryBranchEnded(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(parallel(h, NodeType.PARALLEL, null), "zhangsan", Map.of());
        h.approve(id, "lisi");
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("wangwu", "qianqi");
        h.approve(id, "qianqi");
        h.approve(id, "wangwu");
        assertThat(h.pendingUsers(id)).containsExactly("zhengyi");
        h.approve(id, "zhengyi");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
        assertThat(h.actions(id)).containsOnlyOnce("JOIN:p");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRejectInOneParallelBranchEndsTheInstanceAndCancelsTheOtherBranch(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(parallel(h, NodeType.PARALLEL, null), "zhangsan", Map.of());
        h.approve(id, "lisi");
        h.approve(id, "qianqi");
        h.reject(id, "wangwu");
        assertThat(h.status(id)).isEqualTo(InstanceStatus.REJECTED);
        assertThat(h.pending(id)).isEmpty();
        assertThat(h.actions(id)).doesNotContain("NODE_ENTERED:stamp").containsOnlyOnce("END");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aParallelBranchReturningToTheApplicantStopsTheOtherBranch(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(parallel(h, NodeType.PARALLEL, OnReject.Policy.RETURN_TO_APPLICANT), "zhangsan", Map.of());
        h.approve(id, "lisi");
        h.reject(id, "wangwu");
        assertThat(h.status(id)).isEqualTo(InstanceStatus.RETURNED);
        assertThat(h.pending(id)).isEmpty();
        h.act(new ApprovalCommand.Resubmit(id, "zhangsan", null, "fixed"));
        assertThat(h.pendingUsers(id)).containsExactly("lisi");
        h.approve(id, "lisi");
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("wangwu", "qianqi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void inclusiveWithOneBranchTakenJoinsAfterThatBranch(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(parallel(h, NodeType.INCLUSIVE, null), "zhangsan", Map.of("documentType", "CONTRACT", "amount", 10));
        h.approve(id, "lisi");
        assertThat(h.pendingUsers(id)).containsExactly("wangwu");
        h.approve(id, "wangwu");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void inclusiveWithBothBranchesWaitsForBoth(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(parallel(h, NodeType.INCLUSIVE, null), "zhangsan",
            Map.of("documentType", "CONTRACT", "amount", new BigDecimal("100000")));
        h.approve(id, "lisi");
        h.approve(id, "wangwu");
        assertThat(h.pendingUsers(id)).containsExactly("qianqi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void inclusiveWithNothingTakenAndNoDefaultContinues(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(parallel(h, NodeType.INCLUSIVE, null), "zhangsan", Map.of("documentType", "OTHER"));
        h.approve(id, "lisi");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void ccInformsAndMovesOn(Dialect d) {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("cc", start(), cc("note", users("anbao"), B.users("auditor")),
            handle("stamp", users("wushi"), "STAMP")));
        String id = h.start(key, "zhangsan", Map.of());
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
        assertThat(Harness.await(h.engine.carbonCopies("anbao", 0, 100)).items()).extracting(TaskView::instanceId).contains(id);
        assertThat(h.inTx).anyMatch(e -> e instanceof ApprovalEvent.CarbonCopied c && c.instanceId().equals(id)
            && c.recipientIds().equals(List.of("anbao", "auditor")));
        assertThat(Harness.await(h.engine.todo("anbao", 0, 100)).items()).extracting(TaskView::instanceId).doesNotContain(id);
    }
}
