package com.sealflow.server.request;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

/**
 * What the device/evidence module tells a request's detail page: its unlock commands
 * ({@code [{commandId, deviceId, state}]}) and presses (press JSON of DESIGN §8). Empty until wired.
 */
public interface RequestEvidence {

    RequestEvidence NONE = new RequestEvidence() {
        @Override
        public Future<JsonArray> unlocks(String requestId) {
            return Future.succeededFuture(new JsonArray());
        }

        @Override
        public Future<JsonArray> presses(String requestId) {
            return Future.succeededFuture(new JsonArray());
        }
    };

    Future<JsonArray> unlocks(String requestId);

    Future<JsonArray> presses(String requestId);
}
