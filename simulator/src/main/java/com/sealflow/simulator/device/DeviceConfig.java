package com.sealflow.simulator.device;

import com.sealflow.simulator.mcu.McuSpec;
import java.util.Map;
import java.util.Objects;

/**
 * One virtual device to run.
 *
 * @param enrolmentCode   one-time code to enrol the agent with the control server; null when {@code agentProperties}
 *                        already carry credentials, or to run the MCU without an agent
 * @param custodianPins   custodian id to PIN, handed to the agent (the PIN pad is checked by the agent, not the MCU)
 * @param agentProperties extra agent settings (AgentConfig keys), e.g. pre-provisioned mqtt.url/username/password
 */
public record DeviceConfig(String id, McuSpec.Kind kind, int slots, String enrolmentCode, Map<String, String> custodianPins,
                           Map<String, String> agentProperties, long initialPressCounter) {

    public DeviceConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        custodianPins = custodianPins == null ? Map.of() : Map.copyOf(custodianPins);
        agentProperties = agentProperties == null ? Map.of() : Map.copyOf(agentProperties);
    }

    public static DeviceConfig sealDevice(String id) {
        return new DeviceConfig(id, McuSpec.Kind.SEAL_DEVICE, 0, null, Map.of(), Map.of(), 0);
    }

    public static DeviceConfig cabinet(String id, int slots) {
        return new DeviceConfig(id, McuSpec.Kind.CABINET, slots, null, Map.of(), Map.of(), 0);
    }

    public DeviceConfig withEnrolmentCode(String code) {
        return new DeviceConfig(id, kind, slots, code, custodianPins, agentProperties, initialPressCounter);
    }

    public DeviceConfig withCustodianPins(Map<String, String> pins) {
        return new DeviceConfig(id, kind, slots, enrolmentCode, pins, agentProperties, initialPressCounter);
    }

    public DeviceConfig withAgentProperties(Map<String, String> properties) {
        return new DeviceConfig(id, kind, slots, enrolmentCode, custodianPins, properties, initialPressCounter);
    }
}
