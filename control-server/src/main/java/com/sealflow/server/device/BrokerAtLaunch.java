package com.sealflow.server.device;

import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.device.broker.EmbeddedBroker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker, begun as the server launches: its start (HiveMQ's services, listener and extension) needs
 * only the configuration, so it runs on the broker's own threads beside the migrations and the modules instead of
 * after them. Devices that connect before the device module is up and linked are refused, as during any start;
 * {@link DeviceModule#create} takes the broker over. None with {@code SEALFLOW_MQTT_URL} (an external broker).
 */
public final class BrokerAtLaunch {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerAtLaunch.class);

    private final CompletableFuture<EmbeddedBroker> broker;
    private final AtomicReference<DeviceModule> module = new AtomicReference<>();

    private BrokerAtLaunch(ServerConfig c) {
        boolean external = c.mqttUrl() != null && !c.mqttUrl().isBlank();
        // made on a thread of its own: preparing the broker (its folder, config and classes) takes the main thread
        // a few hundred milliseconds it needs for Vert.x
        this.broker = external ? CompletableFuture.completedFuture(null) : CompletableFuture.supplyAsync(() ->
            // Devices wait until the server's own link has subscribed: events a device published before that would be
            // acknowledged by the broker with no subscriber to take them, and the device would never send them again.
            EmbeddedBroker.startInBackground(c.mqttHost(), c.mqttPort(), c.dataDir(), !c.mqttDiskPersistence(), (id, password) -> {
                DeviceModule m = module.get();
                return m == null || !m.linkReady() ? CompletableFuture.failedFuture(
                    new IllegalStateException("the server is starting or stopping")) : m.registry().verify(id, password);
            }), r -> {
                Thread t = new Thread(r, "sealflow-broker-launch");
                t.setDaemon(true);
                t.start();
            });
    }

    public static BrokerAtLaunch begin(ServerConfig config) {
        return new BrokerAtLaunch(config);
    }

    /** Null with an external broker; waits until the embedded one is prepared (its start goes on in the background). */
    EmbeddedBroker broker() {
        try {
            return broker.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    void takenBy(DeviceModule m) {
        if (!module.compareAndSet(null, m)) {
            throw new IllegalStateException("the broker begun at launch belongs to a device module already");
        }
    }

    /**
     * For a start that failed: stops the broker, so its port is free again and no threads are left behind. Blocking
     * (a few seconds); never throws, so the start's own failure is the one reported.
     */
    public void stopAfterFailedStart() {
        EmbeddedBroker broker;
        try {
            broker = broker();
        } catch (RuntimeException notPrepared) {
            return;
        }
        if (broker == null) {
            return;
        }
        try {
            broker.awaitStarted();
        } catch (IllegalStateException notStarted) {
            LOG.debug("the broker did not start either: {}", notStarted.toString());
        }
        try {
            broker.stop();
        } catch (RuntimeException e) {
            LOG.warn("the embedded MQTT broker did not stop after the failed start: {}", e.toString());
        }
    }
}
