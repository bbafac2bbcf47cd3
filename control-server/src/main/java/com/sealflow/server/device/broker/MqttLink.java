package com.sealflow.server.device.broker;

import com.sealflow.protocol.mqtt.NoDelaySocketFactory;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own MQTT 5 client (Paho): TCP_NODELAY sockets, a raised receive maximum, reconnect with backoff,
 * subscriptions re-made after every (re)connect, and manual acknowledgement: a QoS 1 message is acknowledged to
 * the broker only once its handler's future completes, so an event is not acknowledged before it is stored.
 *
 * <p>Every network connection gets a new Paho client: Paho's automatic reconnect carries the previous connection's
 * state over, and after Debian's Mosquitto was SIGKILLed and started again it opened the TCP connection but never
 * completed the MQTT one, so the node received nothing from then on (MosquittoRestartTest). A message is acknowledged
 * through the client that received it, never through a later one.
 */
public final class MqttLink implements AutoCloseable {

    /** Handles one inbound message; the message is acknowledged when the returned future completes. */
    @FunctionalInterface
    public interface Handler {
        Future<Void> handle(String topic, byte[] payload, boolean retained);
    }

    private record Subscription(String filter, int qos, Handler handler) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    private static final int RECEIVE_MAXIMUM = 1000;
    /**
     * A device answer (a cmd-res DONE above all) dropped after these is lost for good: the agent saw its PUBACK. Under
     * heavy database load a few seconds were not always enough, so the retries span about a minute.
     */
    private static final long[] RETRY_DELAYS_MS = {200, 1000, 5000, 15_000, 40_000};

    private static final long RECONNECT_MAX_DELAY_MS = 10_000;

