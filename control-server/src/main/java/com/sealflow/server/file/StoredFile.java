package com.sealflow.server.file;

import io.vertx.core.json.JsonObject;

/** An uploaded file: {@code {id, name, size, sha256, contentType}} plus who uploaded it. */
public record StoredFile(String id, String name, long size, String sha256, String contentType, String ownerId, long createdAt) {

    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("name", name).put("size", size).put("sha256", sha256)
            .put("contentType", contentType);
    }
}
