package com.sealflow.server.request;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.SqlClient;

/**
 * What the device/evidence module tells a request's detail page: its unlock commands
 * ({@code [{commandId, deviceId, state}]}) and presses (press JSON of DESIGN §8), read on {@code reads} (the
 * connection the detail page holds for its reads). Empty until wired.
 */
public interface RequestEvidence {

    RequestEvidence NONE = new RequestEvidence() {
        @Override
        public Future<JsonArray> unlocks(SqlClient reads, String requestId) {
            return Future.succeededFuture(new JsonArray());
        }

        @Override
        public Future<JsonArray> presses(SqlClient reads, String requestId) {
            return Future.succeededFuture(new JsonArray());
        }
    };

    Future<JsonArray> unlocks(SqlClient reads, String requestId);

    Future<JsonArray> presses(SqlClient reads, String requestId);
}
