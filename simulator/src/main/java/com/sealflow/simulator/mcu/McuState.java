package com.sealflow.simulator.mcu;

import com.sealflow.protocol.serial.LockState;
import java.util.List;

/**
 * A consistent snapshot of a simulated MCU for the panel, the control API and scenario checks.
 *
 * @param session   the running session, or null
 * @param lastAuth  outcome of the last keypad entry: NONE, SENT, ACCEPTED, REFUSED:&lt;code&gt;
 * @param pending   reliable frames waiting for the agent's ACK, including the one in flight
 */
public record McuState(String deviceId, String kind, boolean powered, boolean connected, LockState lockState,
                       Session session, long pressCounter, long lastUnlockCounter, boolean doorOpen, boolean lockRelayOpen,
                       List<Boolean> slots, boolean tamperLatched, String lastAuth, int pending, long forcedPresses,
                       List<String> log) {

    /** A running stamping (or cabinet access) session. */
    public record Session(long id, int slot, int allowed, int used, int secondsLeft) {
        public int remaining() {
            return allowed - used;
        }
    }

    public int remainingPresses() {
        return session == null ? 0 : session.remaining();
    }
}
