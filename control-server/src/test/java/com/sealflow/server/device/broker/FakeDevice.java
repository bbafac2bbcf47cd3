package com.sealflow.server.device.broker;

import com.sealflow.protocol.mqtt.NoDelaySocketFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** A real Paho v5 client playing a device in tests. */
public final class FakeDevice implements AutoCloseable {

    public record Received(String topic, String payload, long nanos) {
    }

    public final MqttClient client;
    public final LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final MqttConnectionOptions options = new MqttConnectionOptions();

    public FakeDevice(String url, String clientId, String username, String password) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        options.setSocketFactory(new NoDelaySocketFactory());
        options.setUserName(username);
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        options.setConnectionTimeout(5);
        options.setCleanStart(true);
    }

    public FakeDevice withWill(String topic, String payload) {
        MqttMessage will = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        will.setQos(1);
        will.setRetained(true);
        options.setWill(topic, will);
        return this;
    }

    public FakeDevice connect() throws MqttException {
        client.connect(options);
        return this;
    }

    /** Subscribes; returns the granted reason code (0/1/2 granted, >= 0x80 refused). */
    public int subscribe(String filter) throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)},
            new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, message) ->
                inbox.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8), System.nanoTime()))});
        return token.getReasonCodes()[0];
    }

    public void publish(String topic, String payload) throws MqttException {
        publish(topic, payload, false);
    }

    public void publish(String topic, String payload, boolean retained) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        message.setRetained(retained);
        client.publish(topic, message);
    }

    public Received next(long seconds) throws InterruptedException {
        return inbox.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException ignored) {
            // best effort in tests
        }
    }
}
