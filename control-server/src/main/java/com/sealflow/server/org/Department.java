package com.sealflow.server.org;

import io.vertx.core.json.JsonObject;

/** A node of the departments tree; {@code parentId} null for a top department, {@code headId} null when vacant. */
public record Department(String id, String code, String name, String parentId, String headId) {

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("code", code).put("name", name)
            .put("parentId", parentId).put("headId", headId);
    }
}
