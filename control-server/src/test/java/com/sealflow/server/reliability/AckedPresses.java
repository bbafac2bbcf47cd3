package com.sealflow.server.reliability;

import com.sealflow.protocol.serial.Message;
import com.sealflow.simulator.device.VirtualDevice;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/** The press counters a virtual device's MCU saw acknowledged by its agent, collected as they arrive. */
final class AckedPresses {

    private AckedPresses() {
    }

    static Set<Long> of(VirtualDevice device) {
        Set<Long> acked = new ConcurrentSkipListSet<>();
        device.mcu().onAck((message, nanos) -> {
            if (message instanceof Message.Press p) {
                acked.add(p.pressCounter());
            }
        });
        return acked;
    }
}
