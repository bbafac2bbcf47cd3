package com.sealflow.server.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.SignerPosition;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random flows × random action sequences through the pure decisions: an instance ends at most once, a finished or
 * returned instance has no open task, and a HANDLE node is reached only after every approval on its path completed.
 */
class EnginePropertiesTest {

    @Property(tries = 1000)
    void invariantsHoldForRandomFlowsAndActions(@ForAll long flowSeed, @ForAll long actionSeed,
                                                @ForAll @IntRange(min = 1, max = 60) int steps) {
        FlowDefinition flow = FlowGen.flow(flowSeed);
        assertThat(FlowValidator.validate(flow)).as("generated flow is valid").isEmpty();
        PureEngine e = new PureEngine(flow, new DemoOrg());
        Random r = new Random(actionSeed);
        e.start("zhangsan", Map.of("amount", r.nextInt(1000)));
        check(e);
        InstanceStatus finalStatus = e.inst.status.isFinal() ? e.inst.status : null;
        for (int i = 0; i < steps; i++) {
            try {
                step(e, r);
            } catch (ApprovalConflictException | ApprovalValidationException expected) {
                // refused actions are part of the game; they must leave the state alone (PureEngine only commits on success)
            }
            check(e);
            if (finalStatus != null) {
                assertThat(e.inst.status).as("a finished instance never changes status").isEqualTo(finalStatus);
            } else if (e.inst.status.isFinal()) {
                finalStatus = e.inst.status;
            }
        }
    }

    private static void step(PureEngine e, Random r) {
        List<TaskState> open = e.tasks.stream().filter(t -> t.status == TaskStatus.PENDING).toList();
        int k = r.nextInt(100);
        if (open.isEmpty() || k < 4) {
            instanceAction(e, r);
            return;
        }
        TaskState t = open.get(r.nextInt(open.size()));
        String actor = r.nextInt(20) == 0 ? "intruder" : t.assigneeId;
        if (k < 45) {
            e.act(t.kind == TaskKind.HANDLE ? new ApprovalCommand.CompleteHandle(t.id, actor, null)
                : new ApprovalCommand.Approve(t.id, actor, null));
        } else if (k < 60) {
            e.act(new ApprovalCommand.Reject(t.id, actor, null));
        } else if (k < 66) {
            List<FlowNode> back = e.flow.linePredecessors(t.nodeId);
            String to = back.isEmpty() ? "start" : back.get(r.nextInt(back.size())).id();
            e.act(new ApprovalCommand.Return(t.id, actor, to, null));
        } else if (k < 70) {
            e.act(new ApprovalCommand.Transfer(t.id, actor, FlowGen.PEOPLE.get(r.nextInt(4)), null));
        } else if (k < 74) {
            e.act(new ApprovalCommand.Delegate(t.id, actor, FlowGen.PEOPLE.get(r.nextInt(4)), null));
        } else if (k < 80) {
            SignerPosition p = SignerPosition.values()[r.nextInt(3)];
            e.act(new ApprovalCommand.AddSigners(t.id, actor, List.of("x" + r.nextInt(3)), p, null));
        } else if (k < 84) {
            List<TaskState> added = e.tasks.stream().filter(x -> x.isOpen() && x.parentTaskId != null
                && x.kind.name().startsWith("ADDED")).toList();
            if (!added.isEmpty()) {
                TaskState a = added.get(r.nextInt(added.size()));
                TaskState adder = e.tasks.stream().filter(x -> x.id.equals(a.parentTaskId)).findFirst().orElseThrow();
                e.act(new ApprovalCommand.RemoveSigner(a.id, adder.assigneeId, null));
            }
        } else {
            e.now += (1 + r.nextInt(30)) * 3_600_000L;
            for (TaskState due : List.copyOf(e.tasks)) {
                if (due.status == TaskStatus.PENDING) {
                    e.timer(due.id);
                    check(e);
                }
            }
        }
    }

    private static void instanceAction(PureEngine e, Random r) {
        switch (r.nextInt(5)) {
            case 0 -> e.act(new ApprovalCommand.Withdraw(e.inst.id, "zhangsan", null));
            case 1 -> e.act(new ApprovalCommand.Cancel(e.inst.id, "admin", null));
            case 2 -> e.act(new ApprovalCommand.Urge(e.inst.id, "zhangsan"));
            default -> e.act(new ApprovalCommand.Resubmit(e.inst.id, "zhangsan", Map.of("amount", r.nextInt(1000)), null));
        }
    }

