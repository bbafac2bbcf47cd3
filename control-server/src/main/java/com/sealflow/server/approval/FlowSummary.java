package com.sealflow.server.approval;

/** A flow in the list: key, name, latest published version (0 = never published), whether a draft exists. */
public record FlowSummary(String key, String name, int latestVersion, boolean hasDraft, Long draftUpdatedAt) {
}
