package com.sealflow.server.device.broker;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The embedded HiveMQ CE broker the server runs when no external broker is configured: one TCP listener
 * (127.0.0.1 by default), anonymous usage statistics off, config and data under {@code <dataDir>/mqtt}, and
 * {@link DeviceAuthExtension} deciding who may connect and which topics each client reaches. Topic aliases are off:
 * the agents' MQTT client resends in-flight messages after a reconnect with an alias of the old connection and
 * is disconnected for it, again and again (eclipse-paho/paho.mqtt.java#1104).
 * Blocking start/stop: call from a worker thread or at start-up. Stop takes about 4 s.
 */
public final class EmbeddedBroker implements BrokerSessions, AutoCloseable {

    /**
     * The most QoS 1 messages the broker sends a client before it acknowledges them (at most the client's receive
     * maximum; the server's link asks for 1,000). HiveMQ CE's own 50, which no configuration key reaches, is a process-wide
     * setting read at every send. The broker sends the next messages only once all those sent are acknowledged, and the
     * server acknowledges an event once it is stored, so with 50 a replay reached the server in steps of at most 50 and
     * waited in the broker (docs/benchmarks.md, "The broker's window toward the server"). About 1 KB per event held.
     */
    static final int IN_FLIGHT_WINDOW = 250;

    private final String host;
    private final int port;
    private final InternalCredential internal;
    private final DeviceAuthExtension extension;
    private final EmbeddedHiveMQ hivemq;
    private CompletableFuture<Void> started;

    private EmbeddedBroker(String host, int port, Path dir, boolean inMemory, DeviceAuthenticator devices) {
        this.host = host;
        this.port = port;
        this.internal = InternalCredential.random();
        this.extension = new DeviceAuthExtension(internal, devices);
        Path config = dir.resolve("conf");
        Path data = dir.resolve("data");
        Path extensions = dir.resolve("extensions");
        try {
            Files.createDirectories(config);
            Files.createDirectories(data);
            Files.createDirectories(extensions);
            Files.writeString(config.resolve("config.xml"), configXml(host, port, inMemory), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare broker folder " + dir, e);
        }
        EmbeddedExtension embedded = EmbeddedExtension.builder()
            .withId("sealflow-device-auth").withName("SealFlow device authentication").withVersion("1")
            .withPriority(1000).withStartPriority(1000).withExtensionMain(extension).build();
        this.hivemq = EmbeddedHiveMQ.builder()
            .withConfigurationFolder(config).withDataFolder(data).withExtensionsFolder(extensions)
            .withEmbeddedExtension(embedded).withoutLoggingBootstrap().build();
    }

    /** Starts a broker whose config and data live under {@code dataDir/mqtt}. */
    public static EmbeddedBroker start(String host, int port, Path dataDir, DeviceAuthenticator devices) {
        return start(host, port, dataDir, false, devices);
    }

    /**
     * {@code inMemory}: sessions, queues and retained messages in memory only (the server's default; see
     * docs/mqtt-brokers.md, "Broker persistence": after a restart the server's clean session, the agents'
     * journals and resubscriptions and the command re-sends on ONLINE rebuild everything a disk copy would hold).
     */
    public static EmbeddedBroker start(String host, int port, Path dataDir, boolean inMemory, DeviceAuthenticator devices) {
        EmbeddedBroker broker = startInBackground(host, port, dataDir, inMemory, devices);
        broker.awaitStarted();
        return broker;
    }

    /**
     * Begins the broker's start on its own threads and returns at once, so the server builds its modules and
     * router meanwhile (opening the broker's persistence is the longest part of the server's start-up);
     * call {@link #awaitStarted} before connecting to it.
     */
    public static EmbeddedBroker startInBackground(String host, int port, Path dataDir, boolean inMemory,
                                                   DeviceAuthenticator devices) {
        useProcessWideSettings();
        EmbeddedBroker broker = new EmbeddedBroker(host, port, dataDir.resolve("mqtt"), inMemory, devices);
        broker.started = broker.hivemq.start();
        return broker;
    }

    /** HiveMQ's process-wide internals (no configuration key reaches them), set before a broker is built. */
    private static void useProcessWideSettings() {
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = IN_FLIGHT_WINDOW;
        // nothing reads the broker's metrics over JMX (the server reads its registry, see publishCounts), and
        // registering them as MBeans took a quarter of the broker's own start
        InternalConfigurations.JMX_REPORTER_ENABLED.set(false);
    }

    /** Blocks until the broker listens (at most 60 s). */
    public void awaitStarted() {
        try {
            started.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the embedded MQTT broker started", e);
        } catch (Exception e) {
            throw new IllegalStateException("embedded MQTT broker did not start on " + host + ":" + port, e);
        }
    }

    /**
     * The broker's configuration. The per-client queue is raised from HiveMQ's 1,000 messages because the server's
     * shared subscription is the queue for every device's evidence: once the server falls more than 1,000 messages
     * behind, HiveMQ would discard events it had already acknowledged to the devices (the intake would then ask for
     * them again with {@code cmd/resend}, but only once it sees the gap). In memory, a full queue of small event
     * envelopes (about 1 KB each) would take on the order of a gigabyte of heap.
     */
    static String configXml(String host, int port, boolean inMemory) {
        return """
            <?xml version="1.0"?>
            <hivemq>
              <listeners>
                <tcp-listener>
                  <port>%d</port>
                  <bind-address>%s</bind-address>
                </tcp-listener>
              </listeners>
              <mqtt>
                <receive-maximum>
                  <server-receive-maximum>1000</server-receive-maximum>
                </receive-maximum>
                <queued-messages>
                  <max-queue-size>1000000</max-queue-size>
                  <strategy>discard</strategy>
                </queued-messages>
                <topic-alias>
                  <enabled>false</enabled>
                </topic-alias>
              </mqtt>
              %s
              <anonymous-usage-statistics>
                <enabled>false</enabled>
              </anonymous-usage-statistics>
            </hivemq>
            """.formatted(port, host, inMemory ? "<persistence><mode>in-memory</mode></persistence>" : "");
    }

    /** {@code tcp://host:port} for the server's own client and for device enrolment answers. */
    public String url() {
        return "tcp://" + host + ":" + port;
    }

    public int port() {
        return port;
    }

    /**
     * PUBLISH packets the broker has received from clients and sent to clients since it started (its own counters):
     * with the server the only subscriber to device events, received minus sent is about what waits in the broker.
     */
    public long[] publishCounts() {
        var counters = hivemq.getMetricRegistry().getCounters();
        var in = counters.get("com.hivemq.messages.incoming.publish.count");
        var out = counters.get("com.hivemq.messages.outgoing.publish.count");
        return new long[] {in == null ? -1 : in.getCount(), out == null ? -1 : out.getCount()};
    }

    public InternalCredential internalCredential() {
        return internal;
    }

    @Override
    public CompletionStage<Boolean> disconnect(String clientId) {
        return extension.disconnect(clientId);
    }

    /**
     * Disconnects every connected device (the server's own links stay); waits at most {@code timeoutMs}. With the
     * authenticator refusing devices from then on, nothing new reaches the broker before it stops.
     */
    public int disconnectDevices(long timeoutMs) {
        try {
            return extension.disconnectDevices().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    public void stop() {
        try {
            hivemq.stop().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("embedded MQTT broker did not stop", e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
