package com.sealflow.simulator;

import com.sealflow.agent.EdgeAgent;
import com.sealflow.agent.clock.AgentClock;
import com.sealflow.agent.config.AgentConfig;
import com.sealflow.agent.device.Transports;
import com.sealflow.agent.identity.DeviceKeys;
import com.sealflow.agent.identity.Enroller;
import com.sealflow.agent.identity.Enrolment;
import com.sealflow.agent.session.CustodianAuth;
import com.sealflow.simulator.chaos.NetworkProxy;
import com.sealflow.simulator.device.AgentHandle;
import com.sealflow.simulator.device.AgentLauncher;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.VirtualDevice;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Runs a real {@link EdgeAgent} per virtual device: enrolled with the control server by its
 * one-time code (or reusing an earlier enrolment in its data dir), wired to the device's MCU
 * line, camera and GPIO, and reaching broker and server through a {@link NetworkProxy} so the
 * panel's network switch can cut it off.
 */
final class EmbeddedAgents implements AgentLauncher {

    private final SimulatorConfig config;
    private final HttpClient http = HttpClient.newHttpClient();

    EmbeddedAgents(SimulatorConfig config) {
        this.config = config;
    }

    @Override
    public AgentHandle start(VirtualDevice device, DeviceConfig dc, String linkKeyBase64) throws IOException, InterruptedException {
        Path dir = config.dataDir().resolve(dc.id()).resolve("agent");
        Enrolment enrolment = enrol(dc, dir);
        URI mqtt = URI.create(dc.agentProperties().getOrDefault("mqtt.url", enrolment.mqtt().url()));
        String httpBase = dc.agentProperties().getOrDefault("http.base-url",
                enrolment.http() != null && enrolment.http().baseUrl() != null ? enrolment.http().baseUrl() : config.serverUrl());
        URI httpUri = URI.create(httpBase);
        NetworkProxy mqttNet = new NetworkProxy(mqtt.getHost(), mqtt.getPort() > 0 ? mqtt.getPort() : 1883);
        NetworkProxy httpNet = new NetworkProxy(httpUri.getHost(), httpUri.getPort() > 0 ? httpUri.getPort() : 80);
        Properties p = new Properties();
        p.setProperty("data.dir", dir.toString());
        p.setProperty("device.kind", dc.kind().name());
        p.setProperty("camera", "synthetic");
        p.setProperty("gpio", "none");
        p.setProperty("agent.firmware", "1.0.0-sim");
        p.setProperty("health.interval-seconds", "60");
        dc.agentProperties().forEach(p::setProperty);
        // a device whose wall clock is wrong (simulator only; the agent itself has no such setting)
        long clockOffset = Long.parseLong((String) p.getOrDefault(DeviceConfig.AGENT_CLOCK_OFFSET, "0"));
        p.remove(DeviceConfig.AGENT_CLOCK_OFFSET);
        p.setProperty("transport", device.transportSpec());
        p.setProperty("mqtt.url", "tcp://127.0.0.1:" + mqttNet.port());
        p.setProperty("http.base-url", "http://127.0.0.1:" + httpNet.port() + (httpUri.getPath() == null ? "" : httpUri.getPath()));
        p.remove("link.key");
        Map<String, String> pins = dc.custodianPins();
        pins.forEach((custodian, pin) -> p.setProperty("custodian." + custodian + ".pin", CustodianAuth.hash(pin)));
        dc.custodianBadges().forEach((custodian, badge) -> p.setProperty("custodian." + custodian + ".badge",
                CustodianAuth.hash(badge.toUpperCase(java.util.Locale.ROOT))));
        EdgeAgent agent = EdgeAgent.builder(AgentConfig.fromProperties(p))
                .enrolment(enrolment)
                .deviceKeys(DeviceKeys.load(dir))
                .transport(Transports.of(device.transportSpec(), 115200))
                .camera(device.camera())
                .gpio(device.gpio())
                .linkKey(java.util.Base64.getDecoder().decode(linkKeyBase64))
                .clock(clockOffset == 0 ? AgentClock.system() : offsetClock(clockOffset))
                .build()
                .start();
        return new EmbeddedAgent(agent, mqttNet, httpNet);
    }

    private static AgentClock offsetClock(long offsetMs) {
        return new AgentClock() {
            @Override
            public long wallMillis() {
                return System.currentTimeMillis() + offsetMs;
            }

            @Override
            public long monoNanos() {
                return System.nanoTime();
            }
        };
    }

    private Enrolment enrol(DeviceConfig dc, Path dir) throws IOException, InterruptedException {
        if (dc.enrolmentCode() != null) {
            if (config.serverUrl() == null) {
                throw new IllegalStateException("enrolling " + dc.id() + " needs the control server URL");
            }
            // A new code means a re-provisioned device: the old keys, journal and chain belong to another enrolment.
            wipe(dir);
            return new Enroller(http).enroll(config.serverUrl(), dc.enrolmentCode(), "1.0.0-sim", dir);
        }
        if (Enrolment.exists(dir)) {
            return Enrolment.load(dir);
        }
        throw new IllegalStateException(dc.id() + " has no enrolment code and no earlier enrolment in " + dir);
    }

    private static void wipe(Path dir) throws IOException {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }
}
