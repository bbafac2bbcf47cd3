package com.sealflow.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.sealflow.agent.camera.Camera;
import com.sealflow.agent.camera.Cameras;
import com.sealflow.agent.clock.AgentClock;
import com.sealflow.agent.config.AgentConfig;
import com.sealflow.agent.device.McuLink;
import com.sealflow.agent.device.Transports;
import com.sealflow.agent.gpio.GpioBoard;
import com.sealflow.agent.gpio.GpioBoards;
import com.sealflow.agent.health.AgentStatus;
import com.sealflow.agent.health.StatusFile;
import com.sealflow.agent.identity.DeviceKeys;
import com.sealflow.agent.identity.Enrolment;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.journal.PhotoStore;
import com.sealflow.agent.journal.ProtocolEvidenceSealer;
import com.sealflow.agent.journal.StoreSpace;
import com.sealflow.agent.mqtt.CloudLink;
import com.sealflow.agent.mqtt.MqttLink;
import com.sealflow.agent.mqtt.MqttSettings;
import com.sealflow.agent.session.ClockSkew;
import com.sealflow.agent.session.CommandDispatcher;
import com.sealflow.agent.session.CommandResults;
import com.sealflow.agent.session.CustodianAuth;
import com.sealflow.agent.session.EvidenceRecorder;
import com.sealflow.agent.session.SessionController;
import com.sealflow.agent.session.SessionDeps;
import com.sealflow.agent.token.TokenGate;
import com.sealflow.agent.upload.EventPublisher;
import com.sealflow.agent.upload.PhotoUploader;
import com.sealflow.protocol.link.LinkConfig;
import com.sealflow.protocol.mqtt.Topics;
import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and owns the parts of one agent; {@link EdgeAgent} is its public face. */
final class AgentRuntime implements AutoCloseable {

    static final String AGENT_VERSION = "0.1.0";
    private static final Logger LOG = LoggerFactory.getLogger(AgentRuntime.class);

    private final AgentConfig config;
    private final AgentClock clock;
    private final String deviceId;
    private final TrustedKeys trustedKeys;
    private final StoreSpace space;
    private final Camera camera;
    private final GpioBoard gpio;
    private final Journal journal;
    private final McuLink mcu;
    private final CloudLink link;
    private final EventPublisher publisher;
    private final PhotoUploader uploader;
    private final CommandResults results;
    private final SessionController sessions;
    private final CommandDispatcher dispatcher;
    private final ClockSkew skew;
    private final ExecutorService commands;
    private final ScheduledExecutorService scheduler;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private volatile boolean closed;
    private int ticks;

