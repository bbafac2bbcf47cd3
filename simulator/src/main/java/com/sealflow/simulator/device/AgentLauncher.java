package com.sealflow.simulator.device;

/** Starts the edge agent of a virtual device, wired to its MCU line, camera and GPIO. */
@FunctionalInterface
public interface AgentLauncher {

    /** @param linkKeyBase64 the key the MCU checks UNLOCK MACs with; the agent signs with it */
    AgentHandle start(VirtualDevice device, DeviceConfig config, String linkKeyBase64) throws Exception;

    /** No agents: the MCU lines wait for whoever connects (tests, an external agent). */
    static AgentLauncher none() {
        return (device, config, key) -> AgentHandle.none();
    }
}
