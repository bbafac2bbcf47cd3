package com.sealflow.server.approval;

import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.InstanceStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The engine's pure decisions driven in memory, without a database: what the transactional shell does, minus SQL.
 * Used by property tests to run thousands of random action sequences quickly. A failed decision leaves the state as it was.
 */
final class PureEngine {

    final FlowIndex flow;
    final DemoOrg org;
    InstanceState inst;
    List<TaskState> tasks = new ArrayList<>();
    final List<HistoryEntry> history = new ArrayList<>();
    final List<ApprovalEvent> events = new ArrayList<>();
    long now = 1_800_000_000_000L;
    private int ids;

    PureEngine(FlowDefinition flow, DemoOrg org) {
        this.flow = new FlowIndex(flow, 1);
        this.org = org;
    }

    /** The run that just committed, for checks against what it produced. */
    Run last;

    void start(String applicant, Map<String, Object> facts) {
        InstanceState s = new InstanceState();
        s.id = "i1";
        s.flowKey = flow.flow.key();
        s.flowVersion = 1;
        s.businessKey = "req";
        s.applicantId = applicant;
        s.status = InstanceStatus.RUNNING;
        s.round = 1;
        s.facts = new LinkedHashMap<>(facts);
        s.startedAt = now;
        inst = s;
        decide(InstanceActions::start);
    }

    void act(ApprovalCommand c) {
        decide(run -> {
            if (c instanceof ApprovalCommand.OnTask t) {
                TaskActions.apply(run, t);
            } else {
                InstanceActions.apply(run, (ApprovalCommand.OnInstance) c);
            }
        });
    }

    boolean timer(String taskId) {
        boolean[] acted = new boolean[1];
        decide(run -> acted[0] = InstanceActions.timer(run, taskId));
        return acted[0];
    }

    private void decide(Consumer<Run> decision) {
        Map<ApproverSpec, List<String>> resolved = new HashMap<>();
        while (true) {
            Run run = new Run(flow, inst, tasks, resolved, now, () -> "t" + (++ids));
            try {
                decision.accept(run);
            } catch (Run.Unresolved u) {
                resolved.put(u.spec, org.resolveNow(u.spec, inst.applicantId, inst.facts));
                continue;
            }
            inst = run.inst;
            tasks = new ArrayList<>(run.tasks.values());
            history.addAll(run.history);
            events.addAll(run.events);
            last = run;
            return;
        }
    }
}
