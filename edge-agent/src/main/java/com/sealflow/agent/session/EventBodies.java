package com.sealflow.agent.session;

import com.sealflow.protocol.token.UnlockToken;
import java.util.LinkedHashMap;
import java.util.Map;

/** The token fields every session and press event carries (docs/device-contract.md event bodies). */
final class EventBodies {

    private EventBodies() {
    }

    static Map<String, Object> token(UnlockToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenId", t.tokenId());
        m.put("requestId", t.requestId());
        m.put("sealId", t.sealId());
        m.put("slot", t.slot());
        return m;
    }

    /** A press outside any session (forced): the same fields, all null. */
    static Map<String, Object> noToken() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenId", null);
        m.put("requestId", null);
        m.put("sealId", null);
        m.put("slot", null);
        return m;
    }
}
