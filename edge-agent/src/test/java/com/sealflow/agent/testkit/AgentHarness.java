package com.sealflow.agent.testkit;

import com.sealflow.agent.EdgeAgent;
import com.sealflow.agent.camera.SyntheticCamera;
import com.sealflow.agent.config.AgentConfig;
import com.sealflow.agent.device.DeviceTransport;
import com.sealflow.agent.device.SerialPortTransport;
import com.sealflow.agent.device.TcpTransport;
import com.sealflow.agent.gpio.Pi4jGpioBoard;
import com.sealflow.agent.identity.DeviceKeys;
import com.sealflow.agent.identity.Enrolment;
import com.sealflow.agent.session.CustodianAuth;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/** One agent wired to a fake MCU (pty or TCP), the test broker, the fake server, mock GPIO and a synthetic camera. */
public final class AgentHarness implements AutoCloseable {

    public static final String CUSTODIAN = "u-custodian";
    public static final String PIN = "1234";
    private static final String PIN_HASH = CustodianAuth.hash(PIN);

    public static String pinHash() {
        return PIN_HASH;
    }

    /** Which wire the agent and the fake MCU share. */
    public enum Wire { PTY, TCP }

    public final String deviceId;
    public final DeviceKeys keys = DeviceKeys.generate();
    public final byte[] linkKey = new byte[32];
    public final FakeClock clock = new FakeClock();
    public final AtomicLong freeBytes = new AtomicLong(Long.MAX_VALUE / 2);
    public final Pi4jGpioBoard gpio;
    public final EdgeAgent agent;
    public final FakeMcu mcu;
    private final PtyPair pty;

    public AgentHarness(Path dir, String deviceId, Wire wire, String mqttUrl, String httpBase, TokenFactory tokens,
                        Properties extra) throws Exception {
        this.deviceId = deviceId;
        new SecureRandom().nextBytes(linkKey);
        Properties p = new Properties();
        p.setProperty("data.dir", dir.resolve("data").toString());
        p.setProperty("replay.rate-per-second", "200");
        p.setProperty("custodian." + CUSTODIAN + ".pin", PIN_HASH);
        p.setProperty("gpio.slot-pins", "5,6");
        p.putAll(extra);
        AgentConfig config = AgentConfig.fromProperties(p);
        Enrolment enrolment = new Enrolment(deviceId, "SN-" + deviceId, "SEAL_DEVICE",
                new Enrolment.Mqtt(mqttUrl, deviceId, deviceId, "pw"), new Enrolment.Http(httpBase, "device-secret"),
                List.of(tokens.tokenKey()), List.of(new Enrolment.Seal("seal-1", null)), System.currentTimeMillis());
        DeviceTransport agentSide;
        DeviceTransport mcuSide;
        if (wire == Wire.PTY) {
            pty = PtyPair.open(dir);
            agentSide = new SerialPortTransport(pty.agentSide(), 115200);
            mcuSide = new SerialPortTransport(pty.mcuSide(), 115200);
        } else {
            pty = null;
            AcceptedSocketTransport server = new AcceptedSocketTransport();
            agentSide = new TcpTransport("127.0.0.1", server.port());
            mcuSide = server;
        }
        this.gpio = Pi4jGpioBoard.mock(config.pins());
        this.mcu = new FakeMcu(mcuSide, deviceId, linkKey);
        this.agent = EdgeAgent.builder(config).enrolment(enrolment).deviceKeys(keys).transport(agentSide)
                .camera(new SyntheticCamera(320, 240)).gpio(gpio).clock(clock).storeSpace(freeBytes::get).linkKey(linkKey).build();
        if (wire == Wire.PTY) {
            mcu.start();
            agent.start();
        } else {
            agent.start();
            mcu.start();
        }
    }

    public AgentHarness awaitReady() {
        Await.until(() -> agent.status().mcuUp() && agent.status().mqttConnected(), Duration.ofSeconds(30),
                "agent " + deviceId + " linked to MCU and broker");
        return this;
    }

    @Override
    public void close() throws Exception {
        agent.close();
        mcu.close();
        gpio.close();
        if (pty != null) {
            pty.close();
        }
    }
}
