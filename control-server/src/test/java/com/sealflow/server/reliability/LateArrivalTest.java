package com.sealflow.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.agent.identity.DeviceKeys;
import com.sealflow.agent.identity.Enrolment;
import com.sealflow.protocol.evidence.DeviceEvent;
import com.sealflow.protocol.evidence.EvidenceCodec;
import com.sealflow.protocol.evidence.SignedDeviceEvent;
import com.sealflow.server.Servers;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.device.broker.FakeDevice;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events out of order, as an agent's replay overtaken by live events delivers them: the first event past a gap is
 * flagged (its predecessors are missing when it arrives), the late ones that fill the gap and link to their stored
 * neighbours are trusted and not taken for a counter going backwards; a second event for a seq already taken is.
 */
class LateArrivalTest {

    @TempDir
    Path tmp;

    @Test
    void lateEventsFillingAGapAreTrustedAndASecondEventForATakenSeqIsFlagged() throws Exception {
        try (TestServer server = TestServer.start(Dialect.SQLITE, Map.of("demo", "true", "demo.devices", "false"));
             Ticker ticker = new Ticker(() -> server)) {
            Path dir = tmp.resolve("agent");
            Enrolment enrolment = Servers.enrol(server, "SD-01", dir);
            PrivateKey key = DeviceKeys.load(dir).privateKey();
            SignedDeviceEvent[] chain = new SignedDeviceEvent[5];
            String prev = DeviceEvent.GENESIS;
            for (int seq = 1; seq <= 4; seq++) {
                chain[seq] = EvidenceCodec.sign(new DeviceEvent(UUID.randomUUID().toString(), "SD-01", seq, "HEALTH",
                    server.clock.millis(), 1000L * seq, Map.of("queueDepth", 0L), prev), key);
                prev = chain[seq].hash();
            }
            SignedDeviceEvent fork = EvidenceCodec.sign(new DeviceEvent(UUID.randomUUID().toString(), "SD-01", 3, "HEALTH",
                server.clock.millis(), 3500L, Map.of("queueDepth", 1L), chain[2].hash()), key);
            String fourOnArrival = null;
            try (FakeDevice device = new FakeDevice(enrolment.mqtt().url(), "SD-01", "SD-01", enrolment.mqtt().password()).connect()) {
                for (SignedDeviceEvent e : new SignedDeviceEvent[] {chain[1], chain[4], chain[2], chain[3], fork}) {
                    device.publish("sealflow/v1/dev/SD-01/evt", envelope(e));
                    Flows.await(() -> stored(server).containsKey(e.event().eventId()), Boolean::booleanValue, 30);
                    if (e == chain[4]) {
                        fourOnArrival = stored(server).get(e.event().eventId());
                    }
                }
            }
            Map<String, String> flags = stored(server);
            System.out.printf("LateArrivalTest: arrival order 1, 4, 2, 3, fork of 3 -> flags %s%n", Map.of(
                "1", flags.get(chain[1].event().eventId()), "4", flags.get(chain[4].event().eventId()),
                "2", flags.get(chain[2].event().eventId()), "3", flags.get(chain[3].event().eventId()),
                "fork", flags.get(fork.event().eventId())));
            assertThat(flags.get(chain[1].event().eventId())).isEqualTo("trusted");
            assertThat(fourOnArrival).as("seen past a gap").isEqualTo("CHAIN_BROKEN");
            assertThat(flags.get(chain[4].event().eventId())).as("trusted again once 2 and 3 filled the gap and link").isEqualTo("trusted");
            assertThat(flags.get(chain[2].event().eventId())).as("late, fills the gap").isEqualTo("trusted");
            assertThat(flags.get(chain[3].event().eventId())).as("late, links both ways").isEqualTo("trusted");
            assertThat(flags.get(fork.event().eventId())).as("a second event for seq 3").isEqualTo("COUNTER_BACKWARDS");
        }
    }

    private static String envelope(SignedDeviceEvent signed) {
        DeviceEvent e = signed.event();
        return new JsonObject().put("eventId", e.eventId()).put("deviceId", e.deviceId()).put("seq", e.seq()).put("type", e.type())
            .put("at", e.at()).put("monotonicMs", e.monotonicMs()).put("body", new JsonObject(new HashMap<>(e.body())))
            .put("prevHash", e.prevHash()).put("hash", signed.hash()).put("signature", signed.signature()).encode();
    }

    /** SD-01's stored events: event id to "trusted" or its flags. */
    private static Map<String, String> stored(TestServer server) {
        Map<String, String> out = new HashMap<>();
        try {
            server.server.platform().db().execute("SELECT event_id, verified, flags FROM device_event WHERE device_id = 'SD-01'")
                .await(20, java.util.concurrent.TimeUnit.SECONDS)
                .forEach(r -> out.put(r.getString("event_id"),
                    r.getInteger("verified") == 1 ? "trusted" : String.valueOf(r.getString("flags"))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
