package com.sealflow.server.evidence;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.device.DeviceFixture;
import com.sealflow.server.device.DeviceKind;
import com.sealflow.server.device.DeviceStatus;
import com.sealflow.server.device.SealBinding;
import com.sealflow.server.device.Topics;
import com.sealflow.server.device.broker.BrokerSessions;
import com.sealflow.server.device.broker.FakeDevice;
import com.sealflow.server.device.broker.MosquittoBroker;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same server code against Debian's Mosquitto as the external broker (SEALFLOW_MQTT_URL). */
class MosquittoExternalBrokerTest extends VertxPerClass {

    @BeforeAll
    static void requireMosquitto() {
        MosquittoBroker.requireInstalled(MosquittoBroker.BINARY, MosquittoBroker.PASSWD_TOOL);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void unlocksAndAnswersFlowThroughMosquittoAndDevicesStayInTheirLane(Dialect dialect) throws Exception {
        Map<String, String> users = new HashMap<>(Map.of("sealflow-server", "server-secret"));
        try (MosquittoBroker mosquitto = new MosquittoBroker(users);
             DeviceStack s = new DeviceStack(vertx, dialect, mosquitto.url(), "sealflow-server", "server-secret", BrokerSessions.NONE)) {
            DeviceFixture.Enrolled a = s.f.createAndEnroll("SD-01", DeviceKind.SEAL_DEVICE, List.of(new SealBinding("s1", null)));
            DeviceFixture.Enrolled b = s.f.createAndEnroll("SD-02", DeviceKind.SEAL_DEVICE, List.of(new SealBinding("s2", null)));
            users.put("SD-01", a.mqttPassword());
            users.put("SD-02", b.mqttPassword());
            mosquitto.writePasswords(users);

            assertThatThrownBy(() -> new FakeDevice(mosquitto.url(), "SD-01", "SD-01", "wrong").connect())
                .isInstanceOf(MqttException.class);
            try (FakeDevice devA = new FakeDevice(mosquitto.url(), "SD-01", "SD-01", a.mqttPassword()).connect();
                 FakeDevice devB = new FakeDevice(mosquitto.url(), "SD-02", "SD-02", b.mqttPassword()).connect()) {
                devA.subscribe("sealflow/v1/dev/SD-01/cmd/#");
                devA.subscribe("sealflow/v1/dev/SD-02/cmd/#");
                devB.subscribe("sealflow/v1/dev/SD-02/cmd/#");

                String cmd = s.f.issue(s.f.stamp("req-1", "SD-02", "s2", 1)).get(0);
                FakeDevice.Received got = devB.next(10);
                assertThat(got.topic()).isEqualTo("sealflow/v1/dev/SD-02/cmd/unlock");
                assertThat(new JsonObject(got.payload()).getString("commandId")).isEqualTo(cmd);
                assertThat(devA.next(1)).isNull();

                // A pretends to be B: Mosquitto drops the publish, the command stays SENT
                devA.publish(Topics.commandResult("SD-02", cmd), new JsonObject().put("state", "REJECTED").encode());
                devA.publish(Topics.status("SD-02"), new JsonObject().put("state", "ONLINE").encode(), true);
                Thread.sleep(500);
                assertThat(s.f.state(cmd)).isEqualTo("SENT");
                assertThat(await(s.f.registry.get("SD-02")).status()).isEqualTo(DeviceStatus.OFFLINE);

                devB.publish(Topics.commandResult("SD-02", cmd), new JsonObject().put("state", "ACCEPTED").encode());
                devB.publish(Topics.status("SD-02"), new JsonObject().put("state", "ONLINE").encode(), true);
                MqttEndToEndTest.eventually(() -> "ACCEPTED".equals(s.f.state(cmd)));
                MqttEndToEndTest.eventually(() -> await(s.f.registry.get("SD-02")).status() == DeviceStatus.ONLINE);
            }
        }
    }
}
