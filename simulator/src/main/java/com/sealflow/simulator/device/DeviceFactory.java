package com.sealflow.simulator.device;

import com.sealflow.agent.config.AgentConfig.GpioPins;
import com.sealflow.agent.gpio.GpioBoard;
import com.sealflow.agent.gpio.Pi4jGpioBoard;
import com.sealflow.protocol.serial.UnlockMac;
import com.sealflow.simulator.camera.PageRenderer;
import com.sealflow.simulator.camera.SimCamera;
import com.sealflow.simulator.mcu.McuSpec;
import com.sealflow.simulator.mcu.McuTcpServer;
import com.sealflow.simulator.mcu.SimulatedMcu;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/** Builds virtual devices: MCU, its line, camera and (for cabinets) the Pi4J mock GPIO board. */
public final class DeviceFactory {

    /** BCM pins of the cabinet's slot presence sensors, in slot order. */
    private static final List<Integer> SLOT_PINS = List.of(5, 6, 13, 19, 26, 16, 20, 21, 12, 7, 8, 25);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PageRenderer renderer = new PageRenderer();
    private final ScheduledExecutorService scheduler;
    private final Path ptyDir;

    /** @param ptyDir where pty links go, or null to connect agents over TCP */
    public DeviceFactory(ScheduledExecutorService scheduler, Path ptyDir) {
        this.scheduler = scheduler;
        this.ptyDir = ptyDir;
    }

    /** The GPIO pin map of a cabinet with {@code slots} slots (agent keys gpio.*). */
    public static GpioPins cabinetPins(int slots) {
        return new GpioPins(17, 27, 22, 23, SLOT_PINS.subList(0, Math.min(slots, SLOT_PINS.size())));
    }

    public static GpioPins sealDevicePins() {
        return new GpioPins(-1, -1, 22, 23, List.of());
    }

    /** A fresh random link key, base64 (agent key {@code link.key}). */
    public static String newLinkKey() {
        byte[] key = new byte[UnlockMac.KEY_LENGTH];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public VirtualDevice create(DeviceConfig config, String linkKeyBase64) {
        McuSpec spec = new McuSpec(config.id(), config.kind(), config.slots(), "sim-1.0.0",
                Base64.getDecoder().decode(linkKeyBase64));
        SimulatedMcu mcu = new SimulatedMcu(spec, () -> System.nanoTime() / 1_000_000,
                com.sealflow.protocol.link.LinkConfig.DEFAULT, config.initialPressCounter());
        boolean pty = ptyDir != null && PtyBridge.available();
        McuTcpServer line = new McuTcpServer(mcu, 0, !pty);
        PtyBridge bridge = pty ? PtyBridge.open(ptyDir.resolve(config.id() + ".tty"), line.port()) : null;
        GpioBoard gpio = GpioBoard.none();
        if (spec.cabinet()) {
            Pi4jGpioBoard board = Pi4jGpioBoard.mock(cabinetPins(config.slots()));
            board.simulateDoor(false);
            for (int slot = 1; slot <= board.slotCount(); slot++) {
                board.simulateSlot(slot, true);
            }
            gpio = board;
            mcu.sensorsOverSerial(false);
        }
        return new VirtualDevice(mcu, line, bridge, new SimCamera(renderer), gpio, scheduler);
    }
}
