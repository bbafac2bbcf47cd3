package com.sealflow.agent;

import com.sealflow.agent.camera.Camera;
import com.sealflow.agent.clock.AgentClock;
import com.sealflow.agent.config.AgentConfig;
import com.sealflow.agent.device.DeviceTransport;
import com.sealflow.agent.gpio.GpioBoard;
import com.sealflow.agent.health.AgentStatus;
import com.sealflow.agent.identity.DeviceKeys;
import com.sealflow.agent.identity.Enrolment;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.journal.StoreSpace;
import com.sealflow.agent.mqtt.CloudLink;
import com.sealflow.agent.session.SessionController;
import java.net.http.HttpClient;

/**
 * One edge agent, embeddable: the simulator runs many in one JVM, each with its own data dir, transport, camera,
 * GPIO board and clock. Build with {@link #builder}, {@link #start()}, {@link #close()} (graceful: LOCK is not
 * sent, the journal is closed after the publisher and uploader stop, status goes OFFLINE).
 */
public final class EdgeAgent implements AutoCloseable {

    private final AgentRuntime runtime;

    EdgeAgent(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    public static Builder builder(AgentConfig config) {
        return new Builder(config);
    }

    public EdgeAgent start() {
        runtime.start();
        return this;
    }

    public String deviceId() {
        return runtime.deviceId();
    }

    public AgentStatus status() {
        return runtime.status();
    }

    /** Runs the periodic work now (token lapses, session watchdog, status); the scheduler calls it every second. */
    public void tick() {
        runtime.tick();
    }

    /** Journals a HEALTH event now (also done every {@code health.interval-seconds}). */
    public void reportHealth() {
        runtime.reportHealth();
    }

    /** The journal, read-only use: tests and the simulator panel inspect evidence through it. */
    public Journal journal() {
        return runtime.journal();
    }

    /** Armed tokens, and the running session with presses used/allowed/remaining. */
    public SessionController.SessionView session() {
        return runtime.sessions().view();
    }

    /** The JPEG of the newest press, if any. */
    public java.util.Optional<java.nio.file.Path> lastPhoto() {
        try {
            return runtime.journal().lastPressWithPhoto().map(e -> java.nio.file.Path.of(e.photoPath()));
        } catch (java.sql.SQLException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() {
        runtime.close();
    }

    /** Everything is optional except the config; unset parts are built from the config (see README). */
    public static final class Builder {
        final AgentConfig config;
        Enrolment enrolment;
        DeviceKeys keys;
        DeviceTransport transport;
        Camera camera;
        GpioBoard gpio;
        AgentClock clock = AgentClock.system();
        StoreSpace storeSpace;
        HttpClient http;
        CloudLink cloudLink;
        byte[] linkKey;

        Builder(AgentConfig config) {
            this.config = config;
        }

        public Builder enrolment(Enrolment e) {
            this.enrolment = e;
            return this;
        }

        public Builder deviceKeys(DeviceKeys k) {
            this.keys = k;
            return this;
        }

        public Builder transport(DeviceTransport t) {
            this.transport = t;
            return this;
        }

        public Builder camera(Camera c) {
            this.camera = c;
            return this;
        }

        public Builder gpio(GpioBoard g) {
            this.gpio = g;
            return this;
        }

        public Builder clock(AgentClock c) {
            this.clock = c;
            return this;
        }

        public Builder storeSpace(StoreSpace s) {
            this.storeSpace = s;
            return this;
        }

        public Builder httpClient(HttpClient h) {
            this.http = h;
            return this;
        }

        /** Replace the Paho link (tests of the logic without a broker). */
        public Builder cloudLink(CloudLink l) {
            this.cloudLink = l;
            return this;
        }

        /** The 32-byte MCU link key (else {@code link.key} from config, else {@code <data>/keys/link.key}). */
        public Builder linkKey(byte[] k) {
            this.linkKey = k.clone();
            return this;
        }

        public EdgeAgent build() {
            return new EdgeAgent(new AgentRuntime(this));
        }
    }
}
