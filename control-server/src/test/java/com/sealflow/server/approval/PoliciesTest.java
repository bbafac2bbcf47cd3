package com.sealflow.server.approval;

import static com.sealflow.server.approval.B.approval;
import static com.sealflow.server.approval.B.handle;
import static com.sealflow.server.approval.B.start;
import static com.sealflow.server.approval.B.users;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.ApplicantIsApprover;
import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.ApproverType;
import com.sealflow.server.approval.model.Dedupe;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.OnEmpty;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Dialect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** onApplicantIsApprover, dedupe, onEmpty and the engine-resolved approver types. */
class PoliciesTest {

    private static String single(Harness h, B node) {
        return h.deploy(B.flow("pol", start(), node, handle("stamp", users("wushi"), "STAMP")));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void applicantIsApproverPolicies(Dialect d) {
        Harness h = Harness.shared(d);
        String self = single(h, approval("n", users("lisi"), ApprovalMode.ANY).applicant(ApplicantIsApprover.APPROVE_SELF));
        assertThat(h.pendingUsers(h.start(self, "lisi", Map.of()))).containsExactly("lisi");

        String skip = single(h, approval("n", users("lisi"), ApprovalMode.ANY).applicant(ApplicantIsApprover.SKIP));
        String s1 = h.start(skip, "lisi", Map.of());
        assertThat(h.pendingUsers(s1)).containsExactly("wushi");
        assertThat(h.actions(s1)).contains("SKIP:n");

        String skipAny = single(h, approval("n", users("lisi", "zhangsan"), ApprovalMode.ANY).applicant(ApplicantIsApprover.SKIP));
        String s2 = h.start(skipAny, "lisi", Map.of());
        // the applicant's slot does not decide an 或签: the other approver still does
        assertThat(h.pendingUsers(s2)).containsExactly("zhangsan");

        String head = single(h, approval("n", users("lisi"), ApprovalMode.ANY).applicant(ApplicantIsApprover.DEPT_HEAD));
        // lisi heads 销售部, so the department head above (总经办: sunba) approves instead
        assertThat(h.pendingUsers(h.start(head, "lisi", Map.of()))).containsExactly("sunba");
        // the top head has no one above: falls back to skipping
        String top = single(h, approval("n", users("sunba"), ApprovalMode.ANY).applicant(ApplicantIsApprover.DEPT_HEAD));
        assertThat(h.pendingUsers(h.start(top, "sunba", Map.of()))).containsExactly("wushi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void dedupeConsecutiveOnlyLooksAtTheNodeJustBefore(Dialect d) {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("dd", start(), approval("a", users("lisi"), ApprovalMode.ANY),
            approval("b", users("wangwu"), ApprovalMode.ANY),
            approval("c", users("wangwu", "lisi"), ApprovalMode.ALL).dedupe(Dedupe.CONSECUTIVE),
            handle("stamp", users("wushi"), "STAMP")));
        String id = h.start(key, "zhangsan", Map.of());
        h.approve(id, "lisi");
        h.approve(id, "wangwu");
        // wangwu approved the node just before: auto-approved; lisi approved two nodes back: asked again
        assertThat(h.pendingUsers(id)).containsExactly("lisi");
        assertThat(h.view(id).tasks()).filteredOn(t -> t.nodeId().equals("c") && t.assigneeId().equals("wangwu"))
            .extracting(TaskView::status).containsExactly(TaskStatus.AUTO_APPROVED);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void dedupeAnyPriorApprovesEveryoneWhoApprovedBefore(Dialect d) {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("dd", start(), approval("a", users("lisi"), ApprovalMode.ANY),
            approval("b", users("wangwu"), ApprovalMode.ANY),
            approval("c", users("wangwu", "lisi"), ApprovalMode.ALL).dedupe(Dedupe.ANY_PRIOR),
            handle("stamp", users("wushi"), "STAMP")));
        String id = h.start(key, "zhangsan", Map.of());
        h.approve(id, "lisi");
        h.approve(id, "wangwu");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
        assertThat(h.actions(id)).contains("DEDUPE:c");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void dedupeNoneAsksAgain(Dialect d) {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("dd", start(), approval("a", users("lisi"), ApprovalMode.ANY),
            approval("c", users("lisi"), ApprovalMode.ANY).dedupe(Dedupe.NONE), handle("stamp", users("wushi"), "STAMP")));
        String id = h.start(key, "zhangsan", Map.of());
        h.approve(id, "lisi");
        assertThat(h.pendingUsers(id)).containsExactly("lisi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void emptyApproverPolicies(Dialect d) {
        Harness h = Harness.shared(d);
        ApproverSpec nobody = ApproverSpec.role("NOBODY");
        String approve = single(h, approval("n", nobody, ApprovalMode.ANY).onEmpty(OnEmpty.Action.AUTO_APPROVE, null));
        String a = h.start(approve, "zhangsan", Map.of());
        assertThat(h.pendingUsers(a)).containsExactly("wushi");
        assertThat(h.actions(a)).contains("AUTO_APPROVE:n");

        String reject = single(h, approval("n", nobody, ApprovalMode.ANY).onEmpty(OnEmpty.Action.AUTO_REJECT, null));
        assertThat(h.status(h.start(reject, "zhangsan", Map.of()))).isEqualTo(InstanceStatus.REJECTED);

        String unset = single(h, approval("n", nobody, ApprovalMode.ANY));
        assertThat(h.status(h.start(unset, "zhangsan", Map.of()))).isEqualTo(InstanceStatus.REJECTED);

        String assign = single(h, approval("n", nobody, ApprovalMode.ANY).onEmpty(OnEmpty.Action.ASSIGN, ApproverSpec.role("LEGAL")));
        assertThat(h.pendingUsers(h.start(assign, "zhangsan", Map.of()))).containsExactly("wangwu", "zhaoliu");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void engineResolvedApproverTypes(Dialect d) {
        Harness h = Harness.shared(d);
        String select = single(h, approval("pick", ApproverSpec.of(ApproverType.APPLICANT_SELECT), ApprovalMode.ALL));
        assertThat(h.pendingUsers(h.start(select, "zhangsan", Map.of("approvers", Map.of("pick", List.of("x", "y"))))))
            .containsExactly("x", "y");
        String self = single(h, approval("me", ApproverSpec.of(ApproverType.APPLICANT), ApprovalMode.ANY));
        assertThat(h.pendingUsers(h.start(self, "zhangsan", Map.of()))).containsExactly("zhangsan");
        String chain = single(h, approval("chain", new ApproverSpec(ApproverType.DEPT_HEAD_CHAIN, null, null, null, null, 2, null),
            ApprovalMode.SEQUENTIAL));
        String c = h.start(chain, "zhangsan", Map.of());
        assertThat(h.pendingUsers(c)).containsExactly("lisi");
        h.approve(c, "lisi");
        assertThat(h.pendingUsers(c)).containsExactly("sunba");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void onlyInitiatorsMayStart(Dialect d) {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("init", start().initiators(ApproverSpec.role("LEGAL")), handle("stamp", users("wushi"), "STAMP")));
        assertThat(((ApprovalConflictException) h.failure(() -> h.start(key, "zhangsan", Map.of()))).reason())
            .isEqualTo(ApprovalConflictException.Reason.NOT_ALLOWED);
        assertThat(h.pendingUsers(h.start(key, "zhaoliu", Map.of()))).containsExactly("wushi");
    }
}