    AgentRuntime(EdgeAgent.Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        try {
            Files.createDirectories(config.dataDir());
            Enrolment enrolment = b.enrolment != null ? b.enrolment : Enrolment.load(config.dataDir());
            DeviceKeys keys = b.keys != null ? b.keys : DeviceKeys.load(config.dataDir());
            this.deviceId = config.deviceId().orElse(enrolment.deviceId());
            this.trustedKeys = new TrustedKeys(config.dataDir(), enrolment, b.enrolment == null);
            this.space = b.storeSpace != null ? b.storeSpace : StoreSpace.of(config.dataDir());
            this.skew = new ClockSkew(config.clockSkewToleranceMs(), clock);
            this.camera = b.camera != null ? b.camera : own(Cameras.open(config.camera(), config.cameraFallback()));
            this.gpio = b.gpio != null ? b.gpio : own(GpioBoards.open(config.gpio(), config.pins()));
            this.journal = own(new Journal(config.dataDir(), deviceId, new ProtocolEvidenceSealer(keys.privateKey())));
            PhotoStore photos = new PhotoStore(config.dataDir());
            byte[] linkKey = b.linkKey != null ? b.linkKey : LinkKeys.load(config);
            this.mcu = new McuLink(b.transport != null ? b.transport : Transports.of(config.transport(), config.serialBaud()),
                    deviceId, config.firmware(), LinkConfig.DEFAULT);
            this.link = b.cloudLink != null ? b.cloudLink : new MqttLink(mqttSettings(enrolment), clock::wallMillis);
            this.publisher = new EventPublisher(journal, link, Topics.events(deviceId), clock, config.replayPerSecond(),
                    config.replayWindow());
            Enrolment.Http http = httpSettings(enrolment);
            this.uploader = new PhotoUploader(journal, b.http != null ? b.http : HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10)).build(), http.baseUrl(), http.token(), clock);
            this.results = new CommandResults(link, deviceId, clock, journal);
            EvidenceRecorder evidence = new EvidenceRecorder(journal, photos, camera, clock, skew, publisher::wake);
            TokenGate gate = new TokenGate(deviceId, trustedKeys::keys, journal.tokens(), clock, config.clockSkewToleranceMs(),
                    space, config.storeMinFreeBytes());
            this.sessions = new SessionController(new SessionDeps(deviceId, "CABINET".equals(config.deviceKind()), gate, journal,
                    new CustodianAuth(config.custodianPins(), config.custodianBadges()), evidence, results, mcu, gpio, clock, skew,
                    config.sessionTimeLimit(), linkKey));
            this.commands = Executors.newSingleThreadExecutor(daemon("agent-commands-" + deviceId));
            this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("agent-timer-" + deviceId));
            this.dispatcher = new CommandDispatcher(sessions, results, this::applyConfig, clock, commands, this::resend);
        } catch (IOException e) {
            closeOwned();
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            closeOwned();
            throw new IllegalStateException("journal unavailable", e);
        }
    }

    /** The server's {@code resend}: its copies of these events were lost, the journal publishes them again. */
    private int resend(long fromSeq, long toSeq) throws SQLException {
        int queued = journal.markUnpublished(fromSeq, toSeq);
        publisher.wake();
        return queued;
    }

        private <T extends AutoCloseable> T own(T part) {
        owned.add(part);
        return part;
    }

    private MqttSettings mqttSettings(Enrolment e) {
        Enrolment.Mqtt m = e.mqtt() != null ? e.mqtt() : new Enrolment.Mqtt(null, deviceId, deviceId, null);
        return new MqttSettings(config.mqttUrl().orElse(m.url()), m.clientId() != null ? m.clientId() : deviceId,
                config.mqttUsername().orElse(m.username()), config.mqttPassword().orElse(m.password()), deviceId,
                config.firmware(), AGENT_VERSION);
    }

    private Enrolment.Http httpSettings(Enrolment e) {
        Enrolment.Http h = e.http() != null ? e.http() : new Enrolment.Http("http://127.0.0.1:8080", "");
        return new Enrolment.Http(config.httpBaseUrl().orElse(h.baseUrl()), config.httpToken().orElse(h.token()));
    }

    void start() {
        sessions.restore();
        gpio.listen(new GpioBoard.Listener() {
            @Override
            public void doorChanged(boolean open) {
                sessions.sensor("DOOR", Map.of("open", open));
            }

            @Override
            public void slotChanged(int slot, boolean present) {
                sessions.sensor("SLOT", Map.of("slot", slot, "present", present));
            }
        });
        mcu.start(new McuLink.Listener() {
            @Override
            public ErrorCode onMessage(Message message) {
                return sessions.onMessage(message);
            }

            @Override
            public void linkUp(Message.Hello device) {
                LOG.info("device {} link up (press counter {})", device.deviceId(), device.pressCounter());
            }

            @Override
            public void linkDown(String reason) {
                LOG.warn("device link down: {}", reason);
            }
        });
        publisher.start();
        uploader.start();
        link.start(new CloudLink.Listener() {
            @Override
            public void connected(boolean reconnect) {
                publisher.connected();
                results.flush();
                uploader.wake();
            }

            @Override
            public void disconnected(String reason) {
                LOG.warn("MQTT link down: {}", reason);
            }

            @Override
            public void command(String name, byte[] payload) {
                dispatcher.dispatch(name, payload);
            }
        });
        scheduler.scheduleWithFixedDelay(this::tickQuietly, 1, 1, TimeUnit.SECONDS);
        long health = Math.max(1, config.healthInterval().toSeconds());
        scheduler.scheduleWithFixedDelay(this::healthQuietly, health, health, TimeUnit.SECONDS);
        LOG.info("agent {} started: transport {}, camera {}", deviceId, mcu.describe(), camera.describe());
    }

    void tick() {
        sessions.tick();
        // a result whose publish failed while connected (the broker's in-flight window was full under load) waits in
        // the results queue; without this it would wait for the next reconnect, and a lost DONE leaves the request open
        results.retryUnsent();
        if (ticks++ % 10 == 0) {
            try {
                StatusFile.write(config.dataDir(), status());
            } catch (IOException e) {
                LOG.debug("status file: {}", e.toString());
            }
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("periodic work failed", e);
        }
    }

    private void healthQuietly() {
        try {
            reportHealth();
        } catch (RuntimeException e) {
            LOG.error("health report failed", e);
        }
    }

    void reportHealth() {
        AgentStatus s = status();
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("storeFreeBytes", s.storeFreeBytes());
        body.put("clockSkewMs", s.clockSkewMs());
        body.put("queueDepth", s.unpublishedEvents());
        body.put("journalFreeBytes", s.storeFreeBytes());
        body.put("pendingEvents", s.unpublishedEvents());
        body.put("photosPending", s.photosPending());
        body.put("linkUp", s.mcuUp());
        body.put("firmware", config.firmware());
        sessions.sensor("HEALTH", body);
    }

    private void applyConfig(JsonNode params) {
        trustedKeys.add(params);
    }

    AgentStatus status() {
        Journal.Depth d;
        try {
            d = journal.depth();
        } catch (SQLException e) {
            d = new Journal.Depth(-1, -1, -1, -1);
        }
        long free = space.freeBytes();
        SessionController.SessionView v = sessions.view();
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        errors.put("mqtt", link.lastError());
        errors.put("device", mcu.lastError());
        errors.put("publish", publisher.lastError());
        errors.put("upload", uploader.lastError());
        errors.values().removeIf(x -> x == null || x.isEmpty());
        return new AgentStatus(deviceId, clock.wallMillis(), link.isConnected(), mcu.isUp(), mcu.describe(), camera.describe(),
                v.armedTokens(), v.activeToken(), v.pressesUsed(), d.events(), d.unpublished(), d.photosPending(), d.lastSeq(),
                free, free < config.storeMinFreeBytes(), skew.estimateMs(), errors);
    }

    String deviceId() {
        return deviceId;
    }

    Journal journal() {
        return journal;
    }

    SessionController sessions() {
        return sessions;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        commands.shutdown();
        try {
            commands.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mcu.close();
        publisher.close();
        uploader.close();
        link.close();
        try {
            StatusFile.write(config.dataDir(), status());
        } catch (IOException | RuntimeException e) {
            LOG.debug("final status: {}", e.toString());
        }
        closeOwned();
        LOG.info("agent {} stopped", deviceId);
    }

    private void closeOwned() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                LOG.debug("closing {}: {}", owned.get(i), e.toString());
            }
        }
    }
}
