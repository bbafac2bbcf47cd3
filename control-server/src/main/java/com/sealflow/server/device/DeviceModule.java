package com.sealflow.server.device;

import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.db.Database;
import com.sealflow.server.demo.DemoSeeds;
import com.sealflow.server.device.broker.BrokerSessions;
import com.sealflow.server.device.broker.EmbeddedBroker;
import com.sealflow.server.device.broker.InternalCredential;
import com.sealflow.server.device.broker.MqttEndpoint;
import com.sealflow.server.device.broker.MqttLink;
import com.sealflow.server.flowapi.SealFlowModule;
import com.sealflow.server.seal.SealChanged;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the device module from the platform. In {@code SealFlowServer}:
 * <pre>
 * var p = platform;
 * BrokerAtLaunch broker = BrokerAtLaunch.begin(config);             // at launch: the embedded broker starts (unless
 *                                                                    // SEALFLOW_MQTT_URL) beside the rest of the start
 * DeviceModule devices = DeviceModule.create(p.vertx(), p.config(), p.clock(), p.db(), p.audit(), p.demoSeeds(), broker);
 * EvidenceModule evidence = EvidenceModule.create(p.vertx(), p.config(), p.clock(), p.db(), p.audit(), devices);
 * devices.wire(sealFlowModule);                                      // request listener, handle completion, seal bindings
 * sealFlowModule.queries().setEvidence(evidence.requestEvidence());
 * modules.add(devices.routes()); modules.add(evidence.routes());
 * devices.start();                                                   // MQTT link up, relay and timers running
 * ... on shutdown: devices.stop();                                   // link down, broker stopped (~4 s)
 * </pre>
 * Blocking: call {@link #create}, {@link #start} and {@link #stop} from main, never from an event loop.
 */
public final class DeviceModule {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceModule.class);
    private static final long TIMER_MS = 1000;

    private final Vertx vertx;
    private final EmbeddedBroker broker;
    private final MqttLink link;
    private final DeviceRegistry registry;
    private final DeviceCommands commands;
    private final OutboxRelay relay;
    private final DeviceRoutes routes;
    private final HandleCompletionSwitch completion;
    private volatile DeviceEventSink sink = DeviceEventSink.NONE;
    private long timer = -1;
    private volatile boolean linkReady;

    /** What the module is built from (the platform's services). */
    private record Services(Vertx vertx, ServerConfig config, Clock clock, Database db, AuditLog audit, DemoSeeds demoSeeds) {
    }

    private DeviceModule(Services p, EmbeddedBroker broker, MqttEndpoint endpoint, String devicesUrl) {
        this.vertx = p.vertx();
        this.broker = broker;
        ServerConfig c = p.config();
        SigningKeys keys = SigningKeys.load(c.dataDir());
        DeviceSettings settings = DeviceSettings.defaults(devicesUrl, c.publicUrl());
        String nodeId = "sealflow-server-" + UUID.randomUUID().toString().substring(0, 8);
        this.link = new MqttLink(endpoint.url(), nodeId, endpoint.username(), endpoint.password());
        this.relay = new OutboxRelay(p.db(), p.clock(), nodeId, (topic, payload) -> link.publish(topic, payload, 1, false));
        this.completion = new HandleCompletionSwitch();
        this.commands = new DeviceCommands(p.db(), p.clock(), settings, keys, completion, relay);
        BrokerSessions sessions = broker == null ? BrokerSessions.NONE : broker;
        this.registry = new DeviceRegistry(p.db(), p.clock(), settings, keys, sessions,
            (tx, id) -> commands.revokeDevice(tx, id).mapEmpty());
        registry.setAudit((tx, actor, action, id, details) -> p.audit().append(tx, actor, action, "device", id, details));
        new DeviceInbound(registry, commands, relay, () -> sink).subscribe(link, broker == null);
        p.demoSeeds().register(new DemoDevices(registry));
        this.routes = new DeviceRoutes(registry, commands);
    }

    public static DeviceModule create(Vertx vertx, ServerConfig config, Clock clock, Database db, AuditLog audit,
                                      DemoSeeds demoSeeds) {
        return create(vertx, config, clock, db, audit, demoSeeds, BrokerAtLaunch.begin(config));
    }

    /** With the broker begun at the server's launch (none when {@code SEALFLOW_MQTT_URL} names an external one). */
    public static DeviceModule create(Vertx vertx, ServerConfig config, Clock clock, Database db, AuditLog audit,
                                      DemoSeeds demoSeeds, BrokerAtLaunch atLaunch) {
        Services p = new Services(vertx, config, clock, db, audit, demoSeeds);
        ServerConfig c = config;
        EmbeddedBroker broker = atLaunch.broker();
        if (broker == null) {
            MqttEndpoint endpoint = MqttEndpoint.parse(c.mqttUrl());
            String devicesUrl = Optional.ofNullable(c.mqttPublicUrl()).filter(v -> !v.isBlank()).orElse(endpoint.url());
            LOG.info("devices: external MQTT broker {}", endpoint);
            return new DeviceModule(p, null, endpoint, devicesUrl);
        }
        InternalCredential internal = broker.internalCredential();
        String devicesUrl = devicesUrl(c);
        DeviceModule module = new DeviceModule(p, broker, new MqttEndpoint(broker.url(), internal.username(), internal.password()),
            devicesUrl);
        atLaunch.takenBy(module);
        LOG.info("devices: embedded MQTT broker on {}:{} (devices use {}; persistence {})", c.mqttHost(), c.mqttPort(), devicesUrl,
            c.mqttDiskPersistence() ? "file" : "in-memory");
        return module;
    }

    boolean linkReady() {
        return linkReady;
    }

    /** The broker URL devices are told at enrolment with the embedded broker. */
    static String devicesUrl(ServerConfig c) {
        String publicHost = Optional.ofNullable(URI.create(c.publicUrl()).getHost()).orElse("localhost");
        return Optional.ofNullable(c.mqttPublicUrl()).filter(v -> !v.isBlank()).orElse("tcp://" + publicHost + ":" + c.mqttPort());
    }

    /** Hooks into the seal and request modules. */
    public void wire(SealFlowModule m) {
        m.requests().setSealActionListener(new DeviceSealActions(commands));
        completion.target = new RequestHandleCompletion(m.requests().approvalEvents().handles());
        m.seals().addListener((conn, e) -> e.kind() == SealChanged.Kind.LOST
            ? commands.revokeSeal(conn, e.after().id(), "SEAL_LOST").mapEmpty() : Future.succeededFuture());
        registry.setSealSource((client, deviceId) -> m.seals().boundTo(client, deviceId)
            .map(list -> list.stream().map(s -> new SealBinding(s.id(), s.slot())).toList()));
    }

    /** The evidence module's intake; set before {@link #start}. */
    public void setEventSink(DeviceEventSink sink) {
        this.sink = sink == null ? DeviceEventSink.NONE : sink;
    }

    /** Connects the server's MQTT link (subscriptions included) and starts the relay and the timers. */
    public void start() {
        if (broker != null) {
            broker.awaitStarted();
        }
        try {
            link.connect().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to the MQTT broker", e);
        }
        linkReady = true;
        relay.kick();
        // timers are due-time columns claimed in transactions: every node may poll
        timer = vertx.setPeriodic(TIMER_MS, t -> {
            relay.kick();
            commands.expireDue().onFailure(e -> LOG.warn("command expiry failed: {}", e.toString()));
            commands.reportFinishedHandles().onFailure(e -> LOG.warn("handle reports failed: {}", e.toString()));
        });
    }

    /**
     * Stops without losing what a device was already told is safe: first no new event reaches this node (with the
     * embedded broker the devices are cut off and refused, their agents keep unacknowledged events and send them to
     * the next server; with an external broker the node leaves the shared subscriptions, the other nodes take
     * over), then the events already on their way are stored and acknowledged, then the link closes.
     */
    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        linkReady = false;
        if (broker != null) {
            int cut = broker.disconnectDevices(5000);
            LOG.info("devices: {} device connection(s) closed for the stop", cut);
        } else {
            link.unsubscribeAll(5000);
        }
        link.awaitQuiet(300, 15_000);
        link.close();
        if (broker != null) {
            broker.stop();
        }
    }

    public DeviceRegistry registry() {
        return registry;
    }

    public DeviceCommands commands() {
        return commands;
    }

    public DeviceRoutes routes() {
        return routes;
    }

    public MqttLink link() {
        return link;
    }

    /** Null with an external broker. */
    public EmbeddedBroker broker() {
        return broker;
    }

    /** Lets {@link #wire} plug the request module in after the commands exist. */
    private static final class HandleCompletionSwitch implements HandleCompletion {
        private volatile HandleCompletion target = HandleCompletion.NONE;

        @Override
        public Future<Void> devicesFinished(String requestId, String handleTaskId, String outcome, List<SealUsage> usage) {
            return target.devicesFinished(requestId, handleTaskId, outcome, usage);
        }
    }
}
