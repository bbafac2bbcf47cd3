package com.sealflow.server.approval;

import com.sealflow.server.approval.model.AllowedAction;
import com.sealflow.server.approval.model.ApplicantIsApprover;
import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.ApproverType;
import com.sealflow.server.approval.model.Branch;
import com.sealflow.server.approval.model.Condition;
import com.sealflow.server.approval.model.Dedupe;
import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.FormField;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.OnEmpty;
import com.sealflow.server.approval.model.OnReject;
import com.sealflow.server.approval.model.TimeLimit;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The designer's JSON ↔ {@link FlowDefinition}. Unknown properties (layout hints) are ignored; wrong shapes and unknown
 * enum values are a {@link ApprovalValidationException} naming the node. Durations are ISO-8601 ({@code P1D}).
 */
public final class FlowJson {

    private FlowJson() {
    }

    /** Parses designer JSON; malformed input → {@link ApprovalValidationException}. */
    public static FlowDefinition parse(String json) {
        Object tree;
        try {
            tree = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw ApprovalValidationException.of(null, "malformed JSON: " + e.getMessage());
        }
        return fromMap(map(tree, null, "flow"));
    }

    public static String write(FlowDefinition flow) {
        return Json.write(toMap(flow));
    }

    /** The flow as a JSON-ready tree of maps and lists (e.g. for {@code new JsonObject(map)}). */
    public static Map<String, Object> toMap(FlowDefinition f) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "key", f.key());
        put(m, "name", f.name());
        if (f.formFields() != null) {
            List<Object> fields = new ArrayList<>();
            for (FormField ff : f.formFields()) {
                Map<String, Object> x = new LinkedHashMap<>();
                put(x, "key", ff.key());
                put(x, "label", ff.label());
                put(x, "type", ff.type());
                put(x, "required", ff.required());
                fields.add(x);
            }
            m.put("formFields", fields);
        }
        put(m, "root", f.root() == null ? null : node(f.root()));
        return m;
    }

    public static FlowDefinition fromMap(Map<String, Object> m) {
        List<FormField> fields = null;
        if (m.get("formFields") != null) {
            fields = new ArrayList<>();
            for (Object o : list(m.get("formFields"), null, "formFields")) {
                Map<String, Object> x = map(o, null, "formFields[]");
                fields.add(new FormField(str(x, "key", null), str(x, "label", null), str(x, "type", null),
                    (Boolean) typed(x.get("required"), Boolean.class, null, "required")));
            }
        }
        FlowNode root = m.get("root") == null ? null : node(map(m.get("root"), null, "root"));
        return new FlowDefinition(str(m, "key", null), str(m, "name", null), fields, root);
    }

    private static FlowNode node(Map<String, Object> m) {
        String id = str(m, "id", null);
        List<Branch> branches = null;
        if (m.get("branches") != null) {
            branches = new ArrayList<>();
            for (Object o : list(m.get("branches"), id, "branches")) {
                Map<String, Object> b = map(o, id, "branch");
                branches.add(new Branch(str(b, "id", id), str(b, "name", id),
                    b.get("when") == null ? null : condition(map(b.get("when"), id, "when"), id),
                    (Boolean) typed(b.get("default"), Boolean.class, id, "default"),
                    b.get("next") == null ? null : node(map(b.get("next"), id, "next"))));
            }
        }
        LinkedHashSet<AllowedAction> allow = null;
        if (m.get("allow") != null) {
            allow = new LinkedHashSet<>();
            for (Object o : list(m.get("allow"), id, "allow")) {
                allow.add(enumOf(AllowedAction.class, o, id, "allow"));
            }
        }
        Map<String, String> perms = null;
        if (m.get("fieldPermissions") != null) {
            perms = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : map(m.get("fieldPermissions"), id, "fieldPermissions").entrySet()) {
                perms.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        Object ratio = m.get("passRatio");
        return new FlowNode(id, enumOf(NodeType.class, m.get("type"), id, "type"), str(m, "name", id),
            m.get("next") == null ? null : node(map(m.get("next"), id, "next")),
            spec(m.get("approvers"), id), enumOf(ApprovalMode.class, m.get("mode"), id, "mode"),
            ratio == null ? null : decimal(ratio, id, "passRatio"),
            m.get("onEmpty") == null ? null : onEmpty(map(m.get("onEmpty"), id, "onEmpty"), id),
            enumOf(ApplicantIsApprover.class, m.get("onApplicantIsApprover"), id, "onApplicantIsApprover"),
            enumOf(Dedupe.class, m.get("dedupe"), id, "dedupe"),
            m.get("timeLimit") == null ? null : timeLimit(map(m.get("timeLimit"), id, "timeLimit"), id),
            m.get("onReject") == null ? null : new OnReject(
                enumOf(OnReject.Policy.class, map(m.get("onReject"), id, "onReject").get("policy"), id, "onReject.policy"),
                str(map(m.get("onReject"), id, "onReject"), "nodeId", id)),
            allow, perms, str(m, "action", id), specs(m.get("recipients"), id), specs(m.get("initiators"), id), branches);
    }

    private static OnEmpty onEmpty(Map<String, Object> m, String id) {
        return new OnEmpty(enumOf(OnEmpty.Action.class, m.get("action"), id, "onEmpty.action"), spec(m.get("to"), id));
    }

    private static TimeLimit timeLimit(Map<String, Object> m, String id) {
        TimeLimit.Timeout timeout = null;
        if (m.get("onTimeout") != null) {
            Map<String, Object> t = map(m.get("onTimeout"), id, "onTimeout");
            timeout = new TimeLimit.Timeout(enumOf(TimeLimit.Timeout.Action.class, t.get("action"), id, "onTimeout.action"),
                spec(t.get("to"), id));
        }
        Object max = m.get("maxReminders");
        return new TimeLimit(duration(m.get("duration"), id, "duration"), str(m, "dueField", id),
            duration(m.get("remindBefore"), id, "remindBefore"), duration(m.get("remindEvery"), id, "remindEvery"),
            max == null ? null : decimal(max, id, "maxReminders").intValue(), timeout);
    }

    private static Condition condition(Map<String, Object> m, String id) {
        List<Condition.Clause> clauses = new ArrayList<>();
        for (Object c : list(m.get("anyOf"), id, "when.anyOf")) {
            List<Condition.Predicate> preds = new ArrayList<>();
            for (Object p : list(map(c, id, "when.anyOf[]").get("allOf"), id, "when.anyOf[].allOf")) {
                Map<String, Object> x = map(p, id, "comparison");
                Object op = x.get("op");
                Condition.Op parsed = op instanceof String s ? Condition.Op.fromJson(s) : null;
                if (parsed == null) {
                    throw ApprovalValidationException.of(id, "unknown comparison op " + op);
                }
                preds.add(new Condition.Predicate(str(x, "field", id), parsed, x.get("value")));
            }
            clauses.add(new Condition.Clause(preds));
        }
        return new Condition(clauses);
    }

    private static List<ApproverSpec> specs(Object o, String id) {
        if (o == null) {
            return null;
        }
        List<ApproverSpec> out = new ArrayList<>();
        for (Object x : list(o, id, "approvers")) {
            out.add(spec(x, id));
        }
        return out;
    }

    private static ApproverSpec spec(Object o, String id) {
        if (o == null) {
            return null;
        }
        Map<String, Object> m = map(o, id, "approvers");
        List<String> users = null;
        if (m.get("userIds") != null) {
            users = list(m.get("userIds"), id, "userIds").stream().map(x -> x == null ? null : x.toString()).toList();
        }
        Function<String, Integer> num = k -> m.get(k) == null ? null : decimal(m.get(k), id, k).intValue();
        return new ApproverSpec(enumOf(ApproverType.class, m.get("type"), id, "approvers.type"), users, str(m, "role", id),
            num.apply("level"), str(m, "of", id), num.apply("upToLevel"), str(m, "field", id));
    }

    private static Map<String, Object> node(FlowNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "id", n.id());
        put(m, "type", n.type());
        put(m, "name", n.name());
        put(m, "approvers", spec(n.approvers()));
        put(m, "mode", n.mode());
        put(m, "passRatio", n.passRatio());
        if (n.onEmpty() != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            put(e, "action", n.onEmpty().action());
            put(e, "to", spec(n.onEmpty().to()));
            m.put("onEmpty", e);
        }
        put(m, "onApplicantIsApprover", n.onApplicantIsApprover());
        put(m, "dedupe", n.dedupe());
        if (n.timeLimit() != null) {
            TimeLimit t = n.timeLimit();
            Map<String, Object> x = new LinkedHashMap<>();
            put(x, "duration", t.duration());
            put(x, "dueField", t.dueField());
            put(x, "remindBefore", t.remindBefore());
            put(x, "remindEvery", t.remindEvery());
            put(x, "maxReminders", t.maxReminders());
            if (t.onTimeout() != null) {
                Map<String, Object> to = new LinkedHashMap<>();
                put(to, "action", t.onTimeout().action());
                put(to, "to", spec(t.onTimeout().to()));
                x.put("onTimeout", to);
            }
            m.put("timeLimit", x);
        }
        if (n.onReject() != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            put(r, "policy", n.onReject().policy());
            put(r, "nodeId", n.onReject().nodeId());
            m.put("onReject", r);
        }
        put(m, "allow", n.allow() == null ? null : List.copyOf(n.allow()));
        put(m, "fieldPermissions", n.fieldPermissions());
        put(m, "action", n.action());
        put(m, "recipients", n.recipients() == null ? null : n.recipients().stream().map(FlowJson::spec).toList());
        put(m, "initiators", n.initiators() == null ? null : n.initiators().stream().map(FlowJson::spec).toList());
        if (n.branches() != null) {
            List<Object> bs = new ArrayList<>();
            for (Branch b : n.branches()) {
                Map<String, Object> x = new LinkedHashMap<>();
                put(x, "id", b.id());
                put(x, "name", b.name());
                if (b.when() != null) {
                    x.put("when", Map.of("anyOf", b.when().anyOf().stream().map(c -> Map.of("allOf", c.allOf().stream()
                        .map(p -> {
                            Map<String, Object> pm = new LinkedHashMap<>();
                            pm.put("field", p.field());
                            pm.put("op", p.op().json());
                            pm.put("value", p.value());
                            return pm;
                        }).toList())).toList()));
                }
                put(x, "default", b.isDefault());
                put(x, "next", b.next() == null ? null : node(b.next()));
                bs.add(x);
            }
            m.put("branches", bs);
        }
        put(m, "next", n.next() == null ? null : node(n.next()));
        return m;
    }

    private static Map<String, Object> spec(ApproverSpec s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "type", s.type());
        put(m, "userIds", s.userIds());
        put(m, "role", s.role());
        put(m, "level", s.level());
        put(m, "of", s.of());
        put(m, "upToLevel", s.upToLevel());
        put(m, "field", s.field());
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String nodeId, String what) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw ApprovalValidationException.of(nodeId, what + " must be an object");
    }

    static List<?> list(Object o, String nodeId, String what) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw ApprovalValidationException.of(nodeId, what + " must be an array");
    }

    private static String str(Map<String, Object> m, String k, String nodeId) {
        Object v = m.get(k);
        return (String) typed(v, String.class, nodeId, k);
    }

    private static Object typed(Object v, Class<?> type, String nodeId, String what) {
        if (v == null || type.isInstance(v)) {
            return v;
        }
        throw ApprovalValidationException.of(nodeId, what + " must be a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT));
    }

    private static BigDecimal decimal(Object v, String nodeId, String what) {
        BigDecimal d = Facts.decimal(v);
        if (d == null) {
            throw ApprovalValidationException.of(nodeId, what + " must be a number");
        }
        return d;
    }

    private static Duration duration(Object v, String nodeId, String what) {
        if (v == null) {
            return null;
        }
        try {
            return Duration.parse((String) typed(v, String.class, nodeId, what));
        } catch (DateTimeParseException e) {
            throw ApprovalValidationException.of(nodeId, what + " must be an ISO-8601 duration like PT4H or P1D");
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, Object v, String nodeId, String what) {
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, String.valueOf(v));
        } catch (IllegalArgumentException e) {
            throw ApprovalValidationException.of(nodeId, what + ": unknown value " + v);
        }
    }
}
