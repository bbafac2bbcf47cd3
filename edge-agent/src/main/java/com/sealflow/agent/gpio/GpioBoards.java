package com.sealflow.agent.gpio;

import com.sealflow.agent.config.AgentConfig.GpioPins;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the configured board: {@code none}, {@code mock}, {@code pi4j}, or {@code auto} (pi4j on a Pi, else mock). */
public final class GpioBoards {

    private GpioBoards() {
    }

    public static GpioBoard open(String spec, GpioPins pins) {
        return switch (spec) {
            case "none" -> GpioBoard.none();
            case "mock" -> Pi4jGpioBoard.mock(pins);
            case "pi4j" -> Pi4jGpioBoard.real(pins);
            case "auto" -> onRaspberryPi() ? Pi4jGpioBoard.real(pins) : Pi4jGpioBoard.mock(pins);
            default -> throw new IllegalArgumentException("unknown gpio '" + spec + "' (none | mock | pi4j | auto)");
        };
    }

    static boolean onRaspberryPi() {
        try {
            Path model = Path.of("/proc/device-tree/model");
            return Files.exists(model) && Files.readString(model).contains("Raspberry Pi");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
