package com.sealflow.server.approval;

import com.sealflow.server.approval.model.Condition;
import com.sealflow.server.approval.model.Condition.Clause;
import com.sealflow.server.approval.model.Condition.Op;
import com.sealflow.server.approval.model.Condition.Predicate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates branch conditions with typed comparisons: numbers (and numeric strings) compare as BigDecimal (money is
 * exact: 500000 equals 500000.00), other values as strings. A list-valued fact (e.g. {@code sealType}) matches
 * {@code eq}/{@code in}/{@code contains} when any element does, and {@code ne}/{@code notIn} when none does. A missing
 * fact satisfies only {@code isEmpty}, {@code ne} and {@code notIn}.
 */
final class Conditions {

    /** The verdict and a human-readable reason (shown by the simulator). */
    record Outcome(boolean holds, String reason) {
    }

    private Conditions() {
    }

    static boolean holds(Condition c, Map<String, Object> facts) {
        return evaluate(c, facts).holds();
    }

    static Outcome evaluate(Condition c, Map<String, Object> facts) {
        if (c == null || c.anyOf() == null || c.anyOf().isEmpty()) {
            return new Outcome(false, "no condition");
        }
        List<String> parts = new ArrayList<>();
        for (Clause clause : c.anyOf()) {
            boolean all = clause.allOf() != null && !clause.allOf().isEmpty();
            List<String> preds = new ArrayList<>();
            for (Predicate p : clause.allOf() == null ? List.<Predicate>of() : clause.allOf()) {
                Object actual = Facts.get(facts, p.field());
                boolean ok = test(p, actual);
                preds.add(p.field() + " " + p.op().json() + " " + show(p.value()) + ": " + show(actual) + " → " + ok);
                if (!ok) {
                    all = false;
                    break;
                }
            }
            parts.add(String.join(" and ", preds));
            if (all) {
                return new Outcome(true, String.join(" | ", parts));
            }
        }
        return new Outcome(false, String.join(" | ", parts));
    }

    static boolean test(Predicate p, Object actual) {
        Op op = p.op();
        Object value = p.value();
        if (op == Op.IS_EMPTY) {
            boolean want = !(value instanceof Boolean b) || b;
            return isEmpty(actual) == want;
        }
        if (actual instanceof Collection<?> list) {
            return switch (op) {
                case NE, NOT_IN -> list.stream().noneMatch(e -> test(new Predicate(p.field(), op == Op.NE ? Op.EQ : Op.IN, value), e));
                default -> list.stream().anyMatch(e -> test(new Predicate(p.field(), op == Op.CONTAINS ? Op.EQ : op, value), e));
            };
        }
        if (actual == null) {
            return op == Op.NE || op == Op.NOT_IN;
        }
        return switch (op) {
            case EQ -> same(actual, value);
            case NE -> !same(actual, value);
            case GT -> compare(actual, value) > 0;
            case GTE -> compare(actual, value) >= 0;
            case LT -> compare(actual, value) < 0 && compare(actual, value) != Integer.MIN_VALUE;
            case LTE -> compare(actual, value) <= 0 && compare(actual, value) != Integer.MIN_VALUE;
            case IN -> value instanceof Collection<?> vs && vs.stream().anyMatch(v -> same(actual, v));
            case NOT_IN -> !(value instanceof Collection<?> vs) || vs.stream().noneMatch(v -> same(actual, v));
            case CONTAINS -> actual.toString().contains(String.valueOf(value));
            case BETWEEN -> value instanceof List<?> b && b.size() == 2
                && compare(actual, b.get(0)) >= 0 && compare(actual, b.get(0)) != Integer.MIN_VALUE
                && compare(actual, b.get(1)) <= 0 && compare(actual, b.get(1)) != Integer.MIN_VALUE;
            case IS_EMPTY -> throw new IllegalStateException("handled above");
        };
    }

    static boolean isEmpty(Object v) {
        return v == null || (v instanceof String s && s.isBlank()) || (v instanceof Collection<?> c && c.isEmpty())
            || (v instanceof Map<?, ?> m && m.isEmpty());
    }

    private static boolean same(Object a, Object b) {
        BigDecimal x = Facts.decimal(a);
        BigDecimal y = Facts.decimal(b);
        if (x != null && y != null && (a instanceof Number || b instanceof Number)) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(String.valueOf(a), String.valueOf(b));
    }

    /** Ordering of two values; {@link Integer#MIN_VALUE} when they are not comparable (a number against text). */
    private static int compare(Object a, Object b) {
        BigDecimal x = Facts.decimal(a);
        BigDecimal y = Facts.decimal(b);
        if (x != null && y != null) {
            return Integer.signum(x.compareTo(y));
        }
        if (x != null || y != null || b == null) {
            return Integer.MIN_VALUE;
        }
        return Integer.signum(a.toString().compareTo(b.toString()));
    }

    private static String show(Object v) {
        return v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
    }
}
