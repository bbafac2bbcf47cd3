package com.sealflow.server.approval;

import static com.sealflow.server.approval.B.approval;
import static com.sealflow.server.approval.B.handle;
import static com.sealflow.server.approval.B.start;
import static com.sealflow.server.approval.B.users;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.ApprovalCommand.AddSigners;
import com.sealflow.server.approval.ApprovalConflictException.Reason;
import com.sealflow.server.approval.model.AllowedAction;
import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.SignerPosition;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Dialect;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** 转办, 委派, 加签 inside 会签, removing an added signer, 催办, comments, idempotency and stale actions. */
class OperationsTest {

    private static String huiqian(Harness h, AllowedAction... allow) {
        return h.deploy(B.flow("ops", start(), approval("team", users("b", "c"), ApprovalMode.ALL).allow(allow),
            handle("stamp", users("wushi"), "STAMP")));
    }

    private static Reason reason(Harness h, ApprovalCommand c) {
        return ((ApprovalConflictException) h.failure(() -> h.act(c))).reason();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void transferMovesTheTaskForGood(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(huiqian(h, AllowedAction.TRANSFER), "zhangsan", Map.of());
        TaskView b = h.pendingOf(id, "b");
        h.act(new ApprovalCommand.Transfer(b.id(), "b", "x", "on leave"));
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("c", "x");
        h.approve(id, "c");
        h.approve(id, "x");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
        assertThat(Harness.await(h.engine.done("b", 0, 10)).items()).extracting(TaskView::status).contains(TaskStatus.TRANSFERRED);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void delegateAsksForAnOpinionAndGivesTheTaskBack(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(huiqian(h, AllowedAction.DELEGATE), "zhangsan", Map.of());
        h.act(new ApprovalCommand.Delegate(h.pendingOf(id, "b").id(), "b", "x", "please check clause 7"));
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("c", "x");
        assertThat(h.view(id).tasks()).filteredOn(t -> t.assigneeId().equals("b")).extracting(TaskView::status)
            .containsExactly(TaskStatus.DELEGATED);
        TaskView x = h.pendingOf(id, "x");
        assertThat(reason(h, new ApprovalCommand.Transfer(x.id(), "x", "y", null))).isEqualTo(Reason.NOT_ALLOWED);
        h.reject(id, "x");
        // the delegate's "no" is an opinion: the instance goes on and b decides
        assertThat(h.status(id)).isEqualTo(InstanceStatus.RUNNING);
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("b", "c");
        h.approve(id, "b");
        h.approve(id, "c");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void addSignersBeforeInsideHuiqianGateTheAdder(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(huiqian(h, AllowedAction.ADD_SIGNER), "zhangsan", Map.of());
        h.act(new AddSigners(h.pendingOf(id, "b").id(), "b", List.of("x", "y"), SignerPosition.BEFORE, "ask x and y first"));
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("c", "x", "y");
        h.approve(id, "c");
        h.approve(id, "x");
        assertThat(h.pendingUsers(id)).containsExactly("y");
        h.approve(id, "y");
        assertThat(h.pendingUsers(id)).containsExactly("b");
        h.approve(id, "b");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anAddedSignerCanTransferAndTheAdderStillGetsItsTurn(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(huiqian(h, AllowedAction.ADD_SIGNER, AllowedAction.TRANSFER), "zhangsan", Map.of());
        h.act(new AddSigners(h.pendingOf(id, "b").id(), "b", List.of("x"), SignerPosition.BEFORE, null));
        h.act(new ApprovalCommand.Transfer(h.pendingOf(id, "x").id(), "x", "y", "ask y"));
        h.approve(id, "y");
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("b", "c");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aSignerAddedAfterCanAddAnotherAndTheNodeWaitsForBoth(Dialect d) {
        // found by EnginePropertiesTest: the nested signer used to be cancelled when the first added signer approved
        Harness h = Harness.shared(d);
        String id = h.start(huiqian(h, AllowedAction.ADD_SIGNER), "zhangsan", Map.of());
        h.approve(id, "c");
        h.act(new AddSigners(h.pendingOf(id, "b").id(), "b", List.of("x"), SignerPosition.AFTER, null));
        h.act(new AddSigners(h.pendingOf(id, "x").id(), "x", List.of("y"), SignerPosition.AFTER, null));
        assertThat(h.pendingUsers(id)).containsExactly("y");
        h.approve(id, "y");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void addedSignerRejectingRejectsTheHuiqian(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(huiqian(h, AllowedAction.ADD_SIGNER), "zhangsan", Map.of());
        h.act(new AddSigners(h.pendingOf(id, "b").id(), "b", List.of("x"), SignerPosition.AFTER, "approved, x too"));
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("c", "x");
        h.approve(id, "c");
        assertThat(h.status(id)).isEqualTo(InstanceStatus.RUNNING);
        h.reject(id, "x");
        assertThat(h.status(id)).isEqualTo(InstanceStatus.REJECTED);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void addSignersAfterAndInParallelMustAllApprove(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(huiqian(h, AllowedAction.ADD_SIGNER), "zhangsan", Map.of());
        h.act(new AddSigners(h.pendingOf(id, "b").id(), "b", List.of("x"), SignerPosition.AFTER, null));
        h.act(new AddSigners(h.pendingOf(id, "c").id(), "c", List.of("y"), SignerPosition.PARALLEL, null));
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("c", "x", "y");
        h.approve(id, "c");
        h.approve(id, "x");
        assertThat(h.pendingUsers(id)).containsExactly("y");
        h.approve(id, "y");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theAdderCanRemoveAnAddedSignerAndNobodyElseCan(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(huiqian(h, AllowedAction.ADD_SIGNER), "zhangsan", Map.of());
        h.act(new AddSigners(h.pendingOf(id, "b").id(), "b", List.of("x"), SignerPosition.BEFORE, null));
        TaskView x = h.pendingOf(id, "x");
        assertThat(x.kind()).isEqualTo(TaskKind.ADDED_BEFORE);
        assertThat(reason(h, new ApprovalCommand.RemoveSigner(x.id(), "c", null))).isEqualTo(Reason.WRONG_ACTOR);
        h.act(new ApprovalCommand.RemoveSigner(x.id(), "b", "not needed"));
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("b", "c");
        assertThat(reason(h, new ApprovalCommand.RemoveSigner(x.id(), "b", null))).isEqualTo(Reason.STALE_TASK);
        TaskView c = h.pendingOf(id, "c");
        assertThat(reason(h, new ApprovalCommand.RemoveSigner(c.id(), "c", null))).isEqualTo(Reason.NOT_ALLOWED);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void actionsTheNodeDoesNotAllowAreRefused(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(huiqian(h), "zhangsan", Map.of());
        String b = h.pendingOf(id, "b").id();
        assertThat(reason(h, new ApprovalCommand.Transfer(b, "b", "x", null))).isEqualTo(Reason.NOT_ALLOWED);
        assertThat(reason(h, new ApprovalCommand.Delegate(b, "b", "x", null))).isEqualTo(Reason.NOT_ALLOWED);
        assertThat(reason(h, new AddSigners(b, "b", List.of("x"), SignerPosition.BEFORE, null))).isEqualTo(Reason.NOT_ALLOWED);
        assertThat(reason(h, new ApprovalCommand.Return(b, "b", "start", null))).isEqualTo(Reason.NOT_ALLOWED);
        assertThat(reason(h, new ApprovalCommand.CompleteHandle(b, "b", null))).isEqualTo(Reason.NOT_ALLOWED);
        assertThat(h.pendingUsers(id)).containsExactlyInAnyOrder("b", "c");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void staleWrongActorUnknownAndInvalidAreTyped(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(huiqian(h, AllowedAction.ADD_SIGNER), "zhangsan", Map.of());
        String b = h.pendingOf(id, "b").id();
        assertThat(reason(h, new ApprovalCommand.Approve(b, "c", null))).isEqualTo(Reason.WRONG_ACTOR);
        h.act(new ApprovalCommand.Approve(b, "b", null));
        assertThat(reason(h, new ApprovalCommand.Approve(b, "b", null))).isEqualTo(Reason.STALE_TASK);
        assertThat(reason(h, new ApprovalCommand.Reject(b, "b", null))).isEqualTo(Reason.STALE_TASK);
        assertThat(h.failure(() -> h.act(new ApprovalCommand.Approve("no-such-task", "b", null))))
            .isInstanceOf(ApprovalNotFoundException.class);
        assertThat(h.failure(() -> h.act(new ApprovalCommand.Urge("no-such-instance", "b"))))
            .isInstanceOf(ApprovalNotFoundException.class);
        assertThat(h.failure(() -> h.view("no-such-instance"))).isInstanceOf(ApprovalNotFoundException.class);
        String c = h.pendingOf(id, "c").id();
        assertThat(h.failure(() -> h.act(new AddSigners(c, "c", List.of(), SignerPosition.BEFORE, null))))
            .isInstanceOf(ApprovalValidationException.class);
        assertThat(h.failure(() -> h.act(new ApprovalCommand.Comment(id, "c", " "))))
            .isInstanceOf(ApprovalValidationException.class);
        assertThat(h.failure(() -> Harness.await(h.engine.start(new StartCommand("no-such-flow", "k", "zhangsan", Map.of(), null)))))
            .isInstanceOf(ApprovalNotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void urgeAtMostEveryThirtyMinutesAndCommentsGoOnTheTimeline(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(huiqian(h), "zhangsan", Map.of());
        h.act(new ApprovalCommand.Urge(id, "zhangsan"));
        assertThat(h.inTx).anyMatch(e -> e instanceof ApprovalEvent.Reminder r && r.instanceId().equals(id) && !r.byTimer()
            && r.assigneeIds().containsAll(List.of("b", "c")));
        assertThat(reason(h, new ApprovalCommand.Urge(id, "zhangsan"))).isEqualTo(Reason.URGE_TOO_SOON);
        assertThat(reason(h, new ApprovalCommand.Urge(id, "b"))).isEqualTo(Reason.WRONG_ACTOR);
        h.clock.advance(Duration.ofMinutes(30));
        h.act(new ApprovalCommand.Urge(id, "zhangsan"));
        h.act(new ApprovalCommand.Comment(id, "b", "looking at it"));
        HistoryEntry last = h.view(id).history().get(h.view(id).history().size() - 1);
        assertThat(last.action()).isEqualTo("COMMENT");
        assertThat(last.actorId()).isEqualTo("b");
        assertThat(last.comment()).isEqualTo("looking at it");
        assertThat(h.view(id).history()).extracting(HistoryEntry::seq).isSorted().doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRepeatWithTheSameIdempotencyKeyReturnsTheFirstResult(Dialect d) {
        Harness h = Harness.shared(d);
        String key = huiqian(h);
        String bk = Harness.unique("req");
        ActionResult first = Harness.await(h.engine.start(new StartCommand(key, bk, "zhangsan", Map.of(), "k1")));
        ActionResult again = Harness.await(h.engine.start(new StartCommand(key, bk, "zhangsan", Map.of(), "k1")));
        assertThat(again).isEqualTo(first);
        assertThat(((ApprovalConflictException) h.failure(() -> Harness.await(h.engine.start(
            new StartCommand(key, bk, "zhangsan", Map.of(), "k2"))))).reason()).isEqualTo(Reason.DUPLICATE);
        String id = first.instanceId();
        String b = h.pendingOf(id, "b").id();
        ActionResult approved = Harness.await(h.engine.execute(new ApprovalCommand.Approve(b, "b", "ok"), "idem-b"));
        ActionResult repeat = Harness.await(h.engine.execute(new ApprovalCommand.Approve(b, "b", "ok"), "idem-b"));
        assertThat(repeat).isEqualTo(approved);
        assertThat(h.actions(id).stream().filter(a -> a.startsWith("APPROVE"))).hasSize(1);
        assertThat(((ApprovalConflictException) h.failure(() -> Harness.await(h.engine.execute(
            new ApprovalCommand.Reject(b, "b", "no"), "idem-b")))).reason()).isEqualTo(Reason.IDEMPOTENCY_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void cancelStopsARunningInstance(Dialect d) {
        Harness h = Harness.shared(d);
        String id = h.start(huiqian(h), "zhangsan", Map.of());
        h.act(new ApprovalCommand.Cancel(id, "admin", "seal reported lost"));
        assertThat(h.status(id)).isEqualTo(InstanceStatus.CANCELLED);
        assertThat(h.pending(id)).isEmpty();
    }
}
