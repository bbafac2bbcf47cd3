package com.sealflow.server.evidence;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.db.Dialect;
import com.sealflow.server.device.DeviceStatus;
import com.sealflow.server.device.Topics;
import com.sealflow.server.device.broker.FakeDevice;
import com.sealflow.server.device.broker.InternalCredential;
import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole device path on the embedded broker with real Paho devices: HTTP enrolment, status and last will,
 * unlock commit to the device's topic (latency printed), ACCEPTED, a press event (QoS 1 duplicate stored once), DONE,
 * the handle task reported, and a disabled device cut off at once.
 */
class MqttEndToEndTest extends BrokerPerClass {

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void enrolUnlockPressDoneAndDisable(Dialect dialect) throws Exception {
        InternalCredential cred = broker.internalCredential();
        try (DeviceStack s = new DeviceStack(vertx, dialect, broker.url(), cred.username(), cred.password(), broker)) {
            registry = s.f.registry;
            String id = "SD-" + dialect.name().charAt(0);
            assertThat(s.json("POST", "/api/devices", "SEAL_ADMIN", "{\"id\":\"" + id + "\",\"serialNo\":\"SN-" + id
                + "\",\"kind\":\"SEAL_DEVICE\",\"location\":\"HQ\",\"seals\":[{\"sealId\":\"seal-fin\"}]}").statusCode()).isEqualTo(201);
            assertThat(s.json("POST", "/api/devices", "CUSTODIAN", "{\"serialNo\":\"x\",\"kind\":\"CABINET\"}").statusCode())
                .isEqualTo(403);
            JsonObject code = new JsonObject(s.json("POST", "/api/devices/" + id + "/enrolment-code", "SEAL_ADMIN", null).body());
            assertThat(code.getString("qrCode")).startsWith("data:image/png;base64,");
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            String enrol = new JsonObject().put("code", code.getString("code"))
                .put("publicKey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())).put("firmware", "1.0.0").encode();
            var enrolled = s.json("POST", "/api/device/v1/enroll", null, enrol);
            assertThat(enrolled.statusCode()).isEqualTo(200);
            assertThat(s.json("POST", "/api/device/v1/enroll", null, enrol).statusCode()).isEqualTo(410);
            JsonObject answer = new JsonObject(enrolled.body());
            JsonObject mqtt = answer.getJsonObject("mqtt");

            FakeDevice device = new FakeDevice(broker.url(), mqtt.getString("clientId"), mqtt.getString("username"),
                mqtt.getString("password")).withWill(Topics.status(id), "{\"state\":\"OFFLINE\"}").connect();
            try {
                Map<String, Long> received = new ConcurrentHashMap<>();
                assertThat(device.subscribe(Topics.deviceRoot(id) + "cmd/#")).isLessThan(0x80);
                device.publish(Topics.status(id), "{\"state\":\"ONLINE\",\"firmware\":\"1.0.1\"}", true);
                eventually(() -> await(s.f.registry.get(id)).status() == DeviceStatus.ONLINE);

                // approval commit -> message on the device's topic
                List<Double> millis = Collections.synchronizedList(new ArrayList<>());
                String first = null;
                for (int i = 0; i < 30; i++) {
                    String cmd = s.f.issue(s.f.stamp("req-" + i, id, "seal-fin", 2)).get(0);
                    long committed = System.nanoTime();
                    FakeDevice.Received got = device.next(10);
                    assertThat(got).isNotNull();
                    assertThat(got.topic()).isEqualTo(Topics.command(id, "unlock"));
                    received.put(new JsonObject(got.payload()).getString("commandId"), got.nanos());
                    assertThat(received).containsKey(cmd);
                    millis.add((received.get(cmd) - committed) / 1e6);
                    first = first == null ? cmd : first;
                }
                List<Double> sorted = new ArrayList<>(millis);
                Collections.sort(sorted);
                System.out.printf("[latency] approval commit -> device topic (%s, embedded HiveMQ, %d unlocks): p50 %.2f ms, max %.2f ms%n",
                    dialect, sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));

                String cmd = first;
                device.publish(Topics.commandResult(id, cmd), new JsonObject().put("commandId", cmd).put("state", "ACCEPTED").encode());
                eventually(() -> "ACCEPTED".equals(s.f.state(cmd)));
                String token = await(s.f.db.execute("SELECT token_id FROM device_command WHERE id = $1", cmd)).iterator().next()
                    .getString("token_id");
                FakeAgent agent = new FakeAgent(id, keys, s.f.clock.millis());
                JsonObject press = agent.next("PRESS", FakeAgent.press(token, "req-0", 1), String.format("%064x", 1));
                device.publish(Topics.events(id), press.encode());
                device.publish(Topics.events(id), press.encode());
                eventually(() -> await(s.queries.pressesOf("req-0")).size() == 1);
                device.publish(Topics.commandResult(id, cmd), new JsonObject().put("commandId", cmd).put("state", "DONE")
                    .put("pressesUsed", 1).encode());
                eventually(() -> "DONE".equals(s.f.state(cmd)));
                assertThat(s.f.awaitFinished(1)).hasSize(1);
                Thread.sleep(200);
                assertThat(await(s.queries.pressesOf("req-0"))).hasSize(1);

                // an accepted unlock, then the link dies without DISCONNECT: the broker publishes the last will
                String armed = s.f.issue(s.f.stamp("req-armed", id, "seal-fin", 1)).get(0);
                device.publish(Topics.commandResult(id, armed), new JsonObject().put("commandId", armed).put("state", "ACCEPTED").encode());
                eventually(() -> "ACCEPTED".equals(s.f.state(armed)));
                device.client.disconnectForcibly(0, 0, false);
                eventually(() -> await(s.f.registry.get(id)).status() == DeviceStatus.OFFLINE);
                eventually(() -> await(s.queries.anomalies(id, 10)).stream()
                    .anyMatch(a -> "DEVICE_OFFLINE_DURING_SESSION".equals(((JsonObject) a).getString("kind"))));
                device.client.reconnect();
                eventually(device.client::isConnected);

                // disabling cuts the live session and the credentials at once
                assertThat(s.json("POST", "/api/devices/" + id + "/disable", "ADMIN", null).statusCode()).isEqualTo(200);
                eventually(() -> !device.client.isConnected());
                assertThatThrownBy(() -> new FakeDevice(broker.url(), id, id, mqtt.getString("password")).connect())
                    .isInstanceOf(MqttException.class);
                assertThat(await(s.f.registry.get(id)).status()).isEqualTo(DeviceStatus.DISABLED);
            } finally {
                device.close();
                registry = null;
            }
        }
    }

