package com.sealflow.protocol.evidence;

import java.util.List;

/** Known event types and the body fields each carries (all present; null where not applicable). */
public enum DeviceEventType {
    /** A confirmed stamp press. See {@link PressEvidence}. */
    PRESS("tokenId", "requestId", "sessionId", "pressCounter", "photoSha256"),
    /** The custodian authenticated and the MCU unlocked. */
    SESSION_START("tokenId", "requestId", "sessionId", "custodianId", "pressesAllowed", "slot"),
    /** The MCU locked again; reason is a SessionEndReason name. */
    SESSION_END("tokenId", "sessionId", "reason", "pressesUsed"),
    /** Cabinet door sensor. */
    DOOR("open"),
    /** Cabinet slot presence sensor. */
    SLOT("slot", "present"),
    /** A tamper sensor fired; kind is a TamperKind name. */
    TAMPER("kind"),
    /** Periodic health: free journal bytes, queued events, serial link state, firmware. */
    HEALTH("journalFreeBytes", "pendingEvents", "linkUp", "firmware"),
    /** A token was refused; reason is a TokenRefusal or TokenDecision name. */
    TOKEN_REFUSED("tokenId", "reason");

    private final List<String> bodyFields;

    DeviceEventType(String... bodyFields) {
        this.bodyFields = List.of(bodyFields);
    }

    public List<String> bodyFields() {
        return bodyFields;
    }
}
