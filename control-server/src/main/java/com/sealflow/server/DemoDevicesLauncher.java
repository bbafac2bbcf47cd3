package com.sealflow.server;

import com.sealflow.server.device.Device;
import com.sealflow.server.device.DeviceModule;
import com.sealflow.server.device.DeviceStatus;
import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode only: starts the simulated devices of the demo company (DESIGN §7) in this process. Each is a
 * simulated MCU plus a real edge agent that enrols over HTTP with a one-time code, exactly like hardware
 * would; on a restart the agents reuse the enrolment kept under the data directory.
 */
final class DemoDevicesLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(DemoDevicesLauncher.class);
    private static final List<String> DEMO_DEVICES = List.of("CAB-01", "SD-01", "SD-02");

    private DemoDevicesLauncher() {
    }

    static Simulator start(Platform platform, DeviceModule devices, String serverUrl) throws Exception {
        Map<String, String> codes = new HashMap<>();
        for (String id : DEMO_DEVICES) {
            Device device = devices.registry().get(id).await(10, TimeUnit.SECONDS);
            if (device.status() == DeviceStatus.PENDING_ENROLMENT) {
                codes.put(id, devices.registry().issueEnrolmentCode(id, "demo").await(10, TimeUnit.SECONDS).code());
            }
        }
        Map<String, String> custodians = new HashMap<>();
        for (String username : List.of("wushi", "zhengyi")) {
            platform.directory().userByUsername(platform.db().pool(), username).await(10, TimeUnit.SECONDS)
                .ifPresent(u -> custodians.put(username, u.id()));
        }
        SimulatorConfig config = SimulatorConfig.demo(serverUrl, codes, custodians,
            platform.config().dataDir().resolve("simulator"), platform.config().simPort());
        Simulator simulator = Simulator.start(config);
        LOG.info("demo devices running; panels at {}", simulator.baseUrl() + "/sim/");
        return simulator;
    }
}
