package com.sealflow.simulator;

import com.sealflow.simulator.device.DeviceConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run a simulator.
 *
 * @param host      where the control API and panels listen (loopback by default)
 * @param httpPort  control API and panels ({@code SEALFLOW_SIM_PORT}, default 8081; 0 = any free port)
 * @param serverUrl the control server the agents enrol with and upload to, e.g. {@code http://127.0.0.1:8080}
 * @param dataDir   agent data (keys, journal, photos) under {@code dataDir/<deviceId>}
 * @param pty       connect agents through a socat pty when socat is installed (else TCP)
 * @param agents    run an embedded edge agent per device; false leaves the MCU lines to external agents
 */
public record SimulatorConfig(String host, int httpPort, String serverUrl, Path dataDir, boolean pty, boolean agents,
                              List<DeviceConfig> devices) {

    public static final int DEFAULT_PORT = 8081;
    /** The demo custodian PIN (DESIGN §7). */
    public static final String DEMO_PIN = "1234";

    public SimulatorConfig {
        host = host == null ? "127.0.0.1" : host;
        Objects.requireNonNull(dataDir, "dataDir");
        devices = List.copyOf(devices);
    }

    /** The port from {@code SEALFLOW_SIM_PORT}, else 8081. */
    public static int portFromEnvironment() {
        String value = System.getenv("SEALFLOW_SIM_PORT");
        return value == null || value.isBlank() ? DEFAULT_PORT : Integer.parseInt(value.trim());
    }

    /**
     * The demo company's devices (DESIGN §7): cabinet CAB-01 with three slots, smart seal devices
     * SD-01 and SD-02, custodians wushi (cabinet) and zhengyi (devices) with PIN 1234.
     *
     * @param enrolmentCodes device id to one-time enrolment code, as the control server issued them
     * @param custodianIds   custodian username to the user id the server puts in tokens; when absent the
     *                       device accepts the demo PIN for any custodian
     */
    public static SimulatorConfig demo(String serverUrl, Map<String, String> enrolmentCodes, Map<String, String> custodianIds,
                                       Path dataDir, int httpPort) {
        List<DeviceConfig> devices = List.of(
                DeviceConfig.cabinet("CAB-01", 3).withEnrolmentCode(enrolmentCodes.get("CAB-01"))
                        .withCustodianPins(pin(custodianIds, "wushi")),
                DeviceConfig.sealDevice("SD-01").withEnrolmentCode(enrolmentCodes.get("SD-01"))
                        .withCustodianPins(pin(custodianIds, "zhengyi")),
                DeviceConfig.sealDevice("SD-02").withEnrolmentCode(enrolmentCodes.get("SD-02"))
                        .withCustodianPins(pin(custodianIds, "zhengyi")));
        return new SimulatorConfig("127.0.0.1", httpPort, serverUrl, dataDir, true, true, devices);
    }

    /** The demo PIN for the custodian's user id when known, else for any custodian ({@code *}, demo only). */
    private static Map<String, String> pin(Map<String, String> custodianIds, String username) {
        String id = custodianIds.get(username);
        return Map.of(id != null ? id : "*", DEMO_PIN);
    }

    public SimulatorConfig withDevices(List<DeviceConfig> list) {
        return new SimulatorConfig(host, httpPort, serverUrl, dataDir, pty, agents, list);
    }

    public SimulatorConfig withoutAgents() {
        return new SimulatorConfig(host, httpPort, serverUrl, dataDir, pty, false, devices);
    }
}
