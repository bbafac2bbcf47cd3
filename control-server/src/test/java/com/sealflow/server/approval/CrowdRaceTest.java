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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Twenty people deciding one node at the same instant, released together by a start gate, on both dialects. */
class CrowdRaceTest {

    private static final int CROWD = 20;
    private static final String[] PEOPLE = IntStream.range(0, CROWD).mapToObj(i -> "p" + i).toArray(String[]::new);

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void twentyDecidersOfAnOrSignNodeMakeExactlyOneDecision(Dialect d) throws Exception {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("crowd-any", start(), approval("any", users(PEOPLE), ApprovalMode.ANY),
            handle("stamp", users("wushi"), "STAMP")));
        for (int round = 0; round < 3; round++) {
            String id = h.start(key, "zhangsan", Map.of());
            List<TaskView> tasks = h.pending(id);
            assertThat(tasks).hasSize(CROWD);
            // even people approve, odd people reject: whoever is first decides the node for everyone
            List<Object> outcomes = race(i -> i % 2 == 0
                ? new ApprovalCommand.Approve(tasks.get(i).id(), tasks.get(i).assigneeId(), null)
                : new ApprovalCommand.Reject(tasks.get(i).id(), tasks.get(i).assigneeId(), null), h);
            assertThat(outcomes).filteredOn(o -> o instanceof ActionResult).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof ApprovalConflictException c
                && c.reason() == ApprovalConflictException.Reason.STALE_TASK).hasSize(CROWD - 1);
            InstanceView v = h.view(id);
            List<TaskView> decided = v.tasks().stream().filter(t -> t.nodeId().equals("any")
                && (t.status() == TaskStatus.APPROVED || t.status() == TaskStatus.REJECTED)).toList();
            assertThat(decided).hasSize(1);
            assertThat(v.tasks()).filteredOn(t -> t.nodeId().equals("any") && t.status() == TaskStatus.CANCELLED).hasSize(CROWD - 1);
            if (decided.get(0).status() == TaskStatus.APPROVED) {
                assertThat(h.actions(id)).containsOnlyOnce("NODE_APPROVED:any").doesNotContain("END");
                assertThat(h.pendingUsers(id)).containsExactly("wushi");
            } else {
                assertThat(v.status()).isEqualTo(InstanceStatus.REJECTED);
                assertThat(h.actions(id)).containsOnlyOnce("END").doesNotContain("NODE_APPROVED:any");
                assertThat(h.pending(id)).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void twentyApproversOfACountersignNodeApprovingAtOnceCompleteItOnce(Dialect d) throws Exception {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("crowd-all", start(), approval("all", users(PEOPLE), ApprovalMode.ALL),
            handle("stamp", users("wushi"), "STAMP")));
        String id = h.start(key, "zhangsan", Map.of());
        List<TaskView> tasks = h.pending(id);
        assertThat(tasks).hasSize(CROWD);
        int handlesBefore = handleEvents(h, id);
        List<Object> outcomes = race(i -> new ApprovalCommand.Approve(tasks.get(i).id(), tasks.get(i).assigneeId(), null), h);
        assertThat(outcomes).as("every approval of a 会签 counts").allMatch(o -> o instanceof ActionResult);
        assertThat(h.view(id).tasks()).filteredOn(t -> t.nodeId().equals("all"))
            .extracting(TaskView::status).containsOnly(TaskStatus.APPROVED).hasSize(CROWD);
        assertThat(h.actions(id).stream().filter(a -> a.equals("APPROVE:all"))).hasSize(CROWD);
        assertThat(h.actions(id)).containsOnlyOnce("NODE_APPROVED:all").containsOnlyOnce("NODE_ENTERED:stamp");
        assertThat(h.pendingUsers(id)).containsExactly("wushi");
        assertThat(handleEvents(h, id) - handlesBefore).isEqualTo(1);
    }

    private static int handleEvents(Harness h, String id) {
        return (int) h.committed.stream().filter(e -> e instanceof ApprovalEvent.HandleReached r && r.instanceId().equals(id)).count();
    }

    /** Runs command {@code i} on thread {@code i}, all released by one gate; returns each result or conflict. */
    private static List<Object> race(IntFunction<ApprovalCommand> command, Harness h) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CROWD);
        try {
            CountDownLatch ready = new CountDownLatch(CROWD);
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Object>> all = new ArrayList<>();
            for (int i = 0; i < CROWD; i++) {
                ApprovalCommand c = command.apply(i);
                all.add(pool.submit(() -> {
                    ready.countDown();
                    gate.await();
                    try {
                        return Harness.await(h.engine.execute(c, null));
                    } catch (ApprovalConflictException e) {
                        return e;
                    }
                }));
            }
            ready.await();
            gate.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : all) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
