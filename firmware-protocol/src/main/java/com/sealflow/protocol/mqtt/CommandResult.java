package com.sealflow.protocol.mqtt;

/**
 * JSON payload on {@code cmd-res/{commandId}}: ACCEPTED when the agent took the command (an unlock
 * token verified and armed), REJECTED with a reason (a TokenRefusal or TokenDecision name, or
 * e.g. STORE_FULL), DONE when the command's work is complete (the session ended).
 *
 * @param commandId the command answered
 * @param deviceId  the answering device
 * @param state     the outcome
 * @param reason    why, for REJECTED; otherwise null or a short note
 * @param at        device wall clock, epoch ms
 */
public record CommandResult(String commandId, String deviceId, State state, String reason, long at) {

    public enum State {
        ACCEPTED,
        REJECTED,
        DONE
    }

    public static CommandResult accepted(String commandId, String deviceId, long at) {
        return new CommandResult(commandId, deviceId, State.ACCEPTED, null, at);
    }

    public static CommandResult rejected(String commandId, String deviceId, String reason, long at) {
        return new CommandResult(commandId, deviceId, State.REJECTED, reason, at);
    }

    public static CommandResult done(String commandId, String deviceId, long at) {
        return new CommandResult(commandId, deviceId, State.DONE, null, at);
    }
}
