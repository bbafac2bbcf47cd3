package com.sealflow.protocol.mqtt;

import com.sealflow.protocol.evidence.DeviceEvent;
import com.sealflow.protocol.evidence.SignedDeviceEvent;
import java.util.Map;

/**
 * JSON payload on {@code evt} (QoS 1): a signed, chained device event flattened for JSON.
 * The server rebuilds the canonical bytes with {@link #toSignedEvent()} and checks them with
 * {@code EvidenceChain}; it never hashes the JSON text.
 */
public record DeviceEventEnvelope(String eventId, String deviceId, long seq, String type, long at, long monotonicMs,
                                  Map<String, Object> body, String signature, String hash, String prevHash) {

    public static DeviceEventEnvelope of(SignedDeviceEvent signed) {
        DeviceEvent e = signed.event();
        return new DeviceEventEnvelope(e.eventId(), e.deviceId(), e.seq(), e.type(), e.at(), e.monotonicMs(), e.body(),
                signed.signature(), signed.hash(), e.prevHash());
    }

    /**
     * Back to the signed form.
     *
     * @throws IllegalArgumentException when a field cannot be part of a device event (bad body value, bad prevHash)
     */
    public SignedDeviceEvent toSignedEvent() {
        return new SignedDeviceEvent(new DeviceEvent(eventId, deviceId, seq, type, at, monotonicMs, body, prevHash), hash, signature);
    }
}
