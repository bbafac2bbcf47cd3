package com.sealflow.simulator.mcu;

/** An action the device cannot do in its current state (a press on a cabinet, a door action without power). */
public final class McuRefusedException extends RuntimeException {

    public McuRefusedException(String message) {
        super(message);
    }
}