    /** A command published while the device was away is sent again when it comes (back) online; answered ones are not. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void openCommandsAreSentAgainWhenTheDeviceComesOnline(Dialect dialect) throws Exception {
        InternalCredential cred = broker.internalCredential();
        try (DeviceStack s = new DeviceStack(vertx, dialect, broker.url(), cred.username(), cred.password(), broker)) {
            registry = s.f.registry;
            String id = "SD-R" + dialect.name().charAt(0);
            var enrolled = s.f.createAndEnroll(id, com.sealflow.server.device.DeviceKind.SEAL_DEVICE,
                List.of(new com.sealflow.server.device.SealBinding("seal-r", null)));
            // the approval reaches the custodian's task while the device has never been connected
            String first = s.f.issue(s.f.stamp("req-offline", id, "seal-r", 1)).get(0);
            eventually(() -> "SENT".equals(s.f.state(first)));
            FakeDevice device = online(id, enrolled.mqttPassword());
            try {
                FakeDevice.Received got = device.next(10);
                assertThat(got).as("unlock sent again on ONLINE").isNotNull();
                assertThat(got.topic()).isEqualTo(Topics.command(id, "unlock"));
                assertThat(new JsonObject(got.payload()).getString("commandId")).isEqualTo(first);
                assertThat(device.next(1)).isNull();

                // the device drops off; a second unlock is issued meanwhile; both reach it, in order, when it is back
                device.client.disconnectForcibly(0, 0, false);
                device.close();
                eventually(() -> await(s.f.registry.get(id)).status() == DeviceStatus.OFFLINE);
                String second = s.f.issue(s.f.stamp("req-offline-2", id, "seal-r", 1)).get(0);
                eventually(() -> "SENT".equals(s.f.state(second)));
                device = online(id, enrolled.mqttPassword());
                assertThat(commandIdOf(device.next(10))).isEqualTo(first);
                assertThat(commandIdOf(device.next(10))).isEqualTo(second);
                device.publish(Topics.commandResult(id, first), new JsonObject().put("commandId", first).put("state", "ACCEPTED").encode());
                eventually(() -> "ACCEPTED".equals(s.f.state(first)));

                // once answered it is not sent again; an expired one neither
                device.close();
                device = online(id, enrolled.mqttPassword());
                assertThat(commandIdOf(device.next(10))).isEqualTo(second);
                assertThat(device.next(1)).isNull();
                s.f.clock.advance(java.time.Duration.ofHours(1));
                device.close();
                device = online(id, enrolled.mqttPassword());
                assertThat(device.next(2)).isNull();
            } finally {
                device.close();
                registry = null;
            }
        }
    }

    private static FakeDevice online(String id, String password) throws Exception {
        FakeDevice device = new FakeDevice(broker.url(), id, id, password).withWill(Topics.status(id), "{\"state\":\"OFFLINE\"}")
            .connect();
        assertThat(device.subscribe(Topics.deviceRoot(id) + "cmd/#")).isLessThan(0x80);
        device.publish(Topics.status(id), "{\"state\":\"ONLINE\"}", true);
        return device;
    }

    private static String commandIdOf(FakeDevice.Received received) {
        assertThat(received).isNotNull();
        return new JsonObject(received.payload()).getString("commandId");
    }
}
