package com.sealflow.server.approval.model;

import java.util.List;

/** A flow as drawn: stable key, name, custom form fields and the node tree starting at a START node. */
public record FlowDefinition(String key, String name, List<FormField> formFields, FlowNode root) {
}
