package com.sealflow.simulator;

import com.sealflow.simulator.device.AgentHandle;
import com.sealflow.simulator.device.AgentLauncher;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.VirtualDevice;

/** Runs a real {@code EdgeAgent} per virtual device. Waits for the agent's embeddable API. */
final class EmbeddedAgents implements AgentLauncher {

    private final SimulatorConfig config;

    EmbeddedAgents(SimulatorConfig config) {
        this.config = config;
    }

    @Override
    public AgentHandle start(VirtualDevice device, DeviceConfig deviceConfig, String linkKeyBase64) {
        return AgentHandle.none();
    }

    SimulatorConfig config() {
        return config;
    }
}
