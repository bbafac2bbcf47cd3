package com.sealflow.protocol.evidence;

import java.util.Objects;

/**
 * A device event with its hash and the device's signature, as journaled and published.
 *
 * @param event     the signed content
 * @param hash      lower-case hex SHA-256 of {@link EvidenceCodec#canonical}; the next event's prevHash
 * @param signature base64url (no padding) Ed25519 signature by the device key over the canonical bytes
 */
public record SignedDeviceEvent(DeviceEvent event, String hash, String signature) {

    public SignedDeviceEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(signature, "signature");
    }
}
