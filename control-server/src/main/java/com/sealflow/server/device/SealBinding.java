package com.sealflow.server.device;

import io.vertx.core.json.JsonObject;

/** A seal held by a device; {@code slot} is the cabinet slot, null for a single-seal device. */
public record SealBinding(String sealId, Integer slot) {

    public JsonObject toJson() {
        return new JsonObject().put("sealId", sealId).put("slot", slot);
    }
}
