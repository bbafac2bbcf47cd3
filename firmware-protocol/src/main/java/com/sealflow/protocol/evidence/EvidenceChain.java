package com.sealflow.protocol.evidence;

import java.security.PublicKey;
import java.util.List;

/** Checks a device's events as one hash chain signed by one device key. */
public final class EvidenceChain {

    private EvidenceChain() {
    }

    /**
     * Where a chain segment starts: the hash and seq of the event before it, as the verifier
     * already trusts them. {@link #GENESIS} checks a chain from the device's first event.
     */
    public record Anchor(String prevHash, long prevSeq) {
        public static final Anchor GENESIS = new Anchor(DeviceEvent.GENESIS, 0);
    }

    /** Verifies a whole chain from the device's first event. */
    public static ChainVerification verify(List<SignedDeviceEvent> events, String deviceId, PublicKey deviceKey) {
        return verify(events, deviceId, deviceKey, Anchor.GENESIS);
    }

    /** Verifies events in order after {@code anchor}; stops at the first bad one. */
    public static ChainVerification verify(List<SignedDeviceEvent> events, String deviceId, PublicKey deviceKey, Anchor anchor) {
        String prevHash = anchor.prevHash();
        long prevSeq = anchor.prevSeq();
        for (int i = 0; i < events.size(); i++) {
            SignedDeviceEvent signed = events.get(i);
            ChainVerification.Problem problem = check(signed, deviceId, deviceKey, prevHash, prevSeq);
            if (problem != null) {
                return new ChainVerification(i + 1, i, signed.event().seq(), problem);
            }
            prevHash = signed.hash();
            prevSeq = signed.event().seq();
        }
        return ChainVerification.intact(events.size());
    }

    /** The check for one event that arrives after an already verified one (server ingest). */
    public static ChainVerification.Problem check(SignedDeviceEvent signed, String deviceId, PublicKey deviceKey,
                                                  String prevHash, long prevSeq) {
        DeviceEvent event = signed.event();
        if (!event.deviceId().equals(deviceId)) {
            return ChainVerification.Problem.WRONG_DEVICE;
        }
        if (!EvidenceCodec.hash(event).equals(signed.hash())) {
            return ChainVerification.Problem.HASH_MISMATCH;
        }
        if (!EvidenceCodec.signatureValid(signed, deviceKey)) {
            return ChainVerification.Problem.BAD_SIGNATURE;
        }
        if (!event.prevHash().equals(prevHash)) {
            return ChainVerification.Problem.BROKEN_LINK;
        }
        if (event.seq() != prevSeq + 1) {
            return ChainVerification.Problem.SEQ_GAP;
        }
        return null;
    }
}
