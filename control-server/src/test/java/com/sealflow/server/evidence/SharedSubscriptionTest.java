package com.sealflow.server.evidence;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.Dialect;
import com.sealflow.server.device.DeviceEventSink;
import com.sealflow.server.device.DeviceFixture;
import com.sealflow.server.device.DeviceInbound;
import com.sealflow.server.device.DeviceKind;
import com.sealflow.server.device.SealBinding;
import com.sealflow.server.device.Topics;
import com.sealflow.server.device.broker.FakeDevice;
import com.sealflow.server.device.broker.InternalCredential;
import com.sealflow.server.device.broker.MqttLink;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two server nodes on one database and one broker, each with the production inbound wiring (MQTT 5 shared
 * subscription {@code $share/sealflow/...}): every device event is ingested exactly once, by one of the nodes,
 * and the work is spread over both.
 */
class SharedSubscriptionTest extends BrokerPerClass {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void twoServerNodesShareDeviceEventsAndIngestEachOnce(Dialect dialect) throws Exception {
        InternalCredential cred = broker.internalCredential();
        try (DeviceStack s = new DeviceStack(vertx, dialect)) {
            registry = s.f.registry;
            AtomicInteger[] handled = {new AtomicInteger(), new AtomicInteger()};
            List<MqttLink> nodes = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                AtomicInteger count = handled[n];
                DeviceEventSink counting = new DeviceEventSink() {
                    @Override
                    public Future<Void> onEvent(String deviceId, JsonObject envelope) {
                        count.incrementAndGet();
                        return s.intake.onEvent(deviceId, envelope);
                    }

                    @Override
                    public Future<Void> onOffline(String deviceId, long at) {
                        return s.intake.onOffline(deviceId, at);
                    }
                };
                MqttLink link = new MqttLink(broker.url(), "node-" + n + "-" + dialect, cred.username(), cred.password());
                new DeviceInbound(s.f.registry, s.f.commands, s.f.relay, () -> counting).subscribe(link, true);
                link.connect().await(20, TimeUnit.SECONDS);
                nodes.add(link);
            }
            int devices = 4;
            int perDevice = 15;
            List<FakeDevice> clients = new ArrayList<>();
            try {
                List<FakeAgent> agents = new ArrayList<>();
                for (int d = 0; d < devices; d++) {
                    String id = "SD-S" + d;
                    DeviceFixture.Enrolled e = s.f.createAndEnroll(id, DeviceKind.SEAL_DEVICE, List.of(new SealBinding("seal-" + d, null)));
                    agents.add(new FakeAgent(id, e.keyPair(), s.f.clock.millis()));
                    clients.add(new FakeDevice(broker.url(), id, id, e.mqttPassword()).connect());
                }
                for (int i = 0; i < perDevice; i++) {
                    for (int d = 0; d < devices; d++) {
                        String id = agents.get(d).deviceId;
                        JsonObject event = agents.get(d).next("HEALTH", Map.of("queueDepth", (long) i), null);
                        // QoS 1 redelivery: the same event twice
                        clients.get(d).publish(Topics.events(id), event.encode());
                        clients.get(d).publish(Topics.events(id), event.encode());
                    }
                    int expected = (i + 1) * devices;
                    MqttEndToEndTest.eventually(() -> storedEvents(s) == expected);
                }
            } finally {
                clients.forEach(FakeDevice::close);
                nodes.forEach(MqttLink::close);
                registry = null;
            }
            int total = devices * perDevice;
            assertThat(storedEvents(s)).isEqualTo(total);
            // each published message went to exactly one node; both nodes took a share
            assertThat(handled[0].get() + handled[1].get()).isEqualTo(2 * total);
            assertThat(handled[0].get()).isPositive();
            assertThat(handled[1].get()).isPositive();
            assertThat(await(s.queries.anomalies(null, 100))).isEmpty();
        }
    }

    private static long storedEvents(DeviceStack s) {
        return await(s.f.db.execute("SELECT COUNT(*) AS n FROM device_event")).iterator().next().getLong("n");
    }
}
