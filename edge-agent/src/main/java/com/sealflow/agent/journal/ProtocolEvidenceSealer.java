package com.sealflow.agent.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sealflow.protocol.evidence.DeviceEvent;
import com.sealflow.protocol.evidence.EvidenceCodec;
import com.sealflow.protocol.evidence.SignedDeviceEvent;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seals events in the protocol's evidence format ({@link EvidenceCodec}: deterministic CBOR, SHA-256 hash chain,
 * Ed25519 by the device key) and renders the docs/device-contract.md envelope. A press's photo hash is in the signed
 * body ({@code photoSha256}) and repeated at the envelope's top level as the contract lists it.
 */
public final class ProtocolEvidenceSealer implements EvidenceSealer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrivateKey deviceKey;

    public ProtocolEvidenceSealer(PrivateKey deviceKey) {
        this.deviceKey = deviceKey;
    }

    @Override
    public Sealed seal(String deviceId, long seq, String eventId, EventDraft draft, String prevHash) {
        Map<String, Object> body = new LinkedHashMap<>(draft.body());
        String photoSha = draft.photo() == null ? null : draft.photo().sha256();
        if ("PRESS".equals(draft.type())) {
            body.put("photoSha256", photoSha);
        }
        DeviceEvent event = new DeviceEvent(eventId, deviceId, seq, draft.type(), draft.at(), draft.monotonicMs(), body, prevHash);
        SignedDeviceEvent signed = EvidenceCodec.sign(event, deviceKey);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("eventId", eventId);
        env.put("deviceId", deviceId);
        env.put("seq", seq);
        env.put("type", draft.type());
        env.put("at", draft.at());
        env.put("monotonicMs", draft.monotonicMs());
        env.put("body", event.body());
        env.put("photoSha256", photoSha);
        env.put("prevHash", prevHash);
        env.put("hash", signed.hash());
        env.put("signature", signed.signature());
        try {
            return new Sealed(JSON.writeValueAsString(env), signed.hash());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
