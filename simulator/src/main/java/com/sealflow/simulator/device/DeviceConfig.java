package com.sealflow.simulator.device;

import com.sealflow.simulator.mcu.McuSpec;
import java.util.Map;
import java.util.Objects;

/**
 * One virtual device to run.
 *
 * @param enrolmentCode   one-time code to enrol the agent with the control server; null to reuse an earlier
 *                        enrolment in the data dir, or to run the MCU without an agent
 * @param custodianPins   custodian id to PIN, handed to the agent (the PIN pad is checked by the agent, not the MCU);
 *                        id {@code *} = any custodian (demo only)
 * @param custodianBadges custodian id to badge id (hex), like the PINs
 * @param agentProperties extra agent settings (AgentConfig keys), e.g. {@code session.time-limit-seconds}
 */
public record DeviceConfig(String id, McuSpec.Kind kind, int slots, String enrolmentCode, Map<String, String> custodianPins,
                           Map<String, String> custodianBadges, Map<String, String> agentProperties, long initialPressCounter) {

    /** Agent property read by the simulator only: the agent's wall clock runs this many ms ahead (negative: behind). */
    public static final String AGENT_CLOCK_OFFSET = "sim.clock-offset-ms";

    public DeviceConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        custodianPins = custodianPins == null ? Map.of() : Map.copyOf(custodianPins);
        custodianBadges = custodianBadges == null ? Map.of() : Map.copyOf(custodianBadges);
        agentProperties = agentProperties == null ? Map.of() : Map.copyOf(agentProperties);
    }

    public static DeviceConfig sealDevice(String id) {
        return new DeviceConfig(id, McuSpec.Kind.SEAL_DEVICE, 0, null, Map.of(), Map.of(), Map.of(), 0);
    }

    public static DeviceConfig cabinet(String id, int slots) {
        return new DeviceConfig(id, McuSpec.Kind.CABINET, slots, null, Map.of(), Map.of(), Map.of(), 0);
    }

    public DeviceConfig withEnrolmentCode(String code) {
        return new DeviceConfig(id, kind, slots, code, custodianPins, custodianBadges, agentProperties, initialPressCounter);
    }

    public DeviceConfig withCustodianPins(Map<String, String> pins) {
        return new DeviceConfig(id, kind, slots, enrolmentCode, pins, custodianBadges, agentProperties, initialPressCounter);
    }

    public DeviceConfig withCustodianBadges(Map<String, String> badges) {
        return new DeviceConfig(id, kind, slots, enrolmentCode, custodianPins, badges, agentProperties, initialPressCounter);
    }

    public DeviceConfig withAgentProperties(Map<String, String> properties) {
        return new DeviceConfig(id, kind, slots, enrolmentCode, custodianPins, custodianBadges, properties, initialPressCounter);
    }
}
