package com.sealflow.server.approval;

import com.sealflow.server.approval.model.ApplicantIsApprover;
import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.Branch;
import com.sealflow.server.approval.model.Dedupe;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.OnEmpty;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a flow for an applicant and facts as the runtime would, assuming every approver approves: each node with its
 * resolved approvers, the policies that applied, and why each branch was or was not taken. Writes nothing.
 */
final class Simulator {

    private record Raw(String nodeId, String name, NodeType type, ApprovalMode mode, List<String> users,
                       List<Simulation.BranchDecision> branches, String note) {
    }

    private Simulator() {
    }

    static Future<Simulation> simulate(FlowIndex flow, String applicantId, Map<String, Object> facts, ApproverResolver resolver,
                                       SqlClient client) {
        Map<String, Object> f = facts == null ? Map.of() : facts;
        ResolveContext ctx = new ResolveContext(applicantId, f, client);
        return walk(flow, applicantId, f, new HashMap<>(), resolver, ctx).compose(raw -> {
            Set<String> ids = new LinkedHashSet<>();
            raw.forEach(r -> ids.addAll(r.users()));
            return resolver.displayNames(ids).map(names -> new Simulation(flow.flow.key(), flow.version, raw.stream()
                .map(r -> new Simulation.Step(r.nodeId(), r.name(), r.type(), r.mode(), r.users().stream()
                    .map(u -> new Simulation.UserRef(u, names.getOrDefault(u, u))).toList(), r.branches(), r.note()))
                .toList()));
        });
    }

    private static Future<List<Raw>> walk(FlowIndex flow, String applicantId, Map<String, Object> facts,
                                          Map<ApproverSpec, List<String>> resolved, ApproverResolver resolver, ResolveContext ctx) {
        InstanceState s = new InstanceState();
        s.id = "simulation";
        s.applicantId = applicantId;
        s.facts = new LinkedHashMap<>(facts);
        s.status = InstanceStatus.RUNNING;
        s.round = 1;
        Run run = new Run(flow, s, List.of(), resolved, 0L, () -> "simulated");
        List<Raw> out = new ArrayList<>();
        try {
            chain(run, flow.root(), out, new ArrayList<>());
            return Future.succeededFuture(out);
        } catch (Run.Unresolved u) {
            return resolver.resolve(u.spec, ctx).compose(users -> {
                resolved.put(u.spec, users == null ? List.of() : users);
                return walk(flow, applicantId, facts, resolved, resolver, ctx);
            });
        }
    }

    /** {@code approved}: approvers of earlier approval nodes on this path, in order (for dedupe notes). */
    private static void chain(Run run, FlowNode first, List<Raw> out, List<Set<String>> approved) {
        for (FlowNode n = first; n != null; n = n.next()) {
            switch (n.type()) {
                case APPROVAL, HANDLE -> out.add(people(run, n, approved));
                case CC -> {
                    Set<String> users = new LinkedHashSet<>();
                    for (ApproverSpec r : n.recipients()) {
                        users.addAll(run.resolve(r, n.id()));
                    }
                    out.add(new Raw(n.id(), n.name(), n.type(), null, List.copyOf(users), List.of(), null));
                }
                case CONDITION, PARALLEL, INCLUSIVE -> {
                    List<Branch> taken = Navigator.taken(n, run.inst.facts);
                    List<Simulation.BranchDecision> decisions = new ArrayList<>();
                    for (Branch b : n.branches()) {
                        boolean t = taken.contains(b);
                        String why;
                        if (n.type() == NodeType.PARALLEL) {
                            why = "parallel: every branch runs";
                        } else if (b.defaultBranch()) {
                            why = t ? "default: no other branch matched" : "default: another branch matched";
                        } else {
                            why = Conditions.evaluate(b.when(), run.inst.facts).reason();
                            if (!t && n.type() == NodeType.CONDITION && Conditions.holds(b.when(), run.inst.facts)) {
                                why = "an earlier branch was taken; " + why;
                            }
                        }
                        decisions.add(new Simulation.BranchDecision(b.id(), b.name(), t, why));
                    }
                    out.add(new Raw(n.id(), n.name(), n.type(), null, List.of(), decisions, null));
                    for (Branch b : taken) {
                        chain(run, b.next(), out, approved);
                    }
                }
                default -> out.add(new Raw(n.id(), n.name(), n.type(), null, List.of(), List.of(), n.action()));
            }
        }
    }

    private static Raw people(Run run, FlowNode n, List<Set<String>> approved) {
        List<String> notes = new ArrayList<>();
        List<String> users = run.resolve(n.approvers(), n.id());
        if (users.isEmpty()) {
            OnEmpty e = n.onEmpty();
            OnEmpty.Action a = e == null || e.action() == null ? OnEmpty.Action.AUTO_REJECT : e.action();
            if (a == OnEmpty.Action.ASSIGN) {
                users = run.resolve(e.to(), n.id());
                notes.add("no approver: assigned");
            }
            if (users.isEmpty()) {
                notes.add(a == OnEmpty.Action.AUTO_APPROVE ? "no approver: auto-approved" : "no approver: the request is rejected");
            }
        }
        List<String> out = new ArrayList<>(users);
        boolean handle = n.type() == NodeType.HANDLE;
        String applicant = run.inst.applicantId;
        if (!handle && out.contains(applicant)) {
            ApplicantIsApprover p = n.onApplicantIsApprover() == null ? ApplicantIsApprover.APPROVE_SELF : n.onApplicantIsApprover();
            if (p == ApplicantIsApprover.DEPT_HEAD) {
                String head = null;
                for (int level = 1; level <= 2 && head == null; level++) {
                    head = run.resolve(ApproverSpec.deptHead(level), n.id()).stream().filter(u -> !u.equals(applicant))
                        .findFirst().orElse(null);
                }
                if (head != null) {
                    out.set(out.indexOf(applicant), head);
                    notes.add("applicant is an approver: replaced by department head " + head);
                } else {
                    p = ApplicantIsApprover.SKIP;
                }
            }
            if (p == ApplicantIsApprover.SKIP) {
                out.remove(applicant);
                notes.add("applicant is an approver: skipped" + (out.isEmpty() ? "; node auto-approved" : ""));
            } else if (p == ApplicantIsApprover.APPROVE_SELF) {
                notes.add("applicant approves their own step");
            }
        }
        Dedupe d = n.dedupe() == null ? Dedupe.NONE : n.dedupe();
        if (!handle && d != Dedupe.NONE && !approved.isEmpty()) {
            Set<String> before = new HashSet<>();
            if (d == Dedupe.ANY_PRIOR) {
                approved.forEach(before::addAll);
            } else if (run.flow.previousApproval(n.id()) != null) {
                before.addAll(approved.get(approved.size() - 1));
            }
            List<String> dup = out.stream().filter(before::contains).toList();
            if (!dup.isEmpty()) {
                notes.add("approved earlier, auto-approved here: " + String.join(",", dup));
            }
        }
        if (!handle) {
            approved.add(new LinkedHashSet<>(out));
        }
        ApprovalMode mode = handle ? null : n.effectiveMode();
        return new Raw(n.id(), n.name(), n.type(), mode, new ArrayList<>(new LinkedHashSet<>(out)), List.of(),
            notes.isEmpty() ? null : String.join("; ", notes));
    }
}
