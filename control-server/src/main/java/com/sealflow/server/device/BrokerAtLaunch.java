package com.sealflow.server.device;

import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.device.broker.EmbeddedBroker;
import java.util.concurrent.CompletableFuture;
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

    private final EmbeddedBroker broker;
    private final AtomicReference<DeviceModule> module = new AtomicReference<>();

    private BrokerAtLaunch(ServerConfig c) {
        boolean external = c.mqttUrl() != null && !c.mqttUrl().isBlank();
        // Devices wait until the server's own link has subscribed: events a device published before that would be
        // acknowledged by the broker with no subscriber to take them, and the device would never send them again.
        this.broker = external ? null : EmbeddedBroker.startInBackground(c.mqttHost(), c.mqttPort(), c.dataDir(),
            !c.mqttDiskPersistence(), (id, password) -> {
                DeviceModule m = module.get();
                return m == null || !m.linkReady() ? CompletableFuture.failedFuture(
                    new IllegalStateException("the server is starting or stopping")) : m.registry().verify(id, password);
            });
    }

    public static BrokerAtLaunch begin(ServerConfig config) {
        return new BrokerAtLaunch(config);
    }

    /** Null with an external broker. */
    EmbeddedBroker broker() {
        return broker;
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
