package com.sealflow.server.approval.model;

/**
 * One branch of a container: taken when {@code when} holds, or as the {@code default} (JSON {@code "default": true}).
 * {@code next} may be empty.
 */
public record Branch(String id, String name, Condition when, Boolean isDefault, FlowNode next) {

    public boolean defaultBranch() {
        return Boolean.TRUE.equals(isDefault);
    }
}
