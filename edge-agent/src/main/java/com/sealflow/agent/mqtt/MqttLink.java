package com.sealflow.agent.mqtt;

import com.sealflow.protocol.mqtt.NoDelaySocketFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sealflow.protocol.mqtt.Topics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paho MQTT 5 link: persistent session on the broker (clean start off, 7-day session expiry: commands sent while the
 * device is away wait there), QoS 1, TCP_NODELAY, retained {@code status} ONLINE with an OFFLINE will, and its own
 * reconnect loop with backoff (1 s .. 30 s).
 *
 * <p>Every network connection gets a new Paho client with empty client-side state. Paho's own automatic reconnect
 * keeps the previous connection's state and resends its in-flight publishes as they were, topic alias included
 * (eclipse-paho/paho.mqtt.java#1104); a broker that restarted without its sessions answers with DISCONNECT 148
 * (topic alias invalid) at every reconnect, and the device is shut out for good. Topic alias mappings exist only
 * within one network connection (MQTT 5 §3.3.2.3.4), and nothing else Paho keeps is needed: the journal is the
 * store-and-forward buffer (the publisher publishes again whatever was not acknowledged), not Paho.
 */
public final class MqttLink implements CloudLink {

    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttSettings settings;
    private final String deviceId;
    private final LongSupplier wallClock;
    private final ScheduledExecutorService retry;
    private volatile MqttAsyncClient client;
    private volatile Listener listener;
    private volatile String lastError = "";
    private volatile boolean closing;
    private volatile boolean everConnected;
    private volatile boolean subscribed;

    public MqttLink(MqttSettings settings, LongSupplier wallClock) {
        this.settings = settings;
        this.deviceId = settings.deviceId();
        this.wallClock = wallClock;
        this.retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-connect-" + settings.deviceId());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(Listener l) {
        this.listener = l;
        try {
            client = newClient();
        } catch (MqttException e) {
            throw new IllegalArgumentException("bad MQTT settings " + settings + ": " + e.getMessage(), e);
        }
        connect(1);
    }

    /** A client with no state of any earlier connection (no topic aliases, no in-flight messages to resend). */
    private MqttAsyncClient newClient() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        c.setCallback(new Callback(c));
        return c;
    }

    /** The connection ended: drop its client with all its state, and connect again with a new one. */
    private void reconnect() {
        if (closing) {
            return;
        }
        MqttAsyncClient old = client;
        try {
            client = newClient();
        } catch (MqttException e) {
            lastError = "reconnect: " + e.getMessage();
            retry.schedule(this::reconnect, 2, TimeUnit.SECONDS);
            return;
        }
        try {
            old.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the previous MQTT client: {}", e.toString());
        }
        connect(1);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(7L * 24 * 3600);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setReceiveMaximum(100);
        if (settings.url().startsWith("tcp://")) {
            o.setSocketFactory(new NoDelaySocketFactory());
        }
        if (settings.username() != null) {
            o.setUserName(settings.username());
        }
        if (settings.password() != null) {
            o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        MqttMessage will = new MqttMessage(statusPayload("OFFLINE"));
        will.setQos(1);
        will.setRetained(true);
        o.setWill(Topics.status(deviceId), will);
        return o;
    }

    private void connect(int attempt) {
        if (closing) {
            return;
        }
        MqttAsyncClient c = client;
        try {
            c.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete() does the work
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    lastError = "connect: " + e.getMessage();
                    long delay = Math.min(30, 1L << Math.min(attempt - 1, 5));
                    LOG.warn("MQTT connect to {} failed ({}); retrying in {} s", settings.url(), e.getMessage(), delay);
                    retry.schedule(() -> connect(attempt + 1), delay, TimeUnit.SECONDS);
                }
            });
        } catch (MqttException e) {
            lastError = "connect: " + e.getMessage();
            retry.schedule(() -> connect(attempt + 1), 2, TimeUnit.SECONDS);
        }
    }

    @Override
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected() && subscribed;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retained) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttMessage msg = new MqttMessage(payload);
        msg.setQos(1);
        msg.setRetained(retained);
        try {
            client.publish(topic, msg, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    byte[] statusPayload(String state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state);
        m.put("deviceId", deviceId);
        m.put("at", wallClock.getAsLong());
        m.put("firmware", settings.firmware());
        m.put("agentVersion", settings.agentVersion());
        m.put("agent", settings.agentVersion());
        try {
            return JSON.writeValueAsBytes(m);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String lastError() {
        return lastError;
    }

    /** Graceful: retained OFFLINE first (the will is only for unclean ends), then disconnect. */
    @Override
    public void close() {
        closing = true;
        retry.shutdownNow();
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                publish(Topics.status(deviceId), statusPayload("OFFLINE"), true).get(2, TimeUnit.SECONDS);
                c.disconnect(2000).waitForCompletion(3000);
            }
        } catch (Exception e) {
            LOG.debug("MQTT disconnect: {}", e.toString());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT close: {}", e.toString());
        }
    }

    /** Callbacks of one client; those of a client already replaced are ignored. */
    private final class Callback implements MqttCallback {
        private final MqttAsyncClient own;
        /** Connected and not yet lost: a failed connect is retried by {@link #connect}, a lost connection here. */
        private volatile boolean up;

        Callback(MqttAsyncClient own) {
            this.own = own;
        }

        @Override
        public void connectComplete(boolean automatic, String serverURI) {
            if (own != client) {
                return;
            }
            boolean reconnect = everConnected;
            everConnected = true;
            up = true;
            lastError = "";
            LOG.info("MQTT connected to {} (reconnect={})", serverURI, reconnect);
            // Ready only once the command subscription is in place, or a command sent right now would be lost.
            try {
                own.subscribe(Topics.commandFilter(deviceId), 1, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        subscribed = true;
                        publish(Topics.status(deviceId), statusPayload("ONLINE"), true);
                        listener.connected(reconnect);
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        lastError = "subscribe: " + e.getMessage();
                        LOG.warn("subscribe failed: {}", e.getMessage());
                    }
                });
            } catch (MqttException e) {
                lastError = "subscribe: " + e.getMessage();
                LOG.warn("subscribe failed: {}", e.getMessage());
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (own != client) {
                return;
            }
            subscribed = false;
            lastError = "disconnected: " + response.getReturnCode() + " " + response.getReasonString() + " " + response.getException();
            listener.disconnected(lastError);
            if (up && !closing) {
                up = false;
                retry.schedule(MqttLink.this::reconnect, 1, TimeUnit.SECONDS);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            lastError = "error: " + exception.getMessage();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (own != client) {
                return;
            }
            Topics.ParsedTopic t = Topics.parse(topic);
            if (t != null && deviceId.equals(t.deviceId()) && Topics.COMMAND.equals(t.kind())) {
                listener.command(t.name(), message.getPayload());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // completion is tracked per publish through its action listener
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced auth
        }
    }
}
