package com.sealflow.simulator.testkit;

import com.sealflow.protocol.mqtt.Topics;
import com.sealflow.protocol.token.UnlockToken;
import com.sealflow.protocol.token.UnlockTokenCodec;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Just enough control server for the simulator's end-to-end tests: enrolment by one-time code,
 * snapshot intake, unlock commands signed with a test key over a real broker, and a record of
 * everything the devices published.
 */
public final class FakeControlServer implements AutoCloseable {

    public final Map<String, String> codes = new ConcurrentHashMap<>();
    public final Map<String, byte[]> snapshots = new ConcurrentHashMap<>();
    public final List<JsonObject> events = new CopyOnWriteArrayList<>();
    public final List<JsonObject> results = new CopyOnWriteArrayList<>();
    private final HttpServer http;
    private final MqttClient mqtt;
    private final String brokerUrl;
    private final KeyPair tokenKey;
    private final AtomicLong counter = new AtomicLong();

    public FakeControlServer(String brokerUrl) throws IOException, MqttException, NoSuchAlgorithmException {
        this.brokerUrl = brokerUrl;
        this.tokenKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/api/device/v1/enroll", this::enroll);
        http.createContext("/api/device/v1/snapshots/", this::snapshot);
        http.start();
        mqtt = new MqttClient(brokerUrl, "fake-server-" + UUID.randomUUID(), null);
        mqtt.connect(new MqttConnectionOptions());
        // Paho 1.2.5's subscribe(topic, qos, listener) recurses forever; the array form works.
        mqtt.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.ROOT + "+/evt", 1),
            new MqttSubscription(Topics.ROOT + "+/cmd-res/+", 1)}, new IMqttMessageListener[] {
                (topic, msg) -> events.add(json(msg)), (topic, msg) -> results.add(json(msg))});
    }

    private static JsonObject json(MqttMessage msg) {
        return new JsonObject(new String(msg.getPayload(), StandardCharsets.UTF_8));
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Sends a signed unlock token for {@code presses} presses to {@code deviceId}; returns the command id. */
    public String unlock(String deviceId, String custodianId, int presses, Integer slot) throws MqttException {
        long now = System.currentTimeMillis();
        UnlockToken token = new UnlockToken(UUID.randomUUID().toString(), deviceId, "seal-" + deviceId, slot, "REQ-" + now,
                custodianId, presses, now, now + 300_000, counter.incrementAndGet());
        String commandId = "cmd-" + UUID.randomUUID();
        JsonObject body = new JsonObject().put("commandId", commandId)
                .put("token", UnlockTokenCodec.sign(token, tokenKey.getPrivate(), "k1"))
                .put("issuedAt", now).put("expiresAt", now + 300_000);
        MqttMessage message = new MqttMessage(body.encode().getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        mqtt.publish(Topics.command(deviceId, "unlock"), message);
        return commandId;
    }

    public List<JsonObject> events(String deviceId, String type) {
        return events.stream().filter(e -> deviceId.equals(e.getString("deviceId")) && type.equals(e.getString("type"))).toList();
    }

    private void enroll(HttpExchange ex) throws IOException {
        JsonObject req = new JsonObject(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String deviceId = codes.remove(req.getString("code", ""));
        if (deviceId == null) {
            reply(ex, 404, "application/problem+json", new JsonObject().put("status", 404).put("title", "unknown code").encode());
            return;
        }
        JsonObject answer = new JsonObject().put("deviceId", deviceId).put("serialNo", "SN-" + deviceId)
                .put("kind", deviceId.startsWith("CAB") ? "CABINET" : "SEAL_DEVICE")
                .put("mqtt", new JsonObject().put("url", brokerUrl).put("clientId", deviceId).put("username", deviceId)
                        .put("password", "pw-" + deviceId))
                .put("http", new JsonObject().put("baseUrl", url()).put("token", "tok-" + deviceId))
                .put("tokenKeys", new JsonArray().add(new JsonObject().put("kid", "k1")
                        .put("publicKey", Base64.getEncoder().encodeToString(tokenKey.getPublic().getEncoded()))))
                .put("seals", new JsonArray()).put("serverTime", System.currentTimeMillis());
        reply(ex, 200, "application/json", answer.encode());
    }

    private void snapshot(HttpExchange ex) throws IOException {
        String eventId = ex.getRequestURI().getPath().substring("/api/device/v1/snapshots/".length());
        byte[] photo = ex.getRequestBody().readAllBytes();
        boolean known = events.stream().anyMatch(e -> eventId.equals(e.getString("eventId")));
        if (!known) {
            reply(ex, 404, "application/problem+json", "{\"status\":404}");
            return;
        }
        snapshots.put(eventId, photo);
        reply(ex, 201, "application/json", "{}");
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() throws MqttException {
        mqtt.disconnect();
        mqtt.close();
        http.stop(0);
    }
}
