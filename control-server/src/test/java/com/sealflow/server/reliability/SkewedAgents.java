package com.sealflow.server.reliability;

import com.sealflow.agent.EdgeAgent;
import com.sealflow.agent.clock.AgentClock;
import com.sealflow.agent.config.AgentConfig;
import com.sealflow.agent.device.Transports;
import com.sealflow.agent.identity.DeviceKeys;
import com.sealflow.agent.identity.Enrolment;
import com.sealflow.simulator.device.AgentHandle;
import com.sealflow.simulator.device.AgentLauncher;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.VirtualDevice;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Runs each virtual device's real {@link EdgeAgent} in this JVM on an enrolled data dir ({@code <dataDir>/<id>}) with
 * a wall clock the test sets: real time plus {@code skewMillis}, or, with {@code fixedStart}, a clock that starts at
 * that epoch millisecond and runs on from there (a device whose RTC lost its time). The monotonic clock is the real
 * one, as on the device.
 */
final class SkewedAgents implements AgentLauncher {

    private final Path dataDir;
    private final String mqttUrl;
    private final AgentClock clock;

    private SkewedAgents(Path dataDir, String mqttUrl, AgentClock clock) {
        this.dataDir = dataDir;
        this.mqttUrl = mqttUrl;
        this.clock = clock;
    }

    static SkewedAgents shiftedBy(Path dataDir, String mqttUrl, long skewMillis) {
        return new SkewedAgents(dataDir, mqttUrl, clock(() -> System.currentTimeMillis() + skewMillis));
    }

    static SkewedAgents startingAt(Path dataDir, String mqttUrl, long epochMillis) {
        long origin = System.nanoTime();
        return new SkewedAgents(dataDir, mqttUrl, clock(() -> epochMillis + (System.nanoTime() - origin) / 1_000_000L));
    }

    private static AgentClock clock(java.util.function.LongSupplier wall) {
        return new AgentClock() {
            @Override
            public long wallMillis() {
                return wall.getAsLong();
            }

            @Override
            public long monoNanos() {
                return System.nanoTime();
            }
        };
    }

    @Override
    public AgentHandle start(VirtualDevice device, DeviceConfig dc, String linkKeyBase64) throws IOException {
        Path dir = dataDir.resolve(dc.id());
        Properties p = new Properties();
        p.setProperty("data.dir", dir.toString());
        p.setProperty("device.kind", dc.kind().name());
        p.setProperty("camera", "synthetic");
        p.setProperty("gpio", "none");
        p.setProperty("health.interval-seconds", "3600");
        p.setProperty("transport", device.transportSpec());
        p.setProperty("mqtt.url", mqttUrl);
        EdgeAgent agent = EdgeAgent.builder(AgentConfig.fromProperties(p))
            .enrolment(Enrolment.load(dir))
            .deviceKeys(DeviceKeys.load(dir))
            .transport(Transports.of(device.transportSpec(), 115200))
            .camera(device.camera())
            .gpio(device.gpio())
            .linkKey(java.util.Base64.getDecoder().decode(linkKeyBase64))
            .clock(clock)
            .build()
            .start();
        return new AgentHandle() {
            @Override
            public String mqttState() {
                return agent.status().mqttConnected() ? "CONNECTED" : "CONNECTING";
            }

            @Override
            public JsonArray armedTokens() {
                return new JsonArray();
            }

            @Override
            public void network(boolean up) {
                throw new UnsupportedOperationException("no network to disturb");
            }

            @Override
            public boolean networkUp() {
                return true;
            }

            @Override
            public void close() {
                agent.close();
            }
        };
    }
}
