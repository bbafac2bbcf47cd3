package com.sealflow.server.approval.model;

/** A custom form field of a flow; its value reaches conditions as the fact {@code form.<key>}. */
public record FormField(String key, String label, String type, Boolean required) {
}
