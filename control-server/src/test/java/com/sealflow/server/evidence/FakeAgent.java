package com.sealflow.server.evidence;

import com.sealflow.protocol.evidence.DeviceEvent;
import com.sealflow.protocol.evidence.EvidenceCodec;
import com.sealflow.protocol.evidence.SignedDeviceEvent;
import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Signs and chains device events the way the edge agent does (firmware-protocol's EvidenceCodec). */
final class FakeAgent {

    final String deviceId;
    final KeyPair keys;
    long seq;
    String prevHash = DeviceEvent.GENESIS;
    long at;
    long mono = 1_000;

    FakeAgent(String deviceId, KeyPair keys, long startAt) {
        this.deviceId = deviceId;
        this.keys = keys;
        this.at = startAt;
    }

    /** The next event in the chain as the {@code evt} JSON envelope. */
    JsonObject next(String type, Map<String, Object> body, String photoSha256) {
        return next(type, body, photoSha256, keys.getPrivate());
    }

    JsonObject next(String type, Map<String, Object> body, String photoSha256, PrivateKey signer) {
        seq++;
        at += 1000;
        mono += 1000;
        Map<String, Object> b = new HashMap<>(body);
        if ("PRESS".equals(type)) {
            b.put("photoSha256", photoSha256);
        }
        DeviceEvent event = new DeviceEvent(UUID.randomUUID().toString(), deviceId, seq, type, at, mono, b, prevHash);
        SignedDeviceEvent signed = EvidenceCodec.sign(event, signer);
        prevHash = signed.hash();
        return envelope(signed, photoSha256);
    }

    static JsonObject envelope(SignedDeviceEvent signed, String photoSha256) {
        DeviceEvent e = signed.event();
        return new JsonObject().put("eventId", e.eventId()).put("deviceId", e.deviceId()).put("seq", e.seq()).put("type", e.type())
            .put("at", e.at()).put("monotonicMs", e.monotonicMs()).put("body", new JsonObject(new HashMap<>(e.body())))
            .put("photoSha256", photoSha256).put("prevHash", e.prevHash()).put("hash", signed.hash())
            .put("signature", signed.signature());
    }

    static Map<String, Object> press(String tokenId, String requestId, long counter) {
        Map<String, Object> body = new HashMap<>();
        body.put("tokenId", tokenId);
        body.put("requestId", requestId);
        body.put("sessionId", 7L);
        body.put("pressCounter", counter);
        body.put("forced", false);
        return body;
    }
}
