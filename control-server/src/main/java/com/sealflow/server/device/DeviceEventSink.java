package com.sealflow.server.device;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Where device events go (the evidence module implements it); the device module knows no evidence tables. */
public interface DeviceEventSink {

    /** An {@code evt} message from {@code deviceId} (already authenticated by the broker ACL). */
    Future<Void> onEvent(String deviceId, JsonObject envelope);

    /** The device went offline (last will or clean OFFLINE status). */
    Future<Void> onOffline(String deviceId, long at);

    DeviceEventSink NONE = new DeviceEventSink() {
        @Override
        public Future<Void> onEvent(String deviceId, JsonObject envelope) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> onOffline(String deviceId, long at) {
            return Future.succeededFuture();
        }
    };
}
