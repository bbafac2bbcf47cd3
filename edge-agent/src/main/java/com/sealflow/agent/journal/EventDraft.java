package com.sealflow.agent.journal;

import java.util.Map;

/**
 * An event the agent wants journaled: type (PRESS, SESSION_STARTED, TOKEN_REFUSED, HEALTH, ...), wall and
 * monotonic time, body fields, and for presses the photo already written durably by {@link PhotoStore}.
 */
public record EventDraft(String type, long at, long monotonicMs, Map<String, Object> body, StoredPhoto photo) {

    public EventDraft {
        body = body == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
    }

    public static EventDraft of(String type, long at, long monotonicMs, Map<String, Object> body) {
        return new EventDraft(type, at, monotonicMs, body, null);
    }
}
