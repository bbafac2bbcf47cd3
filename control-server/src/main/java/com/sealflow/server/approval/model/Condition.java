package com.sealflow.server.approval.model;

import java.util.List;

/** A branch condition: OR of ANDs of typed comparisons, never a string expression. */
public record Condition(List<Clause> anyOf) {

    /** All predicates hold. */
    public record Clause(List<Predicate> allOf) {
    }

    /** {@code field op value}; {@code value} is a JSON scalar or array (two elements for {@code between}). */
    public record Predicate(String field, Op op, Object value) {
    }

    public enum Op {
        EQ("eq"), NE("ne"), GT("gt"), GTE("gte"), LT("lt"), LTE("lte"), IN("in"), NOT_IN("notIn"),
        CONTAINS("contains"), BETWEEN("between"), IS_EMPTY("isEmpty");

        private final String json;

        Op(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }

        /** The op for its JSON name, or null. */
        public static Op fromJson(String s) {
            for (Op op : values()) {
                if (op.json.equals(s)) {
                    return op;
                }
            }
            return null;
        }
    }
}
