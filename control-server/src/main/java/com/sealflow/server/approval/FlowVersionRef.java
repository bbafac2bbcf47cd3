package com.sealflow.server.approval;

/** A published version: {@code publish → {key, version}}. */
public record FlowVersionRef(String key, int version) {
}