    private final String url;
    private final String clientId;
    private volatile MqttAsyncClient client;
    private volatile boolean closing;
    private final MqttConnectionOptions options;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /** Messages delivered to a handler and not yet acknowledged, and when the last one arrived. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastArrivalNanos = System.nanoTime();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-link-retry");
        t.setDaemon(true);
        return t;
    });

    public MqttLink(String url, String clientId, String username, String password) {
        this.url = url;
        this.clientId = clientId;
        try {
            client = newClient();
        } catch (MqttException e) {
            throw new IllegalArgumentException("bad MQTT url " + url, e);
        }
        options = new MqttConnectionOptions();
        options.setSocketFactory(new NoDelaySocketFactory());
        options.setAutomaticReconnect(false);
        options.setCleanStart(true);
        options.setReceiveMaximum(RECEIVE_MAXIMUM);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A client with no state of an earlier connection. */
    private MqttAsyncClient newClient() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        c.setManualAcks(true);
        c.setCallback(new Callback(c));
        return c;
    }

    /** The connection was lost: a new client connects (backoff 1 s .. 10 s) and subscribes again. */
    private void reconnect(long delayMs) {
        if (closing) {
            return;
        }
        MqttAsyncClient old = client;
        try {
            client = newClient();
            old.close(true);
        } catch (MqttException e) {
            LOG.debug("replacing the MQTT client: {}", e.toString());
        }
        connect().onSuccess(v -> LOG.info("MQTT link re-established and subscribed"))
            .onFailure(e -> {
                long next = Math.min(RECONNECT_MAX_DELAY_MS, delayMs * 2);
                LOG.warn("MQTT reconnect failed ({}); retrying in {} ms", e.toString(), next);
                if (!closing) {
                    retries.schedule(() -> reconnect(next), next, TimeUnit.MILLISECONDS);
                }
            });
    }

    /** Registers a subscription; it is made on connect and after every reconnect. Call before {@link #connect}. */
    public MqttLink subscribe(String filter, int qos, Handler handler) {
        subscriptions.add(new Subscription(filter, qos, handler));
        return this;
    }

    /** Connects and subscribes; the future completes when all subscriptions are in place. */
    public Future<Void> connect() {
        Promise<Void> promise = Promise.promise();
        try {
            client.connect(options, null, listener(promise));
        } catch (MqttException e) {
            promise.fail(e);
        }
        return promise.future().compose(v -> subscribeAll());
    }

    private Future<Void> subscribeAll() {
        if (subscriptions.isEmpty()) {
            return Future.succeededFuture();
        }
        MqttSubscription[] subs = subscriptions.stream().map(s -> new MqttSubscription(s.filter(), s.qos()))
            .toArray(MqttSubscription[]::new);
        Promise<Void> promise = Promise.promise();
        try {
            client.subscribe(subs, null, listener(promise), new MqttProperties());
        } catch (MqttException e) {
            promise.fail(e);
        }
        return promise.future();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Messages handed to a handler and not yet acknowledged to the broker. */
    public int inHand() {
        return inFlight.get();
    }

    /** Publishes; completes when the broker acknowledged (QoS 1) or the message left (QoS 0). */
    public Future<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
        Promise<Void> promise = Promise.promise();
        try {
            MqttMessage message = new MqttMessage(payload);
            message.setQos(qos);
            message.setRetained(retained);
            client.publish(topic, message, null, listener(promise));
        } catch (MqttException e) {
            promise.fail(e);
        }
        return promise.future();
    }

    public Future<Void> publish(String topic, String json) {
        return publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static MqttActionListener listener(Promise<Void> promise) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                promise.tryComplete();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                promise.tryFail(error == null ? new IllegalStateException("MQTT action failed") : error);
            }
        };
    }

    /**
     * Takes the link out of its subscriptions (another member of a shared subscription gets the messages from now on);
     * messages already on their way still arrive and are handled. Waits at most {@code timeoutMs}.
     */
    public void unsubscribeAll(long timeoutMs) {
        if (subscriptions.isEmpty() || !client.isConnected()) {
            return;
        }
        try {
            String[] filters = subscriptions.stream().map(Subscription::filter).toArray(String[]::new);
            client.unsubscribe(filters).waitForCompletion(timeoutMs);
        } catch (MqttException e) {
            LOG.warn("unsubscribing before stop failed: {}", e.toString());
        }
    }

    /**
     * Blocks until every message handed to a handler has been handled and acknowledged and nothing new arrived for
     * {@code quietMs}, or {@code timeoutMs} passed; true when the link went quiet. Called on stop, after the flow of new
     * messages was cut, so that no message the broker already acknowledged to a device is lost with this session.
     */
    public boolean awaitQuiet(long quietMs, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long quiet = TimeUnit.MILLISECONDS.toNanos(quietMs);
        while (System.nanoTime() < deadline) {
            if (inFlight.get() == 0 && System.nanoTime() - lastArrivalNanos >= quiet) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        LOG.warn("MQTT link still had {} message(s) in hand at stop", inFlight.get());
        return false;
    }

    @Override
    public void close() {
        closing = true;
        retries.shutdownNow();
        MqttAsyncClient client = this.client;
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing MQTT client", e);
        }
    }

    /** Callbacks of one client; a replaced client's messages are still handled and acknowledged through it. */
    private final class Callback implements MqttCallback {
        private final MqttAsyncClient own;

        Callback(MqttAsyncClient own) {
            this.own = own;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("MQTT link lost: {} {}", response.getReturnCode(), response.getReasonString());
            if (own == client && !closing) {
                retries.schedule(() -> reconnect(1000), 1000, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error", exception);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            lastArrivalNanos = System.nanoTime();
            Handler handler = handlerFor(topic);
            if (handler == null) {
                ack(message);
                return;
            }
            inFlight.incrementAndGet();
            attempt(handler, topic, message, 0);
        }

        /**
         * A failed handler (database briefly unavailable) is retried a few times before the message is acknowledged
         * anyway: unacknowledged QoS 1 messages would otherwise hold the receive window until the next reconnect.
         */
        private void attempt(Handler handler, String topic, MqttMessage message, int attempt) {
            Future<Void> done;
            try {
                done = handler.handle(topic, message.getPayload(), message.isRetained());
            } catch (RuntimeException e) {
                done = Future.failedFuture(e);
            }
            done.onComplete(ar -> {
                if (ar.succeeded()) {
                    ack(message);
                    inFlight.decrementAndGet();
                } else if (attempt < RETRY_DELAYS_MS.length) {
                    LOG.warn("handling {} failed, retrying: {}", topic, ar.cause().toString());
                    retries.schedule(() -> attempt(handler, topic, message, attempt + 1), RETRY_DELAYS_MS[attempt],
                        TimeUnit.MILLISECONDS);
                } else {
                    LOG.error("handling {} failed {} times; message dropped", topic, attempt + 1, ar.cause());
                    ack(message);
                    inFlight.decrementAndGet();
                }
            });
        }

        private void ack(MqttMessage message) {
            if (message.getQos() == 0) {
                return;
            }
            try {
                own.messageArrivedComplete(message.getId(), message.getQos());
            } catch (MqttException e) {
                LOG.debug("ack after reconnect is moot", e);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publish futures complete through their own listeners
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // subscriptions are made by connect(), on every new client
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }

    private Handler handlerFor(String topic) {
        for (Subscription s : subscriptions) {
            if (matches(s.filter(), topic)) {
                return s.handler();
            }
        }
        return null;
    }

    /** MQTT filter matching; a {@code $share/group/} prefix is ignored (the message carries the plain topic). */
    static boolean matches(String filter, String topic) {
        String f = filter;
        if (f.startsWith("$share/")) {
            int slash = f.indexOf('/', "$share/".length());
            f = f.substring(slash + 1);
        }
        String[] fp = f.split("/", -1);
        String[] tp = topic.split("/", -1);
        for (int i = 0; i < fp.length; i++) {
            if (fp[i].equals("#")) {
                return true;
            }
            if (i >= tp.length || !(fp[i].equals("+") || fp[i].equals(tp[i]))) {
                return false;
            }
        }
        return fp.length == tp.length;
    }
}
