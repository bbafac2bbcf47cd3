package com.sealflow.agent.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Plays the control server on the broker: sends commands, records everything devices publish. */
public final class TestSubscriber implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received message. */
    public record Received(String topic, JsonNode json, boolean retained) {
    }

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    public TestSubscriber(String url) throws MqttException {
        client = new MqttClient(url, "test-server-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) throws Exception {
                JsonNode j = JSON.readTree(new String(m.getPayload(), StandardCharsets.UTF_8));
                synchronized (received) {
                    received.add(new Received(topic, j, m.isRetained()));
                    received.notifyAll();
                }
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o);
        client.subscribe("sealflow/v1/dev/+/evt", 1);
        client.subscribe("sealflow/v1/dev/+/cmd-res/+", 1);
        client.subscribe("sealflow/v1/dev/+/status", 1);
    }

    public void command(String deviceId, String name, Map<String, Object> payload) throws Exception {
        MqttMessage m = new MqttMessage(JSON.writeValueAsBytes(payload));
        m.setQos(1);
        client.publish("sealflow/v1/dev/" + deviceId + "/cmd/" + name, m);
    }

    public List<Received> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<JsonNode> events(String deviceId) {
        return all().stream().filter(r -> r.topic().equals("sealflow/v1/dev/" + deviceId + "/evt")).map(Received::json).toList();
    }

    public List<JsonNode> results(String commandId) {
        return all().stream().filter(r -> r.topic().endsWith("/cmd-res/" + commandId)).map(Received::json).toList();
    }

    /** Waits until {@code done} holds over everything received so far; fails after the timeout. */
    public void await(Predicate<TestSubscriber> done, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (!done.test(this)) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what + "; received: " + received);
                }
                received.wait(Math.max(1, left / 1_000_000L));
            }
        }
    }

    /** The single result of a command with the given state (waits for it). */
    public JsonNode awaitResult(String commandId, String state) throws InterruptedException {
        await(s -> s.results(commandId).stream().anyMatch(j -> state.equals(j.path("state").asText())), Duration.ofSeconds(20),
                "cmd-res " + state + " for " + commandId);
        return results(commandId).stream().filter(j -> state.equals(j.path("state").asText())).findFirst().orElseThrow();
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
