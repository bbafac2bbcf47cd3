package com.sealflow.server.request;

import java.util.List;

/**
 * A HANDLE node with a device action was reached: the device module issues the unlock grant(s) for these
 * seals to these custodians, inside the same transaction as the approval that got here.
 *
 * @param taskId the engine's handle task; pass it back to {@link RequestService#completeHandle}
 * @param custodianIds users the token may name (custodians then backups of the seals), never empty
 * @param dueAt for CHECKIN: the expected return time (epoch ms); otherwise {@code null}
 */
public record SealActionDue(
    String requestId,
    String requestNo,
    HandleAction action,
    String taskId,
    List<SealItem> seals,
    List<String> custodianIds,
    Long dueAt) {

    public SealActionDue {
        seals = List.copyOf(seals);
        custodianIds = List.copyOf(custodianIds);
    }

    /**
     * One seal to unlock.
     *
     * @param copies presses allowed on this seal (the request's approved copies)
     * @param slot cabinet slot, or {@code null} on a smart seal device
     */
    public record SealItem(String sealId, String sealCode, String sealName, int copies, String deviceId, Integer slot) {
    }
}
