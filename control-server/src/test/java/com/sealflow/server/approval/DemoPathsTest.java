package com.sealflow.server.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.db.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The demo flow seal-use: for representative requests, the simulated path is the path the engine then runs. */
class DemoPathsTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void simulatedPathIsTheExecutedPathForRepresentativeRequests(Dialect d) {
        Harness h = Harness.shared(d);
        String key = h.deploy(DemoFlows.sealUse());
        for (DemoRequests.Request r : DemoRequests.ALL) {
            Simulation s = Harness.await(h.engine.simulate(key, 1, r.applicant(), r.facts()));
            List<String> simulated = new ArrayList<>();
            for (Simulation.Step step : s.path()) {
                boolean people = step.type() == NodeType.APPROVAL || step.type() == NodeType.HANDLE;
                simulated.add(step.nodeId() + (people ? step.approvers().stream().map(Simulation.UserRef::id).toList() : ""));
            }
            assertThat(simulated).as("simulated path of %s", r.name()).isEqualTo(r.path());

            String id = h.start(key, r.applicant(), r.facts());
            approveEverything(h, id);
            assertThat(h.status(id)).as(r.name()).isEqualTo(InstanceStatus.APPROVED);
            assertThat(executedPath(h.view(id))).as("executed path of %s", r.name()).isEqualTo(simulated);
        }
    }

    /** Every open task approved (or completed) by its assignee, one at a time, until nothing is open. */
    static void approveEverything(Harness h, String id) {
        for (int i = 0; i < 50; i++) {
            List<TaskView> open = h.pending(id);
            if (open.isEmpty()) {
                return;
            }
            TaskView t = open.get(0);
            h.act(t.kind() == TaskKind.HANDLE ? new ApprovalCommand.CompleteHandle(t.id(), t.assigneeId(), null)
                : new ApprovalCommand.Approve(t.id(), t.assigneeId(), null));
        }
        throw new AssertionError("instance " + id + " still has open tasks after 50 decisions");
    }

    /** Nodes in the order the timeline first mentions them, each task node with the people it asked. */
    static List<String> executedPath(InstanceView v) {
        Map<String, List<String>> people = new LinkedHashMap<>();
        v.tasks().forEach(t -> people.computeIfAbsent(t.nodeId(), k -> new ArrayList<>()).add(t.assigneeId()));
        Set<String> nodes = new LinkedHashSet<>();
        v.history().stream().filter(x -> x.nodeId() != null).forEach(x -> nodes.add(x.nodeId()));
        return nodes.stream().map(n -> n + (people.containsKey(n) ? people.get(n).toString() : "")).toList();
    }
}
