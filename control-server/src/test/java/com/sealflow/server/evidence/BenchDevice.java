package com.sealflow.server.evidence;

import com.sealflow.protocol.evidence.DeviceEvent;
import com.sealflow.protocol.evidence.EvidenceCodec;
import com.sealflow.protocol.evidence.SignedDeviceEvent;
import com.sealflow.protocol.mqtt.NoDelaySocketFactory;
import com.sealflow.protocol.token.FastEd25519;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * One enrolled device for ingest benchmarks: its own Ed25519 key and credentials, an MQTT 5 connection to the
 * server's broker, and signed, chained press events as the edge agent makes them (firmware-protocol's codec).
 * Events are signed ahead of the timed phase (on the device, signing is the device's CPU, not the server's).
 */
final class BenchDevice implements AutoCloseable {

    /** A journaled press: its envelope, ready to publish, and its photo's tag and hash (null without photo). */
    record Press(String eventId, byte[] payload, String photoTag, String photoSha256) {
    }

    private static final int WINDOW = 64;

    final String id;
    final String httpToken;
    private final PrivateKey key;
    private final String mqttUrl;
    private final String password;
    private final Semaphore window = new Semaphore(WINDOW);
    private MqttAsyncClient client;
    private long seq;
    private String prevHash = DeviceEvent.GENESIS;
    private long counter;

    BenchDevice(String id, PrivateKey key, String mqttUrl, String password, String httpToken) {
        this.id = id;
        this.key = key;
        this.mqttUrl = mqttUrl;
        this.password = password;
        this.httpToken = httpToken;
    }

    /** The next press in this device's chain, stamped now; {@code photos} null: the event names no photo. */
    Press sign(BenchPhotos photos) {
        seq++;
        counter++;
        long now = System.currentTimeMillis();
        String tag = photos == null ? null : id + "-" + seq;
        String sha = tag == null ? null : PhotoStore.sha256Hex(photos.photo(tag));
        Map<String, Object> body = new HashMap<>();
        body.put("sessionId", 1L);
        body.put("pressCounter", counter);
        body.put("forced", false);
        if (sha != null) {
            body.put("photoSha256", sha);
        }
        DeviceEvent event = new DeviceEvent(UUID.randomUUID().toString(), id, seq, "PRESS", now, System.nanoTime() / 1_000_000, body,
            prevHash);
        // the same signature as EvidenceCodec.sign (Ed25519 is deterministic), with Bouncy Castle: the set-up signs tens of
        // thousands of events before the timed phase, which the JDK's EdDSA made take minutes
        byte[] canonical = EvidenceCodec.canonical(event);
        SignedDeviceEvent signed = new SignedDeviceEvent(event, EvidenceCodec.sha256Hex(canonical),
            Base64.getUrlEncoder().withoutPadding().encodeToString(FastEd25519.INSTANCE.sign(key, canonical)));
        prevHash = signed.hash();
        byte[] payload = FakeAgent.envelope(signed, sha).encode().getBytes(StandardCharsets.UTF_8);
        return new Press(event.eventId(), payload, tag, sha);
    }

    void connect() throws MqttException {
        client = new MqttAsyncClient(mqttUrl, id, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(new NoDelaySocketFactory());
        options.setUserName(id);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setKeepAliveInterval(60);
        options.setConnectionTimeout(30);
        client.connect(options).waitForCompletion(30_000);
    }

    boolean connected() {
        return client != null && client.isConnected();
    }

    /**
     * Publishes at QoS 1 as the agent does; blocks while {@value #WINDOW} publishes await their PUBACK.
     * {@code onPuback} gets the nanoTime of the broker's PUBACK; {@code onError} any failure.
     */
    void publish(Press press, LongConsumer onPuback, Runnable onError) throws InterruptedException {
        window.acquire();
        MqttMessage message = new MqttMessage(press.payload());
        message.setQos(1);
        try {
            client.publish("sealflow/v1/dev/" + id + "/evt", message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    window.release();
                    onPuback.accept(System.nanoTime());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    window.release();
                    onError.run();
                }
            });
        } catch (MqttException e) {
            window.release();
            onError.run();
        }
    }

    @Override
    public void close() {
        try {
            if (client != null) {
                if (client.isConnected()) {
                    client.disconnect(2000).waitForCompletion(3000);
                }
                client.close(true);
            }
        } catch (MqttException e) {
            // closing after the run
        }
    }
}
