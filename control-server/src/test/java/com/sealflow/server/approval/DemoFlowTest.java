package com.sealflow.server.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.ApprovalEvent.HandleReached;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Dialect;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The demo flows of DESIGN §7 end to end with the demo org. */
class DemoFlowTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void bigContractGoesThroughLegalFinanceExecutivesAndStamping(Dialect dialect) {
        Harness h = Harness.shared(dialect);
        String key = h.deploy(DemoFlows.sealUse());
        assertThat(h.engine.validate(DemoFlows.sealUse())).isEmpty();
        String id = h.start(key, "zhangsan", Map.of("amount", new BigDecimal("600000.00"), "documentType", "CONTRACT",
            "sealType", List.of("CONTRACT"), "sealIds", List.of("seal-contract")));
        assertThat(h.pendingUsers(id)).containsExactly("lisi");
        assertThat(Harness.await(h.engine.todo("lisi", 0, 50)).items()).extracting(TaskView::instanceId).contains(id);
        assertThat(h.pendingOf(id, "lisi").fieldPermissions()).containsEntry("project", "READ");
        assertThat(h.pendingOf(id, "lisi").dueAt()).isEqualTo(h.clock.millis() + Duration.ofDays(1).toMillis());

        h.approve(id, "lisi");
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("wangwu", "zhaoliu", "qianqi");
        h.approve(id, "zhaoliu");
        assertThat(h.pendingUsers(id)).containsExactly("qianqi");
        assertThat(h.view(id).tasks()).filteredOn(t -> t.assigneeId().equals("wangwu"))
            .extracting(TaskView::status).containsExactly(TaskStatus.CANCELLED);
        assertThat(h.inTx).noneMatch(e -> e instanceof HandleReached hr && hr.instanceId().equals(id));

        h.approve(id, "qianqi");
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("sunba", "zhoujiu");
        h.approve(id, "sunba");
        assertThat(h.pendingUsers(id)).containsExactly("zhoujiu");
        assertThat(h.inTx).noneMatch(e -> e instanceof HandleReached hr && hr.instanceId().equals(id));
        h.approve(id, "zhoujiu");

        HandleReached reached = (HandleReached) h.inTx.stream()
            .filter(e -> e instanceof HandleReached hr && hr.instanceId().equals(id)).findFirst().orElseThrow();
        assertThat(reached.action()).isEqualTo("STAMP");
        assertThat(reached.assigneeIds()).containsExactly("wushi");
        assertThat(h.committed).contains(reached);
        TaskView stamp = h.pendingOf(id, "wushi");
        h.act(new ApprovalCommand.CompleteHandle(stamp.id(), "wushi", "stamped 2 copies"));

        assertThat(h.status(id)).isEqualTo(InstanceStatus.APPROVED);
        assertThat(h.pending(id)).isEmpty();
        assertThat(h.actions(id)).containsSubsequence("START:start", "APPROVE:dept", "NODE_APPROVED:dept", "BRANCH:review",
            "APPROVE:legal", "APPROVE:finance", "JOIN:review", "BRANCH:exec", "APPROVE:ceo", "APPROVE:ceo", "NODE_APPROVED:ceo",
            "NODE_ENTERED:stamp", "COMPLETE_HANDLE:stamp", "AUTO:archive", "END");
        assertThat(h.inTx.stream().filter(e -> e instanceof ApprovalEvent.InstanceEnded ie && ie.instanceId().equals(id)))
            .hasSize(1);
        assertThat(Harness.await(h.engine.done("zhoujiu", 0, 10)).items()).extracting(TaskView::instanceId).contains(id);
        assertThat(Harness.await(h.engine.todo("wushi", 0, 10)).items()).extracting(TaskView::instanceId).doesNotContain(id);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void smallAgreementSkipsFinanceAndExecutives(Dialect dialect) {
        Harness h = Harness.shared(dialect);
        String key = h.deploy(DemoFlows.sealUse());
        String id = h.start(key, "chenyu", Map.of("amount", "2000", "documentType", "AGREEMENT",
            "sealType", "CONTRACT", "sealIds", List.of("seal-contract")));
        h.approve(id, "liuyang");
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("wangwu", "zhaoliu");
        h.approve(id, "wangwu");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
        assertThat(h.actions(id)).doesNotContain("NODE_ENTERED:finance", "NODE_ENTERED:ceo");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void takeOutRunsCheckoutThenCheckinDueAtTheExpectedReturn(Dialect dialect) {
        Harness h = Harness.fresh(dialect);
        try {
            String key = h.deploy(DemoFlows.takeOut());
            long back = h.clock.millis() + Duration.ofDays(2).toMillis();
            String id = h.start(key, "zhangsan", Map.of("sealIds", List.of("seal-official"), "takeOut",
                Map.of("expectedReturnAt", back)));
            h.approve(id, "lisi");
            h.approve(id, "sunba");
            h.act(new ApprovalCommand.CompleteHandle(h.pendingOf(id, "wushi").id(), "wushi", "handed out"));
            TaskView checkin = h.pendingOf(id, "wushi");
            assertThat(checkin.nodeId()).isEqualTo("checkin");
            assertThat(checkin.dueAt()).isEqualTo(back);
            h.clock.advance(Duration.ofDays(2).plusMinutes(1));
            assertThat(Harness.await(h.engine.processDueTimers(100))).isEqualTo(1);
            assertThat(h.actions(id)).contains("TIMEOUT:checkin", "REMIND:checkin");
            assertThat(h.status(id)).isEqualTo(InstanceStatus.RUNNING);
            h.act(new ApprovalCommand.CompleteHandle(checkin.id(), "wushi", "returned"));
            assertThat(h.status(id)).isEqualTo(InstanceStatus.APPROVED);
        } finally {
            Harness.await(h.db.close());
        }
    }
}
