package com.sealflow.server.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sealflow.server.approval.model.FlowDefinition;

/** The designer's JSON ↔ {@link FlowDefinition}. Unknown properties (layout hints) are ignored. */
public final class FlowJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private FlowJson() {
    }

    /** Parses designer JSON; malformed input → {@link ApprovalValidationException} (nodeId null). */
    public static FlowDefinition parse(String json) {
        try {
            return MAPPER.readValue(json, FlowDefinition.class);
        } catch (JsonProcessingException e) {
            throw ApprovalValidationException.of(null, "malformed flow JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw ApprovalValidationException.of(null, "malformed flow JSON: " + e.getMessage());
        }
    }

    public static String write(FlowDefinition flow) {
        try {
            return MAPPER.writeValueAsString(flow);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("flow cannot be written as JSON", e);
        }
    }
}
