package com.sealflow.server.approval;

import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.Branch;
import com.sealflow.server.approval.model.Condition;
import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.FormField;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.OnEmpty;
import com.sealflow.server.approval.model.OnReject;
import com.sealflow.server.approval.model.TimeLimit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a drawn flow before it is saved or published; every problem is reported against its node id. */
final class FlowValidator {

    static final Set<String> FIELDS = Set.of("amount", "documentType", "sealType", "sealId", "copies", "takeOut",
        "applicant.departmentId", "applicant.roles");
    static final Set<String> HANDLE_ACTIONS = Set.of("STAMP", "CHECKOUT", "CHECKIN", "GENERIC");
    static final Set<String> AUTO_ACTIONS = Set.of("ARCHIVE", "WEBHOOK");

    private final FlowDefinition flow;
    private final FlowIndex index;
    private final Set<String> formKeys = new HashSet<>();
    private final List<ValidationError> errors = new ArrayList<>();

    private FlowValidator(FlowDefinition flow) {
        this.flow = flow;
        this.index = new FlowIndex(flow, 0);
        if (flow.formFields() != null) {
            for (FormField f : flow.formFields()) {
                if (f == null || blank(f.key())) {
                    errors.add(new ValidationError(null, "form field without a key"));
                } else if (!formKeys.add(f.key())) {
                    errors.add(new ValidationError(null, "duplicate form field " + f.key()));
                }
            }
        }
    }

    static List<ValidationError> validate(FlowDefinition flow) {
        if (flow == null) {
            return List.of(new ValidationError(null, "flow is required"));
        }
        FlowValidator v = new FlowValidator(flow);
        v.run();
        return List.copyOf(v.errors);
    }

    private void run() {
        if (blank(flow.key()) || !flow.key().matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            err(null, "key must be 1-64 letters, digits, '-', '_' or '.'");
        }
        if (blank(flow.name())) {
            err(null, "name is required");
        }
        FlowNode root = flow.root();
        if (root == null) {
            err(null, "the flow needs a START node");
            return;
        }
        if (root.type() != NodeType.START) {
            err(root.id(), "the first node must be START");
        }
        index.duplicateIds().forEach(id -> err(id, "duplicate node id " + id));
        chain(root, true);
    }

    private void chain(FlowNode first, boolean rootLine) {
        for (FlowNode n = first; n != null; n = n.next()) {
            node(n, rootLine && n == first);
        }
    }

    private void node(FlowNode n, boolean isRoot) {
        String id = n.id();
        if (blank(id)) {
            err(null, "a node has no id (" + n.name() + ")");
            return;
        }
        if (n.type() == null) {
            err(id, "type is required");
            return;
        }
        if (blank(n.name())) {
            err(id, "name is required");
        }
        switch (n.type()) {
            case START -> {
                if (!isRoot) {
                    err(id, "START may only be the first node");
                }
                if (n.initiators() != null) {
                    n.initiators().forEach(s -> approvers(id, s, "initiators"));
                }
            }
            case APPROVAL -> approval(n);
            case HANDLE -> {
                approvers(id, n.approvers(), "approvers");
                if (n.action() == null || !HANDLE_ACTIONS.contains(n.action())) {
                    err(id, "action must be one of " + HANDLE_ACTIONS);
                }
                timeLimit(n);
            }
            case CC -> {
                if (n.recipients() == null || n.recipients().isEmpty()) {
                    err(id, "CC needs recipients");
                } else {
                    n.recipients().forEach(s -> approvers(id, s, "recipients"));
                }
            }
            case AUTO -> {
                if (n.action() == null || !AUTO_ACTIONS.contains(n.action())) {
                    err(id, "action must be one of " + AUTO_ACTIONS);
                }
            }
            case CONDITION, PARALLEL, INCLUSIVE -> container(n);
            default -> throw new IllegalStateException();
        }
    }

    private void approval(FlowNode n) {
        String id = n.id();
        approvers(id, n.approvers(), "approvers");
        if (n.effectiveMode() == ApprovalMode.VOTE) {
            BigDecimal r = n.passRatio();
            if (r == null || r.signum() <= 0 || r.compareTo(BigDecimal.ONE) > 0) {
                err(id, "VOTE needs passRatio in (0, 1]");
            }
        }
        OnEmpty e = n.onEmpty();
        if (e != null) {
            if (e.action() == null) {
                err(id, "onEmpty needs an action");
            } else if (e.action() == OnEmpty.Action.ASSIGN) {
                approvers(id, e.to(), "onEmpty.to");
            }
        }
        OnReject r = n.onReject();
        if (r != null) {
            if (r.policy() == null) {
                err(id, "onReject needs a policy");
            } else if (r.policy() == OnReject.Policy.RETURN_TO_NODE) {
                boolean ok = r.nodeId() != null && index.linePredecessors(id).stream()
                    .anyMatch(p -> p.id().equals(r.nodeId()) && (p.type() == NodeType.APPROVAL || p.type() == NodeType.START));
                if (!ok) {
                    err(id, "onReject RETURN_TO_NODE must name an earlier APPROVAL or START node on the same line");
                }
            }
        }
        timeLimit(n);
    }

