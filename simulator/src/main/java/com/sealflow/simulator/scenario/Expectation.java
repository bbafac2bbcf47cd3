package com.sealflow.simulator.scenario;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Checks one field of a device's state. Paths are dotted into the control API's device view
 * ({@code lockState}, {@code link.mqtt}, {@code slots.1.present}); {@code .size} counts an array.
 * Expected values: a literal, {@code present}/{@code absent}, or {@code >=n}, {@code <=n}, {@code >n}, {@code <n}.
 */
final class Expectation {

    private Expectation() {
    }

    /** Null when every check holds, else what did not. */
    static String check(JsonObject view, Map<String, Object> expected) {
        StringBuilder failures = new StringBuilder();
        for (var e : expected.entrySet()) {
            if (e.getKey().equals("device") || e.getKey().equals("timeoutMs")) {
                continue;
            }
            Object actual = resolve(view, e.getKey());
            if (!matches(actual, e.getValue())) {
                failures.append(failures.length() == 0 ? "" : "; ").append(e.getKey()).append(" is ").append(actual)
                        .append(", expected ").append(e.getValue());
            }
        }
        return failures.length() == 0 ? null : failures.toString();
    }

    static Object resolve(Object node, String path) {
        Object current = node;
        for (String part : path.split("\\.")) {
            if (current instanceof JsonObject o) {
                current = o.getValue(part);
            } else if (current instanceof JsonArray a) {
                if (part.equals("size")) {
                    current = a.size();
                } else {
                    int i = Integer.parseInt(part) - 1; // slots and positions count from 1, as on the panel
                    current = i >= 0 && i < a.size() ? a.getValue(i) : null;
                }
            } else {
                return null;
            }
        }
        return current;
    }

    static boolean matches(Object actual, Object expected) {
        if ("present".equals(expected)) {
            return actual != null;
        }
        if ("absent".equals(expected)) {
            return actual == null;
        }
        if (expected instanceof String s && s.matches("(>=|<=|>|<)-?\\d+(\\.\\d+)?") && actual instanceof Number n) {
            String op = s.replaceAll("[-\\d.]", "");
            int cmp = new BigDecimal(n.toString()).compareTo(new BigDecimal(s.substring(op.length())));
            return switch (op) {
                case ">=" -> cmp >= 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                default -> cmp < 0;
            };
        }
        if (expected instanceof Number e && actual instanceof Number a) {
            return new BigDecimal(e.toString()).compareTo(new BigDecimal(a.toString())) == 0;
        }
        if (expected instanceof String s && s.endsWith("*") && actual != null) {
            return actual.toString().startsWith(s.substring(0, s.length() - 1));
        }
        return expected == null ? actual == null : expected.equals(actual) || expected.toString().equals(String.valueOf(actual));
    }
}
