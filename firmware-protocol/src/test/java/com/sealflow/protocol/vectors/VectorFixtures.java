package com.sealflow.protocol.vectors;

import com.sealflow.protocol.evidence.DeviceEvent;
import com.sealflow.protocol.evidence.DeviceEventType;
import com.sealflow.protocol.evidence.EvidenceCodec;
import com.sealflow.protocol.evidence.PressEvidence;
import com.sealflow.protocol.token.UnlockToken;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The fixed inputs behind token.txt and evidence.txt, shared by the generator and the tests. */
public final class VectorFixtures {

    public static final String DEVICE_ID = "SF-DEV-0001";
    public static final String PHOTO_SHA256 = EvidenceCodec.sha256Hex("test photo".getBytes(StandardCharsets.US_ASCII));

    private VectorFixtures() {
    }

    public static UnlockToken token() {
        return new UnlockToken("6f1c2a3e-1d2b-4c5d-9e8f-0a1b2c3d4e5f", DEVICE_ID, "SEAL-CONTRACT-01", null, "REQ-2026-000123",
                "u-custodian-7", 3, 1_764_100_000_000L, 1_764_100_600_000L, 42);
    }

    public static DeviceEvent press() {
        PressEvidence press = new PressEvidence("6f1c2a3e-1d2b-4c5d-9e8f-0a1b2c3d4e5f", "REQ-2026-000123", 7, 1235, PHOTO_SHA256);
        return new DeviceEvent("0b8f5a52-7c1e-4d0a-9a55-3c1f2e4d5a6b", DEVICE_ID, 1, DeviceEventType.PRESS.name(),
                1_764_100_123_456L, 987_654, press.toBody(), DeviceEvent.GENESIS);
    }

    public static DeviceEvent sessionEnd(String prevHash) {
        return new DeviceEvent("1c9e6b63-8d2f-4e1b-8b66-4d2a3f5e6b7c", DEVICE_ID, 2, DeviceEventType.SESSION_END.name(),
                1_764_100_130_000L, 994_198, Map.of("tokenId", "6f1c2a3e-1d2b-4c5d-9e8f-0a1b2c3d4e5f", "sessionId", 7L,
                        "reason", "ENDED_AT_DEVICE", "pressesUsed", 1L), prevHash);
    }
}
