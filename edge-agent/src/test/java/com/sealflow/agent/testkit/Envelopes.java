package com.sealflow.agent.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sealflow.protocol.evidence.DeviceEvent;
import com.sealflow.protocol.evidence.SignedDeviceEvent;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a published {@code .../evt} envelope back into the protocol's signed event, as the server would. */
public final class Envelopes {

    private Envelopes() {
    }

    public static SignedDeviceEvent toSigned(JsonNode env) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = env.get("body").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            body.put(f.getKey(), v.isNull() ? null : v.isBoolean() ? (Object) v.booleanValue()
                    : v.isIntegralNumber() ? (Object) v.longValue() : v.asText());
        }
        DeviceEvent e = new DeviceEvent(env.get("eventId").asText(), env.get("deviceId").asText(), env.get("seq").asLong(),
                env.get("type").asText(), env.get("at").asLong(), env.get("monotonicMs").asLong(), body, env.get("prevHash").asText());
        return new SignedDeviceEvent(e, env.get("hash").asText(), env.get("signature").asText());
    }
}
