package com.sealflow.server.approval;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Looks facts up by dotted name: a flat key ({@code "form.project"}) wins, else nested maps are walked. */
final class Facts {

    private Facts() {
    }

    static Object get(Map<String, Object> facts, String name) {
        if (facts == null || name == null) {
            return null;
        }
        if (facts.containsKey(name)) {
            return facts.get(name);
        }
        Object at = facts;
        for (String part : name.split("\\.")) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = m.get(part);
        }
        return at;
    }

    /** A number as a BigDecimal (numbers and numeric strings), else null. */
    static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** User ids held by a fact: a string or a list of strings. */
    static List<String> userIds(Object v) {
        if (v instanceof String s && !s.isBlank()) {
            return List.of(s);
        }
        if (v instanceof Collection<?> c) {
            return c.stream().filter(x -> x != null).map(Object::toString).toList();
        }
        return List.of();
    }

    /** An instant fact as epoch millis: a number or an ISO-8601 instant. */
    static Long epochMillis(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return java.time.Instant.parse(s).toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                BigDecimal d = decimal(s);
                return d == null ? null : d.longValue();
            }
        }
        return null;
    }
}