    private static void check(PureEngine e) {
        long ends = e.events.stream().filter(x -> x instanceof ApprovalEvent.InstanceEnded).count();
        assertThat(ends).as("InstanceEnded at most once").isLessThanOrEqualTo(1);
        assertThat(e.history.stream().filter(h -> h.action().equals("END"))).hasSizeLessThanOrEqualTo(1);
        assertThat(ends == 1).isEqualTo(e.inst.status.isFinal());
        if (e.inst.status != InstanceStatus.RUNNING) {
            assertThat(e.tasks).as("no open task in a %s instance", e.inst.status).noneMatch(TaskState::isOpen);
        }
        assertThat(e.inst.joins.values()).allMatch(v -> v >= 1);
        for (ApprovalEvent ev : e.last.events) {
            if (ev instanceof ApprovalEvent.HandleReached hr) {
                assertPathApproved(e, hr.nodeId());
            }
        }
    }

    /** Every APPROVAL node before the HANDLE on its line passed since it was last entered; nothing before it is open. */
    private static void assertPathApproved(PureEngine e, String handleId) {
        Set<String> before = new HashSet<>();
        for (FlowNode p : e.flow.lineBefore(handleId, true)) {
            before.addAll(e.flow.subtree(p));
        }
        List<TaskState> openBefore = e.tasks.stream().filter(t -> t.isOpen() && before.contains(t.nodeId)
            && e.flow.node(t.nodeId).type() == NodeType.APPROVAL).toList();
        assertThat(openBefore).as("open approvals before HANDLE %s", handleId).isEmpty();
        for (FlowNode p : e.flow.linePredecessors(handleId)) {
            if (p.type() != NodeType.APPROVAL) {
                continue;
            }
            String lastWord = null;
            for (HistoryEntry x : e.history) {
                if (p.id().equals(x.nodeId()) && (x.action().equals("NODE_ENTERED") || x.action().equals("NODE_APPROVED"))) {
                    lastWord = x.action();
                }
            }
            assertThat(lastWord).as("approval %s before HANDLE %s", p.id(), handleId).isEqualTo("NODE_APPROVED");
            assertModeSatisfied(e, p);
        }
    }

    /** An independent reading of the mode rules over the node's current tasks (empty: passed by onEmpty). */
    private static void assertModeSatisfied(PureEngine e, FlowNode p) {
        int activation = e.inst.activation(p.id());
        List<TaskState> mine = e.tasks.stream().filter(t -> t.nodeId.equals(p.id()) && t.round == e.inst.round
            && t.activation == activation).toList();
        List<TaskState> votes = mine.stream().filter(t -> t.kind == TaskKind.APPROVAL || t.kind == TaskKind.ADDED_PARALLEL)
            .filter(t -> t.status != TaskStatus.TRANSFERRED && t.status != TaskStatus.TIMED_OUT)
            .filter(t -> !(t.status == TaskStatus.CANCELLED && t.actorId != null)).toList();
        if (votes.isEmpty()) {
            return;
        }
        long yes = votes.stream().filter(t -> t.status == TaskStatus.APPROVED || t.status == TaskStatus.AUTO_APPROVED).count();
        switch (p.effectiveMode()) {
            case ALL, SEQUENTIAL -> {
                assertThat(yes).as("会签/依次 %s: every approver approved", p.id()).isEqualTo(votes.size());
                assertThat(mine.stream().filter(t -> t.kind == TaskKind.ADDED_BEFORE || t.kind == TaskKind.ADDED_AFTER))
                    .as("added signers of %s approved or removed", p.id())
                    .allMatch(t -> t.status == TaskStatus.APPROVED || t.status == TaskStatus.AUTO_APPROVED
                        || t.status == TaskStatus.TRANSFERRED || t.status == TaskStatus.TIMED_OUT
                        || (t.status == TaskStatus.CANCELLED && t.actorId != null));
            }
            case ANY -> assertThat(yes).as("或签 %s: someone approved", p.id()).isGreaterThanOrEqualTo(1);
            case VOTE -> assertThat(java.math.BigDecimal.valueOf(yes)).as("票签 %s reached its ratio", p.id())
                .isGreaterThanOrEqualTo(p.passRatio().multiply(java.math.BigDecimal.valueOf(votes.size())));
            default -> throw new IllegalStateException();
        }
    }
}
