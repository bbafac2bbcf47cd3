package com.sealflow.server.device;

import com.sealflow.server.device.broker.MqttLink;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes what devices publish to the modules that handle it. Events and command results arrive through MQTT 5
 * shared subscriptions (one server node of the group gets each); status is a plain subscription, because brokers
 * do not hand retained messages to shared subscriptions and every node must learn the current status at start.
 * The broker ACL guarantees the device id in the topic is the publisher's own.
 */
public final class DeviceInbound {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceInbound.class);
    private static final int MAX_PAYLOAD = 64 * 1024;

    private final DeviceRegistry registry;
    private final DeviceCommands commands;
    private final Supplier<DeviceEventSink> events;
    private final OutboxRelay relay;

    /** {@code relay} sends a device's open commands again when it comes (back) online. */
    public DeviceInbound(DeviceRegistry registry, DeviceCommands commands, OutboxRelay relay, Supplier<DeviceEventSink> events) {
        this.registry = registry;
        this.commands = commands;
        this.relay = relay;
        this.events = events;
    }

    /**
     * Adds the subscriptions to the server's link; call before connecting it. {@code shared}: device events and
     * command results through the MQTT 5 shared subscription several nodes of an external broker split between them;
     * on its own embedded broker the server is the only subscriber and subscribes plainly.
     */
    public MqttLink subscribe(MqttLink link, boolean shared) {
        return link.subscribe(shared ? Topics.shared("evt") : Topics.ROOT + "+/evt", 1, this::onEvent)
            .subscribe(shared ? Topics.shared("cmd-res/+") : Topics.ROOT + "+/cmd-res/+", 1, this::onResult)
            .subscribe(Topics.ROOT + "+/status", 1, this::onStatus);
    }

    private Future<Void> onEvent(String topic, byte[] payload, boolean retained) {
        String deviceId = Topics.deviceIdOf(topic);
        JsonObject json = parse(topic, payload);
        if (deviceId == null || json == null) {
            return Future.succeededFuture();
        }
        // handed to the sink at once, in arrival order: waiting for the last-seen update first would let a device's
        // next event (whose update is skipped) overtake this one
        Future<Void> stored = events.get().onEvent(deviceId, json);
        return Future.all(registry.touch(deviceId), stored).mapEmpty();
    }

    private Future<Void> onResult(String topic, byte[] payload, boolean retained) {
        String deviceId = Topics.deviceIdOf(topic);
        String leaf = Topics.leafOf(topic);
        JsonObject json = parse(topic, payload);
        if (deviceId == null || json == null || leaf == null || !leaf.startsWith("cmd-res/")) {
            return Future.succeededFuture();
        }
        // the answer does not wait for the last-seen update (nor the update for the answer)
        return Future.all(registry.touch(deviceId), commands.onResult(deviceId, leaf.substring("cmd-res/".length()), json)).mapEmpty();
    }

    private Future<Void> onStatus(String topic, byte[] payload, boolean retained) {
        String deviceId = Topics.deviceIdOf(topic);
        JsonObject json = parse(topic, payload);
        if (deviceId == null || json == null) {
            return Future.succeededFuture();
        }
        Future<Void> updated = registry.onStatus(deviceId, json);
        if ("OFFLINE".equals(json.getString("state")) && !retained) {
            updated = updated.compose(v -> events.get().onOffline(deviceId, System.currentTimeMillis()));
        }
        if ("ONLINE".equals(json.getString("state"))) {
            // also for a retained ONLINE seen at start-up: this node may have published while the device was away
            updated = updated.compose(v -> relay.resendOpen(deviceId)).mapEmpty();
        }
        return updated;
    }

    private static JsonObject parse(String topic, byte[] payload) {
        if (payload == null || payload.length == 0 || payload.length > MAX_PAYLOAD) {
            return null;
        }
        try {
            return new JsonObject(new String(payload, StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException e) {
            LOG.info("dropped malformed message on {}", topic);
            return null;
        }
    }
}
