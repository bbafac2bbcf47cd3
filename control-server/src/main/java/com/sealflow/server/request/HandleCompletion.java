package com.sealflow.server.request;

/**
 * The end of a handle task, reported by the device module (session ended, seal left or returned to its slot)
 * or by a custodian by hand (device broken, stamped manually), who must then give a reason.
 *
 * @param taskId the task id from {@link SealActionDue#taskId()}
 * @param pressesUsed presses counted by the device (STAMP), {@code null} for cabinet actions
 * @param actorId the device id ({@link By#DEVICE}) or the custodian's user id ({@link By#CUSTODIAN})
 */
public record HandleCompletion(String taskId, Integer pressesUsed, By by, String actorId, String reason) {

    /** Who reports. */
    public enum By { DEVICE, CUSTODIAN }
}
