package com.sealflow.simulator.device;

import com.sealflow.agent.gpio.GpioBoard;
import com.sealflow.agent.gpio.Pi4jGpioBoard;
import com.sealflow.protocol.serial.AuthMethod;
import com.sealflow.protocol.serial.TamperKind;
import com.sealflow.simulator.camera.SimCamera;
import com.sealflow.simulator.mcu.McuSpec;
import com.sealflow.simulator.mcu.McuState;
import com.sealflow.simulator.mcu.McuTcpServer;
import com.sealflow.simulator.mcu.SimulatedMcu;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One virtual device: a simulated MCU on its own line (TCP, or a pty through socat), the camera
 * the agent photographs with, the mock GPIO board of a cabinet, and the edge agent driving them.
 * The person-at-the-device actions land here; this class keeps MCU and GPIO sensors in step.
 */
public final class VirtualDevice implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualDevice.class);

    private final SimulatedMcu mcu;
    private final McuTcpServer line;
    private final PtyBridge pty;
    private final SimCamera camera;
    private final GpioBoard gpio;
    private final ScheduledExecutorService scheduler;
    private final ScheduledFuture<?> ticker;
    private volatile AgentHandle agent = AgentHandle.none();
    private volatile boolean agentAttached;
    private volatile ScheduledFuture<?> powerRestore;

    public VirtualDevice(SimulatedMcu mcu, McuTcpServer line, PtyBridge pty, SimCamera camera, GpioBoard gpio,
                         ScheduledExecutorService scheduler) {
        this.mcu = mcu;
        this.line = line;
        this.pty = pty;
        this.camera = camera;
        this.gpio = gpio;
        this.scheduler = scheduler;
        this.ticker = scheduler.scheduleAtFixedRate(this::tick, 20, 20, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            mcu.tick();
        } catch (RuntimeException e) {
            // a bug in one device must not stop the ticker of all
            LOG.error("tick of {} failed", id(), e);
        }
    }

    public String id() {
        return mcu.spec().deviceId();
    }

    public McuSpec spec() {
        return mcu.spec();
    }

    public SimulatedMcu mcu() {
        return mcu;
    }

    public SimCamera camera() {
        return camera;
    }

    public GpioBoard gpio() {
        return gpio;
    }

    /** The agent's {@code transport} setting that reaches this MCU. */
    public String transportSpec() {
        return pty != null ? "serial:" + pty.agentPath() : line.transportSpec();
    }

    public void attachAgent(AgentHandle handle) {
        this.agent = handle;
        this.agentAttached = !"NONE".equals(handle.mqttState());
    }

    public AgentHandle agent() {
        return agent;
    }

    public void auth(AuthMethod method, String credential) {
        mcu.auth(method, credential);
    }

    public SimulatedMcu.PressOutcome press() {
        return mcu.press();
    }

    public void endSession() {
        mcu.endSession();
    }

    public void door(boolean open) {
        mcu.door(open);
        if (gpio instanceof Pi4jGpioBoard board) {
            board.simulateDoor(open);
        }
    }

    public void slot(int slot, boolean present) {
        mcu.slot(slot, present);
        if (gpio instanceof Pi4jGpioBoard board) {
            board.simulateSlot(slot, present);
        }
    }

    public void tamper(TamperKind kind) {
        mcu.tamper(kind);
    }

    /** Cuts power; {@code restoreAfterMillis} &gt; 0 brings it back by itself. */
    public void powerCut(long restoreAfterMillis) {
        cancelRestore();
        mcu.powerOff();
        if (restoreAfterMillis > 0) {
            powerRestore = scheduler.schedule(mcu::powerOn, restoreAfterMillis, TimeUnit.MILLISECONDS);
        }
    }

    public void powerRestore() {
        cancelRestore();
        mcu.powerOn();
    }

    private void cancelRestore() {
        ScheduledFuture<?> pending = powerRestore;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    public void network(boolean up) {
        agent.network(up);
    }

    /** The control API's and panel's view of the device. */
    public JsonObject view() {
        McuState s = mcu.state();
        JsonObject session = s.session() == null ? null : new JsonObject().put("id", s.session().id())
                .put("slot", s.session().slot()).put("allowed", s.session().allowed()).put("used", s.session().used())
                .put("remaining", s.session().remaining()).put("secondsLeft", s.session().secondsLeft());
        SimCamera.Photo photo = camera.last();
        AgentHandle a = agent;
        return new JsonObject()
                .put("id", s.deviceId())
                .put("kind", s.kind())
                .put("firmware", mcu.spec().firmware())
                .put("powered", s.powered())
                .put("lockState", s.lockState().name())
                .put("session", session)
                .put("remainingPresses", s.remainingPresses())
                .put("pressCounter", s.pressCounter())
                .put("forcedPresses", s.forcedPresses())
                .put("door", spec().cabinet() ? new JsonObject().put("open", s.doorOpen()).put("lockRelayOpen", relayOpen(s)) : null)
                .put("slots", spec().cabinet() ? slots(s) : null)
                .put("tamperLatched", s.tamperLatched())
                .put("lastAuth", s.lastAuth())
                .put("armedTokens", a.armedTokens())
                .put("link", new JsonObject().put("transport", transportSpec()).put("serialConnected", s.connected())
                        .put("pendingFrames", s.pending()).put("mqtt", a.mqttState()).put("networkUp", a.networkUp()))
                .put("agent", a.details())
                .put("camera", camera.mode().name())
                .put("paper", camera.paper().name())
                .put("lastPhoto", photo == null ? null : new JsonObject().put("url", "/sim/devices/" + id() + "/photo/last")
                        .put("pressCounter", photo.pressCounter()).put("takenAt", photo.takenAt()))
                .put("log", new JsonArray(s.log()));
    }

    /** The relay as the agent drives it on the GPIO board, else as the MCU's session implies. */
    private boolean relayOpen(McuState s) {
        return gpio instanceof Pi4jGpioBoard board && agentAttached ? board.relayUnlocked() : s.lockRelayOpen();
    }

    private static JsonArray slots(McuState s) {
        JsonArray slots = new JsonArray();
        for (int i = 0; i < s.slots().size(); i++) {
            slots.add(new JsonObject().put("slot", i + 1).put("present", s.slots().get(i)));
        }
        return slots;
    }

    @Override
    public void close() {
        ticker.cancel(false);
        cancelRestore();
        agent.close();
        if (pty != null) {
            pty.close();
        }
        line.close();
        gpio.close();
        camera.close();
    }
}
