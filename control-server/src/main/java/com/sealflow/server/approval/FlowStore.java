package com.sealflow.server.approval;

import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** Drafts and published versions. Published versions never change, so they are cached per server node. */
final class FlowStore {

    private final Database db;
    private final ConcurrentMap<String, FlowIndex> versions = new ConcurrentHashMap<>();

    FlowStore(Database db) {
        this.db = db;
    }

    Future<FlowSummary> saveDraft(FlowDefinition flow, String userId, long now) {
        String json = FlowJson.write(flow);
        return db.inTransaction(c -> db.execute(c, "SELECT latest_version FROM approval_flow WHERE flow_key = $1" + db.forUpdate(),
                flow.key())
            .compose(rs -> {
                if (rs.size() == 0) {
                    return db.execute(c, "INSERT INTO approval_flow (flow_key, name, draft_json, draft_updated_at, draft_updated_by,"
                        + " latest_version) VALUES ($1, $2, $3, $4, $5, 0)", flow.key(), flow.name(), json, now, userId)
                        .map(x -> new FlowSummary(flow.key(), flow.name(), 0, true, now));
                }
                int latest = rs.iterator().next().getInteger(0);
                return db.execute(c, "UPDATE approval_flow SET name = $1, draft_json = $2, draft_updated_at = $3,"
                        + " draft_updated_by = $4 WHERE flow_key = $5", flow.name(), json, now, userId, flow.key())
                    .map(x -> new FlowSummary(flow.key(), flow.name(), latest, true, now));
            }));
    }

    /** Publishes the draft as the next version (the draft is cleared). */
    Future<FlowVersionRef> publish(String key, String userId, long now) {
        return db.inTransaction(c -> db.execute(c, "SELECT draft_json, latest_version FROM approval_flow WHERE flow_key = $1"
                + db.forUpdate(), key)
            .compose(rs -> {
                if (rs.size() == 0) {
                    return Future.failedFuture(new ApprovalNotFoundException("no flow " + key));
                }
                Row r = rs.iterator().next();
                String json = r.getString(0);
                if (json == null) {
                    return Future.failedFuture(new ApprovalConflictException(ApprovalConflictException.Reason.INSTANCE_STATE,
                        "flow " + key + " has no draft to publish"));
                }
                List<ValidationError> errors = FlowValidator.validate(FlowJson.parse(json));
                if (!errors.isEmpty()) {
                    return Future.failedFuture(new ApprovalValidationException(errors));
                }
                int version = r.getInteger(1) + 1;
                return db.execute(c, "INSERT INTO approval_flow_version (flow_key, version, definition_json, published_at,"
                        + " published_by) VALUES ($1, $2, $3, $4, $5)", key, version, json, now, userId)
                    .compose(x -> db.execute(c, "UPDATE approval_flow SET latest_version = $1, draft_json = NULL,"
                        + " draft_updated_at = NULL WHERE flow_key = $2", version, key))
                    .map(x -> new FlowVersionRef(key, version));
            }));
    }

    Future<List<FlowSummary>> list() {
        return db.execute("SELECT flow_key, name, latest_version, draft_json, draft_updated_at FROM approval_flow ORDER BY flow_key")
            .map(rs -> {
                List<FlowSummary> out = new ArrayList<>();
                rs.forEach(r -> out.add(new FlowSummary(r.getString(0), r.getString(1), r.getInteger(2), r.getString(3) != null,
                    r.getLong(4))));
                return out;
            });
    }

    /** The draft, else the latest version; null when the key is unknown. */
    Future<FlowDefinition> current(String key) {
        return db.execute("SELECT draft_json, latest_version FROM approval_flow WHERE flow_key = $1", key).compose(rs -> {
            if (rs.size() == 0) {
                return Future.failedFuture(new ApprovalNotFoundException("no flow " + key));
            }
            Row r = rs.iterator().next();
            if (r.getString(0) != null) {
                return Future.succeededFuture(FlowJson.parse(r.getString(0)));
            }
            return version(db.pool(), key, r.getInteger(1)).map(i -> i.flow);
        });
    }

    /** The latest published version; {@code statements} counts the query (the engine's per-action figure). */
    Future<Integer> latestVersion(SqlClient c, String key, AtomicLong statements) {
        statements.incrementAndGet();
        return db.execute(c, "SELECT latest_version FROM approval_flow WHERE flow_key = $1", key).compose(rs -> {
            if (rs.size() == 0 || rs.iterator().next().getInteger(0) == 0) {
                return Future.failedFuture(new ApprovalNotFoundException("no published version of flow " + key));
            }
            return Future.succeededFuture(rs.iterator().next().getInteger(0));
        });
    }

    Future<FlowIndex> version(SqlClient c, String key, int version) {
        FlowIndex cached = versions.get(key + "@" + version);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return db.execute(c, "SELECT definition_json FROM approval_flow_version WHERE flow_key = $1 AND version = $2", key, version)
            .compose(rs -> {
                if (rs.size() == 0) {
                    return Future.failedFuture(new ApprovalNotFoundException("no version " + version + " of flow " + key));
                }
                FlowIndex index = new FlowIndex(FlowJson.parse(rs.iterator().next().getString(0)), version);
                versions.putIfAbsent(key + "@" + version, index);
                return Future.succeededFuture(index);
            });
    }
}