    private void timeLimit(FlowNode n) {
        TimeLimit t = n.timeLimit();
        if (t == null) {
            return;
        }
        if (t.duration() == null && blank(t.dueField())) {
            err(n.id(), "timeLimit needs a duration or a dueField");
        }
        if (t.duration() != null && (t.duration().isNegative() || t.duration().isZero())) {
            err(n.id(), "timeLimit.duration must be positive");
        }
        if (t.remindEvery() != null && (t.remindEvery().isNegative() || t.remindEvery().isZero())) {
            err(n.id(), "timeLimit.remindEvery must be positive");
        }
        if (t.remindBefore() != null && t.remindBefore().isNegative()) {
            err(n.id(), "timeLimit.remindBefore must not be negative");
        }
        if (t.maxReminders() != null && t.maxReminders() < 0) {
            err(n.id(), "timeLimit.maxReminders must not be negative");
        }
        if (t.onTimeout() != null) {
            if (t.onTimeout().action() == null) {
                err(n.id(), "onTimeout needs an action");
            } else if (t.onTimeout().action() == TimeLimit.Timeout.Action.TRANSFER) {
                approvers(n.id(), t.onTimeout().to(), "onTimeout.to");
            } else if (n.type() == NodeType.HANDLE && t.onTimeout().action() != TimeLimit.Timeout.Action.REMIND) {
                err(n.id(), "a HANDLE node can only REMIND or TRANSFER on timeout");
            }
        }
    }

    private void container(FlowNode n) {
        String id = n.id();
        if (n.branches() == null || n.branches().isEmpty()) {
            err(id, n.type() + " needs at least one branch");
            return;
        }
        if (n.type() == NodeType.PARALLEL && n.branches().size() < 2) {
            err(id, "PARALLEL needs at least two branches");
        }
        Set<String> branchIds = new HashSet<>();
        int defaults = 0;
        for (Branch b : n.branches()) {
            if (b == null || blank(b.id())) {
                err(id, "a branch has no id");
                continue;
            }
            if (!branchIds.add(b.id()) || index.node(b.id()) != null) {
                err(id, "branch id " + b.id() + " is not unique");
            }
            if (n.type() == NodeType.PARALLEL) {
                if (b.when() != null || b.defaultBranch()) {
                    err(id, "PARALLEL branch " + b.id() + " takes no condition");
                }
            } else if (b.defaultBranch()) {
                defaults++;
                if (b.when() != null) {
                    err(id, "default branch " + b.id() + " takes no condition");
                }
            } else {
                condition(id, b);
            }
            chain(b.next(), false);
        }
        if (defaults > 1) {
            err(id, "at most one default branch");
        }
    }

    private void condition(String nodeId, Branch b) {
        Condition c = b.when();
        if (c == null || c.anyOf() == null || c.anyOf().isEmpty()) {
            err(nodeId, "branch " + b.id() + " needs a condition (anyOf) or default: true");
            return;
        }
        for (Condition.Clause clause : c.anyOf()) {
            if (clause == null || clause.allOf() == null || clause.allOf().isEmpty()) {
                err(nodeId, "branch " + b.id() + ": empty allOf");
                continue;
            }
            for (Condition.Predicate p : clause.allOf()) {
                predicate(nodeId, b.id(), p);
            }
        }
    }

    private void predicate(String nodeId, String branchId, Condition.Predicate p) {
        String where = "branch " + branchId + ": ";
        if (p == null || p.op() == null) {
            err(nodeId, where + "comparison needs field and op");
            return;
        }
        String f = p.field();
        boolean known = f != null && (FIELDS.contains(f) || (f.startsWith("form.") && formKeys.contains(f.substring(5))));
        if (!known) {
            err(nodeId, where + "unknown field " + f);
        }
        Object v = p.value();
        boolean ok = switch (p.op()) {
            case IN, NOT_IN -> v instanceof List<?> l && !l.isEmpty();
            case BETWEEN -> v instanceof List<?> l && l.size() == 2 && l.get(0) != null && l.get(1) != null;
            case GT, GTE, LT, LTE -> v instanceof Number || v instanceof String;
            case IS_EMPTY -> v == null || v instanceof Boolean;
            case EQ, NE, CONTAINS -> v != null && !(v instanceof List) && !(v instanceof java.util.Map);
        };
        if (!ok) {
            err(nodeId, where + f + " " + p.op().json() + ": value " + v + " does not fit the operator");
        }
    }

    private void approvers(String nodeId, ApproverSpec s, String what) {
        if (s == null || s.type() == null) {
            err(nodeId, what + " must name an approver type");
            return;
        }
        switch (s.type()) {
            case USERS -> {
                if (s.userIds() == null || s.userIds().isEmpty() || s.userIds().stream().anyMatch(FlowValidator::blank)) {
                    err(nodeId, what + ": USERS needs userIds");
                }
            }
            case ROLE -> {
                if (blank(s.role())) {
                    err(nodeId, what + ": ROLE needs role");
                }
            }
            case DEPT_HEAD -> {
                if (s.level() == null || s.level() < 1) {
                    err(nodeId, what + ": DEPT_HEAD needs level >= 1");
                }
            }
            case DEPT_HEAD_CHAIN -> {
                if (s.upToLevel() == null || s.upToLevel() < 1) {
                    err(nodeId, what + ": DEPT_HEAD_CHAIN needs upToLevel >= 1");
                }
            }
            case FORM_FIELD -> {
                if (blank(s.field()) || !formKeys.contains(s.field())) {
                    err(nodeId, what + ": FORM_FIELD must name one of the flow's form fields");
                }
            }
            default -> {
            }
        }
    }

    private void err(String nodeId, String message) {
        errors.add(new ValidationError(nodeId, message));
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
