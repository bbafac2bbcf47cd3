package com.sealflow.server.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.SignerPosition;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Dialect;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The invariants of {@link EnginePropertiesTest} on real databases: random flows × random action sequences through
 * {@link ApprovalEngine} on SQLite and on PostgreSQL, checked on what the database holds after every action: 1,000 tries
 * on each database per run (each action is its own transaction), beside the in-memory property's 1,000.
 */
class EngineDatabasePropertiesTest {

    static final int TRIES = 1000;

    @Property(tries = TRIES)
    void invariantsHoldOnSqlite(@ForAll long flowSeed, @ForAll long actionSeed, @ForAll @IntRange(min = 1, max = 25) int steps) {
        run(Harness.shared(Dialect.SQLITE), flowSeed, actionSeed, steps);
    }

    @Property(tries = TRIES)
    void invariantsHoldOnPostgres(@ForAll long flowSeed, @ForAll long actionSeed, @ForAll @IntRange(min = 1, max = 25) int steps) {
        run(Harness.shared(Dialect.POSTGRES), flowSeed, actionSeed, steps);
    }

    private static void run(Harness h, long flowSeed, long actionSeed, int steps) {
        FlowDefinition flow = FlowGen.flow(flowSeed);
        FlowIndex index = new FlowIndex(flow, 1);
        String key = h.deploy(flow);
        Random r = new Random(actionSeed);
        String id = h.start(key, "zhangsan", Map.of("amount", r.nextInt(1000)));
        Checker c = new Checker(h, index, id);
        c.check();
        for (int i = 0; i < steps; i++) {
            try {
                step(h, index, id, r, c);
            } catch (ApprovalConflictException | ApprovalValidationException expected) {
                // refused actions are part of the game; the transaction rolled back
            }
            c.check();
        }
    }

    private static void step(Harness h, FlowIndex index, String id, Random r, Checker c) {
        InstanceView v = h.view(id);
        List<TaskView> open = v.tasks().stream().filter(t -> t.status() == TaskStatus.PENDING).toList();
        int k = r.nextInt(100);
        if (open.isEmpty() || k < 4) {
            switch (r.nextInt(4)) {
                case 0 -> h.act(new ApprovalCommand.Withdraw(id, "zhangsan", null));
                case 1 -> h.act(new ApprovalCommand.Cancel(id, "admin", null));
                default -> h.act(new ApprovalCommand.Resubmit(id, "zhangsan", Map.of("amount", r.nextInt(1000)), null));
            }
            return;
        }
        TaskView t = open.get(r.nextInt(open.size()));
        String actor = r.nextInt(20) == 0 ? "intruder" : t.assigneeId();
        if (k < 50) {
            h.act(t.kind() == TaskKind.HANDLE ? new ApprovalCommand.CompleteHandle(t.id(), actor, null)
                : new ApprovalCommand.Approve(t.id(), actor, null));
        } else if (k < 65) {
            h.act(new ApprovalCommand.Reject(t.id(), actor, null));
        } else if (k < 70) {
            List<FlowNode> back = index.linePredecessors(t.nodeId());
            h.act(new ApprovalCommand.Return(t.id(), actor, back.isEmpty() ? "start" : back.get(r.nextInt(back.size())).id(), null));
        } else if (k < 74) {
            h.act(new ApprovalCommand.Transfer(t.id(), actor, FlowGen.PEOPLE.get(r.nextInt(4)), null));
        } else if (k < 78) {
            h.act(new ApprovalCommand.Delegate(t.id(), actor, FlowGen.PEOPLE.get(r.nextInt(4)), null));
        } else if (k < 86) {
            SignerPosition p = SignerPosition.values()[r.nextInt(3)];
            h.act(new ApprovalCommand.AddSigners(t.id(), actor, List.of("x" + r.nextInt(3)), p, null));
        } else {
            h.clock.advance(Duration.ofHours(1 + r.nextInt(30)));
            // one timer per transaction, checked after each, as a server node would apply them
            while (Harness.await(h.engine.processDueTimers(1)) == 1) {
                c.check();
            }
        }
    }

    /** Checks what the database holds for one instance, and every stamping/handle step reached since the last check. */
    private static final class Checker {
        private final Harness h;
        private final FlowIndex index;
        private final String id;
        private int seenEvents;
        private InstanceStatus finalStatus;

        Checker(Harness h, FlowIndex index, String id) {
            this.h = h;
            this.index = index;
            this.id = id;
        }

        void check() {
            InstanceView v = h.view(id);
            List<ApprovalEvent> mine = h.committed.stream().filter(e -> id.equals(e.instanceId())).toList();
            long ends = mine.stream().filter(e -> e instanceof ApprovalEvent.InstanceEnded).count();
            assertThat(ends).as("InstanceEnded at most once").isLessThanOrEqualTo(1);
            assertThat(v.history().stream().filter(x -> x.action().equals("END"))).hasSizeLessThanOrEqualTo(1);
            assertThat(ends == 1).as("ended ⇔ final status %s", v.status()).isEqualTo(v.status().isFinal());
            if (finalStatus != null) {
                assertThat(v.status()).as("a finished instance never changes status").isEqualTo(finalStatus);
            } else if (v.status().isFinal()) {
                finalStatus = v.status();
            }
            if (v.status() != InstanceStatus.RUNNING) {
                assertThat(v.tasks()).as("no open task in a %s instance", v.status())
                    .noneMatch(t -> t.status() == TaskStatus.PENDING || t.status() == TaskStatus.WAITING);
            }
            for (ApprovalEvent e : mine.subList(seenEvents, mine.size())) {
                if (e instanceof ApprovalEvent.HandleReached hr) {
                    assertPathApproved(v, hr.nodeId());
                }
            }
            seenEvents = mine.size();
        }

        /** Nothing before the HANDLE is open; every APPROVAL on its line passed since it was last entered. */
        private void assertPathApproved(InstanceView v, String handleId) {
            Set<String> before = new HashSet<>();
            for (FlowNode p : index.lineBefore(handleId, true)) {
                before.addAll(index.subtree(p));
            }
            assertThat(v.tasks()).as("open approvals before HANDLE %s", handleId).noneMatch(t -> before.contains(t.nodeId())
                && index.node(t.nodeId()).type() == NodeType.APPROVAL && t.status() == TaskStatus.PENDING);
            for (FlowNode p : index.linePredecessors(handleId)) {
                if (p.type() != NodeType.APPROVAL) {
                    continue;
                }
                String lastWord = null;
                for (HistoryEntry x : v.history()) {
                    if (p.id().equals(x.nodeId()) && (x.action().equals("NODE_ENTERED") || x.action().equals("NODE_APPROVED"))) {
                        lastWord = x.action();
                    }
                }
                assertThat(lastWord).as("approval %s before HANDLE %s", p.id(), handleId).isEqualTo("NODE_APPROVED");
            }
        }
    }
}
