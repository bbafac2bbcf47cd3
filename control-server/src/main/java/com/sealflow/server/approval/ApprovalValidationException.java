package com.sealflow.server.approval;

import java.util.List;

/** Invalid input: a flow that does not validate, malformed JSON, a bad command (HTTP 422 with {@code errors[]}). */
public final class ApprovalValidationException extends ApprovalException {

    private final List<ValidationError> errors;

    public ApprovalValidationException(List<ValidationError> errors) {
        super(errors.isEmpty() ? "invalid" : errors.get(0).message() + (errors.size() > 1 ? " (+" + (errors.size() - 1) + ")" : ""));
        this.errors = List.copyOf(errors);
    }

    public static ApprovalValidationException of(String nodeId, String message) {
        return new ApprovalValidationException(List.of(new ValidationError(nodeId, message)));
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
