package com.sealflow.server.device;

import java.util.List;

/**
 * What the request module asks for when a HANDLE node (STAMP, CHECKOUT, CHECKIN) is reached: one unlock per
 * seal on the device holding it. Mirrors the request module's {@code SealActionDue}; the adapter is a copy.
 */
public record UnlockRequest(String requestId, String requestNo, String action, List<SealUnlock> seals,
                            List<String> custodianUserIds, String handleTaskId) {

    /** One seal to release: on which device and slot, for how many presses (the approved copies). */
    public record SealUnlock(String sealId, String deviceId, Integer slot, int copies) {
    }

    public UnlockRequest {
        seals = List.copyOf(seals);
        custodianUserIds = List.copyOf(custodianUserIds);
    }
}
