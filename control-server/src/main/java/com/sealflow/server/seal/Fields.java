package com.sealflow.server.seal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads typed fields out of a client's JSON object and collects one error per bad field instead of
 * throwing on the first, so a 422 lists everything the form must fix. Wrong JSON types are field errors,
 * never exceptions that would surface as a 500.
 */
public final class Fields {

    private final JsonObject body;
    private final String prefix;
    private final List<JsonObject> errors;

    public Fields(JsonObject body) {
        this(body, "", new ArrayList<>());
    }

    private Fields(JsonObject body, String prefix, List<JsonObject> errors) {
        this.body = body == null ? new JsonObject() : body;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Fields of a nested object whose errors are named {@code key.field} and collected with this one's. */
    public Fields nested(String key, JsonObject nestedBody) {
        return new Fields(nestedBody, prefix + key + ".", errors);
    }

    public JsonObject body() {
        return body;
    }

    public boolean has(String key) {
        return body.containsKey(key) && body.getValue(key) != null;
    }

    public void error(String field, String message) {
        errors.add(DomainException.fieldError(prefix + field, message));
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Throws the 422 if any field was bad. */
    public void check() {
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
    }

    public String text(String key, boolean required, int maxLength) {
        Object v = body.getValue(key);
        if (v == null) {
            if (required) {
                error(key, "is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            error(key, "must be a string");
            return null;
        }
        String t = s.strip();
        if (t.isEmpty()) {
            if (required) {
                error(key, "must not be blank");
            }
            return null;
        }
        if (t.length() > maxLength) {
            error(key, "must be at most " + maxLength + " characters");
            return null;
        }
        return t;
    }

    public String matching(String key, boolean required, Pattern pattern, String message) {
        String t = text(key, required, 200);
        if (t != null && !pattern.matcher(t).matches()) {
            error(key, message);
            return null;
        }
        return t;
    }

    public <E extends Enum<E>> E enumValue(String key, Class<E> type, boolean required) {
        String t = text(key, required, 64);
        if (t == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, t);
        } catch (IllegalArgumentException e) {
            error(key, "must be one of " + List.of(type.getEnumConstants()));
            return null;
        }
    }

    public Integer integer(String key, boolean required, int min, int max) {
        Object v = body.getValue(key);
        if (v == null) {
            if (required) {
                error(key, "is required");
            }
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            error(key, "must be an integer");
            return null;
        }
        if (n.doubleValue() < min || n.doubleValue() > max) {
            error(key, "must be between " + min + " and " + max);
            return null;
        }
        return n.intValue();
    }

    public Long epochMillis(String key, boolean required) {
        Object v = body.getValue(key);
        if (v == null) {
            if (required) {
                error(key, "is required");
            }
            return null;
        }
        if (v instanceof Number n && n.longValue() > 0) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return java.time.Instant.parse(s).toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                error(key, "must be an ISO-8601 instant or epoch milliseconds");
                return null;
            }
        }
        error(key, "must be an ISO-8601 instant or epoch milliseconds");
        return null;
    }

    /** A money amount in yuan with at most two decimals, given as a JSON number or a decimal string. */
    public BigDecimal money(String key, boolean required) {
        Object v = body.getValue(key);
        if (v == null) {
            if (required) {
                error(key, "is required");
            }
            return null;
        }
        BigDecimal d;
        try {
            d = v instanceof Number || v instanceof String ? new BigDecimal(v.toString().strip()) : null;
        } catch (NumberFormatException e) {
            d = null;
        }
        if (d == null) {
            error(key, "must be a decimal amount");
            return null;
        }
        if (d.signum() < 0 || d.scale() > 2 && d.stripTrailingZeros().scale() > 2 || d.compareTo(new BigDecimal("1e13")) >= 0) {
            error(key, "must be a non-negative amount with at most two decimals, below 10^13");
            return null;
        }
        return d.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    public <E extends Enum<E>> List<E> enumList(String key, Class<E> type) {
        List<String> raw = textList(key, 0, 64, 64);
        List<E> out = new ArrayList<>();
        for (String s : raw) {
            try {
                E e = Enum.valueOf(type, s);
                if (!out.contains(e)) {
                    out.add(e);
                }
            } catch (IllegalArgumentException e) {
                error(key, "unknown value " + s + "; must be among " + List.of(type.getEnumConstants()));
            }
        }
        return out;
    }

    /** A list of distinct non-blank strings; absent = empty. */
    public List<String> textList(String key, int minSize, int maxSize, int maxLength) {
        Object v = body.getValue(key);
        if (v == null) {
            if (minSize > 0) {
                error(key, "is required");
            }
            return List.of();
        }
        if (!(v instanceof JsonArray array)) {
            error(key, "must be an array");
            return List.of();
        }
        if (array.size() < minSize || array.size() > maxSize) {
            error(key, "must have between " + minSize + " and " + maxSize + " entries");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : array) {
            if (!(o instanceof String s) || s.isBlank() || s.length() > maxLength) {
                error(key, "entries must be non-blank strings of at most " + maxLength + " characters");
                return List.of();
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    public JsonObject object(String key) {
        Object v = body.getValue(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonObject o)) {
            error(key, "must be an object");
            return null;
        }
        return o;
    }

    public Boolean bool(String key) {
        Object v = body.getValue(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Boolean b)) {
            error(key, "must be true or false");
            return null;
        }
        return b;
    }
}
