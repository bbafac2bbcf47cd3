package com.sealflow.server.notify;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.TxMemo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The webhook endpoints table. */
final class WebhookEndpoints {

    /** Every event a webhook can subscribe to; {@code *} subscribes to all. */
    static final Set<String> EVENT_TYPES = Set.of("request.submitted", "request.returned", "request.approved", "request.rejected",
        "request.withdrawn", "request.cancelled", "task.created", "task.completed", "flow.webhook", "ping");
    static final String ALL = "*";

    /** One endpoint. */
    record Endpoint(String id, String url, String secret, List<String> eventTypes, String description, boolean active,
                    String createdBy, long createdAt, long updatedAt) {

        boolean wants(String type) {
            return active && (eventTypes.contains(ALL) || eventTypes.contains(type));
        }

        /** The secret never leaves the server after creation; its last four characters help tell secrets apart. */
        JsonObject toJson() {
            return new JsonObject().put("id", id).put("url", url).put("eventTypes", new JsonArray(new ArrayList<>(eventTypes)))
                .put("description", description).put("active", active)
                .put("secretHint", "…" + secret.substring(Math.max(0, secret.length() - 4)))
                .put("createdBy", createdBy).put("createdAt", createdAt).put("updatedAt", updatedAt);
        }
    }

    private static final String COLUMNS = "id, url, secret, event_types, description, active, created_by, created_at, updated_at";

    /** The endpoints as this transaction read them ({@link TxMemo}): an action asks once per event it makes. */
    private static final Object KEPT = new Object();

    private final Database db;

    WebhookEndpoints(Database db) {
        this.db = db;
    }

    Database db() {
        return db;
    }

    @SuppressWarnings("unchecked")
    Future<List<Endpoint>> all(SqlClient c) {
        if (TxMemo.get(c, KEPT) instanceof List<?> kept) {
            return Future.succeededFuture((List<Endpoint>) kept);
        }
        return db.execute(c, "SELECT " + COLUMNS + " FROM webhook_endpoints ORDER BY created_at, id").map(rs -> {
            List<Endpoint> out = new ArrayList<>();
            rs.forEach(r -> out.add(of(r)));
            List<Endpoint> all = List.copyOf(out);
            TxMemo.put(c, KEPT, all);
            return all;
        });
    }

    Future<Optional<Endpoint>> find(SqlClient c, String id) {
        return db.execute(c, "SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = $1", id)
            .map(rs -> rs.iterator().hasNext() ? Optional.of(of(rs.iterator().next())) : Optional.empty());
    }

    Future<Void> insert(SqlClient c, Endpoint e) {
        TxMemo.forget(c, KEPT);
        return db.execute(c, "INSERT INTO webhook_endpoints (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            e.id(), e.url(), e.secret(), String.join(" ", e.eventTypes()), e.description(), e.active() ? 1 : 0, e.createdBy(),
            e.createdAt(), e.updatedAt()).mapEmpty();
    }

    Future<Void> update(SqlClient c, Endpoint e) {
        TxMemo.forget(c, KEPT);
        return db.execute(c, "UPDATE webhook_endpoints SET url = $1, secret = $2, event_types = $3, description = $4, active = $5,"
            + " updated_at = $6 WHERE id = $7", e.url(), e.secret(), String.join(" ", e.eventTypes()), e.description(),
            e.active() ? 1 : 0, e.updatedAt(), e.id()).mapEmpty();
    }

    Future<Boolean> delete(SqlClient c, String id) {
        TxMemo.forget(c, KEPT);
        return db.execute(c, "DELETE FROM webhook_endpoints WHERE id = $1", id).map(rs -> rs.rowCount() == 1);
    }

    private static Endpoint of(Row r) {
        return new Endpoint(r.getString("id"), r.getString("url"), r.getString("secret"),
            Arrays.stream(r.getString("event_types").split(" ")).filter(s -> !s.isBlank()).toList(), r.getString("description"),
            r.getInteger("active") != 0, r.getString("created_by"), r.getLong("created_at"), r.getLong("updated_at"));
    }
}
