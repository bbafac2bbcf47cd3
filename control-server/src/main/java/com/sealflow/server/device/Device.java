package com.sealflow.server.device;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A smart seal device or cabinet as the API shows it (DESIGN §8; the public key is never shown). */
public record Device(String id, String serialNo, DeviceKind kind, DeviceStatus status, String location,
                     Long lastSeenAt, String firmware, List<SealBinding> seals, Long enrolledAt) {

    public JsonObject toJson() {
        JsonArray sealArray = new JsonArray();
        seals.forEach(s -> sealArray.add(s.toJson()));
        return new JsonObject().put("id", id).put("serialNo", serialNo).put("kind", kind.name())
            .put("status", status.name()).put("location", location).put("lastSeenAt", lastSeenAt)
            .put("firmware", firmware).put("seals", sealArray).put("enrolledAt", enrolledAt);
    }
}
