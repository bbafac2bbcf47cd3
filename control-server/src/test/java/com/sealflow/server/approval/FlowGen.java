package com.sealflow.server.approval;

import com.sealflow.server.approval.model.AllowedAction;
import com.sealflow.server.approval.model.ApplicantIsApprover;
import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.Condition.Op;
import com.sealflow.server.approval.model.Dedupe;
import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.OnEmpty;
import com.sealflow.server.approval.model.OnReject;
import com.sealflow.server.approval.model.TimeLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random valid flows from a seed: every node type, mode and policy, nested containers, HANDLE nodes anywhere. */
final class FlowGen {

    static final List<String> PEOPLE = List.of("u1", "u2", "u3", "zhangsan");
    private final Random r;
    private int n;

    private FlowGen(long seed) {
        this.r = new Random(seed);
    }

    static FlowDefinition flow(long seed) {
        FlowGen g = new FlowGen(seed);
        List<B> chain = new ArrayList<>();
        chain.add(B.start());
        chain.addAll(g.chain(2, 1 + g.r.nextInt(4)));
        chain.add(B.handle("stamp", B.users("wushi"), "STAMP"));
        chain.add(B.auto("archive", "ARCHIVE"));
        return B.flow("gen", chain.toArray(B[]::new));
    }

    private List<B> chain(int depth, int length) {
        List<B> out = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            int k = r.nextInt(10);
            if (k < 6 || depth == 0) {
                out.add(approval());
            } else if (k == 6) {
                out.add(B.cc("cc" + (++n), B.users("u3")));
            } else if (k == 7) {
                out.add(B.handle("h" + (++n), B.users(pick()), "GENERIC"));
            } else {
                out.add(container(depth));
            }
        }
        return out;
    }

    private B container(int depth) {
        NodeType type = List.of(NodeType.CONDITION, NodeType.PARALLEL, NodeType.INCLUSIVE).get(r.nextInt(3));
        B c = B.container("c" + (++n), type);
        int branches = 2 + r.nextInt(2);
        for (int i = 0; i < branches; i++) {
            B[] body = chain(depth - 1, r.nextInt(3)).toArray(B[]::new);
            String id = "b" + (++n);
            if (type == NodeType.PARALLEL) {
                c.branch(id, null, body);
            } else if (i == branches - 1 && r.nextBoolean()) {
                c.defaultBranch(id, body);
            } else {
                c.branch(id, B.when("amount", r.nextBoolean() ? Op.GTE : Op.LT, 100 * r.nextInt(10)), body);
            }
        }
        return c;
    }

    private String pick() {
        return PEOPLE.get(r.nextInt(PEOPLE.size()));
    }

    private B approval() {
        ApprovalMode mode = ApprovalMode.values()[r.nextInt(4)];
        List<String> who = new ArrayList<>();
        int count = r.nextInt(4);
        for (int i = 0; i < count; i++) {
            String p = pick();
            if (!who.contains(p)) {
                who.add(p);
            }
        }
        ApproverSpec spec = who.isEmpty() ? ApproverSpec.role("NOBODY") : B.users(who.toArray(String[]::new));
        B a = B.approval("a" + (++n), spec, mode).allow(AllowedAction.values());
        if (mode == ApprovalMode.VOTE) {
            a.ratio(List.of("0.5", "0.6", "1").get(r.nextInt(3)));
        }
        a.onEmpty(OnEmpty.Action.values()[r.nextInt(3)], B.users("u2"));
        a.applicant(ApplicantIsApprover.values()[r.nextInt(3)]);
        a.dedupe(Dedupe.values()[r.nextInt(3)]);
        OnReject.Policy p = List.of(OnReject.Policy.TERMINATE, OnReject.Policy.RETURN_TO_APPLICANT,
            OnReject.Policy.RETURN_TO_PREVIOUS).get(r.nextInt(3));
        a.onReject(p, null);
        if (r.nextInt(3) == 0) {
            TimeLimit.Timeout.Action t = TimeLimit.Timeout.Action.values()[r.nextInt(4)];
            a.timeLimit(new TimeLimit(Duration.ofHours(1 + r.nextInt(24)), null, r.nextBoolean() ? Duration.ofMinutes(30) : null,
                r.nextBoolean() ? Duration.ofHours(1) : null, r.nextBoolean() ? 2 : null,
                new TimeLimit.Timeout(t, t == TimeLimit.Timeout.Action.TRANSFER ? B.users("u1") : null)));
        }
        return a;
    }
}
