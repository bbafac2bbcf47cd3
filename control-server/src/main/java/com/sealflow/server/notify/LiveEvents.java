package com.sealflow.server.notify;

import com.sealflow.server.db.AfterCommit;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

/**
 * Live updates for the web: an in-process event bus topic per user, streamed by {@code GET /api/events}. Modules
 * publish small "something changed" events ({@code request.changed}, {@code task.created}…) and the page
 * refetches. Only informs, so it is sent after the transaction commits (never for one that rolls back).
 * In-process: with several server nodes a user sees events of the node serving their stream.
 */
public final class LiveEvents {

    static final String ADDRESS_PREFIX = "sealflow.user.";

    private final Vertx vertx;

    public LiveEvents(Vertx vertx) {
        this.vertx = vertx;
    }

    static String address(String userId) {
        return ADDRESS_PREFIX + userId;
    }

    /** Now. The event reaches the user's open SSE streams as {@code event: <type>}, {@code data: <data>}. */
    public void publish(String userId, String type, JsonObject data) {
        vertx.eventBus().publish(address(userId), new JsonObject().put("type", type).put("data", data == null ? new JsonObject() : data));
    }

    /** When the caller's transaction commits; nothing if it rolls back. */
    public void publishAfterCommit(SqlConnection tx, String userId, String type, JsonObject data) {
        AfterCommit.run(tx, () -> publish(userId, type, data));
    }
}
