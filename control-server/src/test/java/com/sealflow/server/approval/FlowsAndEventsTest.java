package com.sealflow.server.approval;

import static com.sealflow.server.approval.B.approval;
import static com.sealflow.server.approval.B.handle;
import static com.sealflow.server.approval.B.start;
import static com.sealflow.server.approval.B.users;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Drafts and immutable versions, in-transaction listeners (atomic with the action), lists and paging. */
class FlowsAndEventsTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anInstanceStaysOnItsVersionWhileNewOnesUseTheLatest(Dialect d) {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("ver", start(), approval("a", users("lisi"), ApprovalMode.ANY), handle("s", users("wushi"), "STAMP")));
        String old = h.start(key, "zhangsan", Map.of());
        FlowDefinition v2 = new FlowDefinition(key, "v2", List.of(), B.link(List.of(start(),
            approval("a", users("wangwu"), ApprovalMode.ANY), handle("s", users("wushi"), "STAMP"))));
        Harness.await(h.engine.saveDraft(v2, "admin"));
        assertThat(Harness.await(h.engine.flow(key)).name()).isEqualTo("v2");
        assertThat(Harness.await(h.engine.flows())).anySatisfy(f -> {
            assertThat(f.key()).isEqualTo(key);
            assertThat(f.latestVersion()).isEqualTo(1);
            assertThat(f.hasDraft()).isTrue();
        });
        assertThat(Harness.await(h.engine.publish(key, "admin"))).isEqualTo(new FlowVersionRef(key, 2));
        String fresh = h.start(key, "zhangsan", Map.of());
        assertThat(h.view(old).flowVersion()).isEqualTo(1);
        assertThat(h.pendingUsers(old)).containsExactly("lisi");
        assertThat(h.pendingUsers(fresh)).containsExactly("wangwu");
        assertThat(Harness.await(h.engine.version(key, 1)).root().next().approvers().userIds()).containsExactly("lisi");
        assertThat(h.failure(() -> Harness.await(h.engine.publish(key, "admin")))).isInstanceOf(ApprovalConflictException.class);
        assertThat(h.failure(() -> Harness.await(h.engine.publish("nope", "admin")))).isInstanceOf(ApprovalNotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anInvalidDraftIsRefusedWithErrorsPerNode(Dialect d) {
        Harness h = Harness.shared(d);
        FlowDefinition bad = B.flow("bad", start(), approval("a", null, ApprovalMode.ANY));
        ApprovalValidationException e = (ApprovalValidationException) h.failure(() -> Harness.await(h.engine.saveDraft(bad, "admin")));
        assertThat(e.errors()).extracting(ValidationError::nodeId).contains("a");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aFailingInTransactionListenerRollsTheWholeActionBack(Dialect d) {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("tx", start(), approval("a", users("lisi"), ApprovalMode.ANY), handle("s", users("wushi"), "STAMP")));
        String id = h.start(key, "zhangsan", Map.of());
        ApprovalEngine strict = new ApprovalEngine(h.db, h.org, h.clock).onEvent((ev, conn) -> ev instanceof ApprovalEvent.HandleReached
            ? Future.failedFuture(new IllegalStateException("no device for this seal")) : Future.succeededFuture());
        List<ApprovalEvent> afterCommit = new java.util.ArrayList<>();
        strict.onCommitted(afterCommit::add);
        String task = h.pendingOf(id, "lisi").id();
        assertThat(h.failure(() -> Harness.await(strict.execute(new ApprovalCommand.Approve(task, "lisi", null), "k"))))
            .hasMessageContaining("no device");
        assertThat(afterCommit).isEmpty();
        assertThat(h.pendingUsers(id)).containsExactly("lisi");
        assertThat(h.actions(id)).doesNotContain("APPROVE:a");
        h.approve(id, "lisi");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void todoAndDoneListsPage(Dialect d) {
        Harness h = Harness.shared(d);
        String user = Harness.unique("pager");
        String key = h.deploy(B.flow("pg", start(), approval("a", users(user), ApprovalMode.ANY), handle("s", users("wushi"), "STAMP")));
        for (int i = 0; i < 5; i++) {
            h.start(key, "zhangsan", Map.of());
        }
        Page<TaskView> p0 = Harness.await(h.engine.todo(user, 0, 2));
        Page<TaskView> p2 = Harness.await(h.engine.todo(user, 2, 2));
        assertThat(p0.total()).isEqualTo(5);
        assertThat(p0.items()).hasSize(2);
        assertThat(p2.items()).hasSize(1);
        TaskView first = p0.items().get(0);
        assertThat(first.flowKey()).isEqualTo(key);
        assertThat(first.nodeName()).isEqualTo("a");
        h.act(new ApprovalCommand.Approve(first.id(), user, "fine"));
        assertThat(Harness.await(h.engine.todo(user, 0, 10)).total()).isEqualTo(4);
        Page<TaskView> done = Harness.await(h.engine.done(user, 0, 10));
        assertThat(done.items()).extracting(TaskView::id, TaskView::status).containsExactly(
            org.assertj.core.groups.Tuple.tuple(first.id(), TaskStatus.APPROVED));
        assertThat(Harness.await(h.engine.task(first.id())).comment()).isEqualTo("fine");
        assertThat(h.failure(() -> Harness.await(h.engine.todo(user, -1, 10)))).isInstanceOf(ApprovalValidationException.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void statementsPerApproveAreFew(Dialect d) {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("sql", start(), approval("a", users("b", "c"), ApprovalMode.ALL),
            handle("s", users("wushi"), "STAMP")));
        long beforeStart = h.engine.statementCount();
        String id = h.start(key, "zhangsan", Map.of());
        long started = h.engine.statementCount() - beforeStart;
        String task = h.pendingOf(id, "b").id();
        long before = h.engine.statementCount();
        h.act(new ApprovalCommand.Approve(task, "b", null));
        long simple = h.engine.statementCount() - before;
        String next = h.pendingOf(id, "c").id();
        before = h.engine.statementCount();
        h.act(new ApprovalCommand.Approve(next, "c", null));
        long completing = h.engine.statementCount() - before;
        System.out.printf("[%s] SQL statements: start = %d, approve in 会签 = %d, approve completing the node = %d%n", d, started,
            simple, completing);
        if (d == Dialect.POSTGRES) {
            // start: latest version, business key, one write (instance, tasks and history in one statement)
            assertThat(started).isEqualTo(3);
            // lock the task's instance, its tasks, one write (instance, changed tasks, new tasks, history)
            assertThat(simple).isEqualTo(3);
            assertThat(completing).isEqualTo(3);
        } else {
            // start: latest version, business key, insert instance, insert tasks, insert history
            assertThat(started).isEqualTo(5);
            // lock the task's instance, tasks, update instance, update task, history (one multi-row insert)
            assertThat(simple).isEqualTo(5);
            // the same plus one multi-row insert of the next node's tasks
            assertThat(completing).isEqualTo(6);
        }
        assertThat(h.status(id)).isEqualTo(InstanceStatus.RUNNING);
    }
}
