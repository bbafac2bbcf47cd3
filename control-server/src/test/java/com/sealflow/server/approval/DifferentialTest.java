package com.sealflow.server.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.SignerPosition;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Dialect;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transactional shell on a real database agrees with the pure decisions: the same random flows and actions, run
 * in memory and through {@link ApprovalEngine}, leave the same tasks, statuses and timeline after every step.
 */
class DifferentialTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theDatabaseShellAgreesWithThePureDecisions(Dialect d) {
        Harness h = Harness.fresh(d);
        try {
            for (long seed = 1; seed <= 10; seed++) {
                run(h, seed);
            }
        } finally {
            Harness.await(h.db.close());
        }
    }

    private static void run(Harness h, long seed) {
        FlowDefinition flow = FlowGen.flow(seed);
        String key = h.deploy(flow);
        PureEngine p = new PureEngine(flow, h.org);
        Random r = new Random(seed * 7919);
        int amount = r.nextInt(1000);
        p.now = h.clock.millis();
        p.start("zhangsan", Map.of("amount", amount));
        String id = h.start(key, "zhangsan", Map.of("amount", amount));
        compare(p, h, id, seed, -1);
        for (int step = 0; step < 30 && !p.inst.status.isFinal(); step++) {
            List<TaskView> db = h.view(id).tasks();
            List<Integer> pending = new java.util.ArrayList<>();
            for (int i = 0; i < p.tasks.size(); i++) {
                if (p.tasks.get(i).status == TaskStatus.PENDING) {
                    pending.add(i);
                }
            }
            int k = r.nextInt(100);
            if (k >= 85) {
                Duration hours = Duration.ofHours(1 + r.nextInt(30));
                h.clock.advance(hours);
                p.now = h.clock.millis();
                List<TaskState> due = p.tasks.stream().filter(t -> t.status == TaskStatus.PENDING
                    && ((t.dueAt != null && t.dueAt <= p.now) || (t.remindAt != null && t.remindAt <= p.now)))
                    .sorted(Comparator.comparingLong((TaskState t) -> t.dueAt != null ? t.dueAt : t.remindAt)
                        .thenComparingInt(t -> t.no)).toList();
                due.forEach(t -> p.timer(t.id));
                Harness.await(h.engine.processDueTimers(1000));
            } else if (pending.isEmpty() || k < 5) {
                ApprovalCommand c = k % 2 == 0 ? new ApprovalCommand.Withdraw("?", "zhangsan", null)
                    : new ApprovalCommand.Resubmit("?", "zhangsan", Map.of("amount", r.nextInt(1000)), null);
                both(p, h, instanceScoped(c, p.inst.id), instanceScoped(c, id));
            } else {
                int i = pending.get(r.nextInt(pending.size()));
                TaskState t = p.tasks.get(i);
                int choice = r.nextInt(10);
                SignerPosition position = SignerPosition.values()[r.nextInt(3)];
                Function<String, ApprovalCommand> cmd = taskId -> switch (choice) {
                    case 0, 1, 2, 3 -> t.kind == TaskKind.HANDLE ? new ApprovalCommand.CompleteHandle(taskId, t.assigneeId, null)
                        : new ApprovalCommand.Approve(taskId, t.assigneeId, null);
                    case 4, 5 -> new ApprovalCommand.Reject(taskId, t.assigneeId, null);
                    case 6 -> new ApprovalCommand.Transfer(taskId, t.assigneeId, "u9", null);
                    case 7 -> new ApprovalCommand.Delegate(taskId, t.assigneeId, "u8", null);
                    case 8 -> new ApprovalCommand.AddSigners(taskId, t.assigneeId, List.of("x1"), position, null);
                    default -> {
                        List<FlowNode> back = p.flow.linePredecessors(t.nodeId);
                        yield new ApprovalCommand.Return(taskId, t.assigneeId, back.isEmpty() ? "start" : back.get(0).id(), null);
                    }
                };
                both(p, h, cmd.apply(t.id), cmd.apply(db.get(i).id()));
            }
            compare(p, h, id, seed, step);
        }
        System.out.printf("differential seed %d: %s after %d tasks, %d timeline entries%n", seed, p.inst.status, p.tasks.size(),
            p.history.size());
        if (!p.inst.status.isFinal()) {
            both(p, h, new ApprovalCommand.Cancel(p.inst.id, "admin", null), new ApprovalCommand.Cancel(id, "admin", null));
            compare(p, h, id, seed, 99);
        }
    }

    private static ApprovalCommand instanceScoped(ApprovalCommand c, String instanceId) {
        return c instanceof ApprovalCommand.Withdraw w ? new ApprovalCommand.Withdraw(instanceId, w.actorId(), null)
            : new ApprovalCommand.Resubmit(instanceId, c.actorId(), ((ApprovalCommand.Resubmit) c).facts(), null);
    }

    private static void both(PureEngine p, Harness h, ApprovalCommand pure, ApprovalCommand db) {
        String pureOutcome = outcome(() -> p.act(pure));
        String dbOutcome = outcome(() -> h.act(db));
        assertThat(dbOutcome).as("outcome of %s", db).isEqualTo(pureOutcome);
    }

    private static String outcome(Runnable r) {
        try {
            r.run();
            return "ok";
        } catch (ApprovalConflictException e) {
            return e.reason().name();
        } catch (ApprovalException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static void compare(PureEngine p, Harness h, String id, long seed, int step) {
        InstanceView v = h.view(id);
        String where = "seed " + seed + " step " + step;
        assertThat(v.status()).as(where).isEqualTo(p.inst.status);
        assertThat(v.round()).as(where).isEqualTo(p.inst.round);
        assertThat(v.tasks().stream().map(t -> t.nodeId() + " " + t.kind() + " " + t.assigneeId() + " " + t.status()).toList())
            .as(where).isEqualTo(p.tasks.stream().map(t -> t.nodeId + " " + t.kind + " " + t.assigneeId + " " + t.status).toList());
        assertThat(v.history().stream().map(x -> x.action() + ":" + x.nodeId()).toList())
            .as(where).isEqualTo(p.history.stream().map(x -> x.action() + ":" + x.nodeId()).toList());
    }
}
