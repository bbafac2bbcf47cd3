package com.sealflow.server.request;

import com.sealflow.server.seal.DomainException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Checks a request's custom values against the flow's {@code formFields}: known keys, required ones, types, options. */
final class FormValues {

    private static final int MAX_TEXT = 2000;

    private FormValues() {
    }

    /** With {@code requireAll} false (a draft) required fields may still be empty. */
    static void check(JsonObject form, List<ApprovalPort.FormField> fields, boolean requireAll) {
        List<JsonObject> errors = new ArrayList<>();
        for (String key : form.fieldNames()) {
            if (fields.stream().noneMatch(f -> f.key().equals(key))) {
                errors.add(DomainException.fieldError("form." + key, "is not a field of this flow's form"));
            }
        }
        for (ApprovalPort.FormField f : fields) {
            Object v = form.getValue(f.key());
            boolean blank = v == null || v instanceof String s && s.isBlank() || v instanceof JsonArray a && a.isEmpty();
            if (blank) {
                if (f.required() && requireAll) {
                    errors.add(DomainException.fieldError("form." + f.key(), (f.label() == null ? f.key() : f.label()) + " is required"));
                }
                continue;
            }
            String problem = problem(f, v);
            if (problem != null) {
                errors.add(DomainException.fieldError("form." + f.key(), problem));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
    }

    private static String problem(ApprovalPort.FormField f, Object v) {
        String type = f.type() == null ? "text" : f.type();
        switch (type) {
            case "number", "money" -> {
                if (v instanceof Number) {
                    return null;
                }
                try {
                    new BigDecimal(String.valueOf(v));
                    return v instanceof String ? null : "must be a number";
                } catch (NumberFormatException e) {
                    return "must be a number";
                }
            }
            case "boolean" -> {
                return v instanceof Boolean ? null : "must be true or false";
            }
            case "date" -> {
                try {
                    LocalDate.parse(String.valueOf(v));
                    return v instanceof String ? null : "must be a date (yyyy-mm-dd)";
                } catch (DateTimeParseException e) {
                    return "must be a date (yyyy-mm-dd)";
                }
            }
            case "select" -> {
                return v instanceof String s && (f.options().isEmpty() || f.options().contains(s)) ? null
                    : "must be one of " + f.options();
            }
            case "multiselect" -> {
                if (!(v instanceof JsonArray a)) {
                    return "must be a list";
                }
                for (Object o : a) {
                    if (!(o instanceof String s) || !f.options().isEmpty() && !f.options().contains(s)) {
                        return "entries must be among " + f.options();
                    }
                }
                return null;
            }
            default -> {
                return v instanceof String s && s.length() <= MAX_TEXT ? null : "must be text of at most " + MAX_TEXT + " characters";
            }
        }
    }
}
