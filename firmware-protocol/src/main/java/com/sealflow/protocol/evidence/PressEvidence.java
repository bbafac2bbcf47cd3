package com.sealflow.protocol.evidence;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Body of a PRESS event.
 *
 * @param tokenId      token of the session, or null for a press without a session (tamper evidence)
 * @param requestId    seal-use request, or null likewise
 * @param sessionId    serial-link session id from UNLOCK/PRESS (0 = no session)
 * @param pressCounter the MCU's lifetime press counter after this press
 * @param photoSha256  lower-case hex SHA-256 of the JPEG snapshot, or null when the camera failed
 */
public record PressEvidence(String tokenId, String requestId, long sessionId, long pressCounter, String photoSha256) {

    public PressEvidence {
        if (photoSha256 != null && !photoSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("photoSha256 must be 64 lower-case hex digits");
        }
    }

    public Map<String, Object> toBody() {
        Map<String, Object> body = new HashMap<>();
        body.put("tokenId", tokenId);
        body.put("requestId", requestId);
        body.put("sessionId", sessionId);
        body.put("pressCounter", pressCounter);
        body.put("photoSha256", photoSha256);
        return body;
    }

    /** Reads the body of a PRESS event; throws IllegalArgumentException when it does not fit. */
    public static PressEvidence fromBody(Map<String, Object> body) {
        try {
            return new PressEvidence((String) body.get("tokenId"), (String) body.get("requestId"),
                    (Long) Objects.requireNonNull(body.get("sessionId"), "sessionId"),
                    (Long) Objects.requireNonNull(body.get("pressCounter"), "pressCounter"), (String) body.get("photoSha256"));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a PRESS body: " + e.getMessage(), e);
        }
    }
}
