package com.sealflow.server.approval.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One branch of a container: taken when {@code when} holds, or as the {@code default}. {@code next} may be empty. */
public record Branch(String id, String name, Condition when, @JsonProperty("default") Boolean isDefault, FlowNode next) {

    public boolean defaultBranch() {
        return Boolean.TRUE.equals(isDefault);
    }
}
