package com.sealflow.agent.mqtt;

import java.util.concurrent.CompletableFuture;

/** The agent's connection to the control server (Kura's "cloud connection"): QoS 1 publish and commands. */
public interface CloudLink extends AutoCloseable {

    void start(Listener listener);

    boolean isConnected();

    /** QoS 1; completes when the broker acknowledged (PUBACK), exceptionally when the send failed. */
    CompletableFuture<Void> publish(String topic, byte[] payload, boolean retained);

    String lastError();

    @Override
    void close();

    /** Called on the MQTT client's thread: hand long work off. */
    interface Listener {
        void connected(boolean reconnect);

        void disconnected(String reason);

        /** A command: {@code name} is the last topic level ({@code unlock}, {@code revoke}, {@code config}, {@code ping}). */
        void command(String name, byte[] payload);
    }
}
