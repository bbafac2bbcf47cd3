package com.sealflow.server.request;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import com.sealflow.server.db.TxMemo;
import com.sealflow.server.seal.DocumentType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for the request tables; the only code that touches them. */
final class RequestRepository {

    private static final String COLUMNS = "id, no, type, status, frozen, applicant_id, department_id, document_type, document_name, "
        + "copies, reason, amount_fen, counterparty, expected_return_at, destination, form_json, flow_key, flow_version, instance_id, "
        + "last_urged_at, version, created_at, updated_at, submitted_at, finished_at";

    /**
     * A request this transaction read or wrote, kept for the rest of it ({@link TxMemo}): one action's listeners read the
     * same request several times. {@code locked}: read with its row lock (or written), so a later lock needs no statement.
     */
    private record Kept(String id) {
    }

    private record KeptRequest(SealRequest request, boolean locked) {
    }

    private final Database db;
    private volatile RequestAudit audit = RequestAudit.NONE;

    RequestRepository(Database db) {
        this.db = db;
    }

    Database db() {
        return db;
    }

    Future<Void> insert(SqlClient conn, SealRequest r) {
        return db.execute(conn, "INSERT INTO requests (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
                + "$13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)",
            r.id(), r.no(), r.type().name(), r.status().name(), r.frozen() ? 1 : 0, r.applicantId(), r.departmentId(),
            r.documentType().name(), r.documentName(), r.copies(), r.reason(), fen(r.amount()), r.counterparty(),
            r.takeOut() == null ? null : r.takeOut().expectedReturnAt(), r.takeOut() == null ? null : r.takeOut().destination(),
            r.form().encode(), r.flowKey(), r.flowVersion(), r.instanceId(), r.lastUrgedAt(), r.version(), r.createdAt(),
            r.updatedAt(), r.submittedAt(), r.finishedAt())
            .compose(v -> writeLists(conn, r));
    }

    /** Writes the new state if nobody changed the row since it was read (the caller also holds its lock). */
    Future<Void> update(SqlClient conn, SealRequest r, boolean listsChanged) {
        // what this transaction kept of the request is forgotten now, and is the written state once the write succeeded
        TxMemo.forget(conn, new Kept(r.id()));
        return db.execute(conn, "UPDATE requests SET type = $1, status = $2, frozen = $3, document_type = $4, document_name = $5, "
                + "copies = $6, reason = $7, amount_fen = $8, counterparty = $9, expected_return_at = $10, destination = $11, "
                + "form_json = $12, flow_key = $13, flow_version = $14, instance_id = $15, last_urged_at = $16, version = $17, "
                + "updated_at = $18, submitted_at = $19, finished_at = $20 WHERE id = $21 AND version = $22",
            r.type().name(), r.status().name(), r.frozen() ? 1 : 0, r.documentType().name(), r.documentName(), r.copies(),
            r.reason(), fen(r.amount()), r.counterparty(), r.takeOut() == null ? null : r.takeOut().expectedReturnAt(),
            r.takeOut() == null ? null : r.takeOut().destination(), r.form().encode(), r.flowKey(), r.flowVersion(),
            r.instanceId(), r.lastUrgedAt(), r.version(), r.updatedAt(), r.submittedAt(), r.finishedAt(), r.id(), r.version() - 1)
            .compose(rs -> {
                if (rs.rowCount() != 1) {
                    return Future.failedFuture(new com.sealflow.server.seal.DomainException(409, "stale",
                        "the request was changed meanwhile; reload and retry"));
                }
                if (!listsChanged) {
                    return Future.succeededFuture();
                }
                return db.execute(conn, "DELETE FROM request_seals WHERE request_id = $1", r.id())
                    .compose(x -> db.execute(conn, "DELETE FROM request_files WHERE request_id = $1", r.id()))
                    .compose(x -> writeLists(conn, r));
            })
            .onSuccess(v -> TxMemo.put(conn, new Kept(r.id()), new KeptRequest(r, true)));
    }

    private Future<Void> writeLists(SqlClient conn, SealRequest r) {
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < r.sealIds().size(); i++) {
            int pos = i;
            chain = chain.compose(v -> db.execute(conn, "INSERT INTO request_seals (request_id, seal_id, position) VALUES ($1, $2, $3)",
                r.id(), r.sealIds().get(pos), pos).mapEmpty());
        }
        for (int i = 0; i < r.fileIds().size(); i++) {
            int pos = i;
            chain = chain.compose(v -> db.execute(conn, "INSERT INTO request_files (request_id, file_id, position) VALUES ($1, $2, $3)",
                r.id(), r.fileIds().get(pos), pos).mapEmpty());
        }
        return chain;
    }

    /** The request; its row and its seal and file lists are asked for at once (pipelined on a PostgreSQL connection). */
    Future<Optional<SealRequest>> find(SqlClient client, String id) {
        if (client == db.pool()) {
            // from the pool: its two reads on one connection, one wait for it
            return db.reading(c -> find(c, id));
        }
        if (TxMemo.get(client, new Kept(id)) instanceof KeptRequest kept) {
            return Future.succeededFuture(Optional.of(kept.request()));
        }
        Future<RowSet<Row>> row = db.execute(client, "SELECT " + COLUMNS + " FROM requests WHERE id = $1", id);
        Map<String, List<String>> seals = new HashMap<>();
        Map<String, List<String>> files = new HashMap<>();
        Future<Void> lists = lists(client, List.of(id), seals, files);
        return Future.all(row, lists).map(x -> {
            RowSet<Row> rs = row.result();
            if (rs.size() == 0) {
                return Optional.<SealRequest>empty();
            }
            SealRequest r = fromRow(rs.iterator().next(), seals, files);
            TxMemo.put(client, new Kept(id), new KeptRequest(r, false));
            return Optional.of(r);
        });
    }

    /** The request's number when it is frozen; null when it is not, or unknown. */
    Future<String> numberIfFrozen(SqlClient client, String id) {
        return db.execute(client, "SELECT no FROM requests WHERE id = $1 AND frozen <> 0", id)
            .map(rs -> rs.size() == 0 ? null : rs.iterator().next().getString("no"));
    }

    Future<Optional<SealRequest>> lock(SqlClient conn, String id) {
        if (TxMemo.get(conn, new Kept(id)) instanceof KeptRequest kept && kept.locked()) {
            return Future.succeededFuture(Optional.of(kept.request()));
        }
        return select(conn, "SELECT " + COLUMNS + " FROM requests WHERE id = $1" + db.forUpdate(), id).map(RequestRepository::first)
            .onSuccess(found -> found.ifPresent(r -> TxMemo.put(conn, new Kept(id), new KeptRequest(r, true))));
    }

    Future<Optional<SealRequest>> lockByInstance(SqlClient conn, String instanceId) {
        return select(conn, "SELECT " + COLUMNS + " FROM requests WHERE instance_id = $1" + db.forUpdate(), instanceId)
            .map(RequestRepository::first);
    }

    Future<Optional<SealRequest>> byInstance(SqlClient client, String instanceId) {
        return select(client, "SELECT " + COLUMNS + " FROM requests WHERE instance_id = $1", instanceId).map(RequestRepository::first);
    }

    /** Open requests naming this seal, locked: what a lost seal freezes. */
    Future<List<SealRequest>> lockOpenWithSeal(SqlClient conn, String sealId) {
        return select(conn, "SELECT " + COLUMNS + " FROM requests WHERE status IN ('DRAFT', 'IN_PROGRESS', 'RETURNED') AND id IN "
            + "(SELECT request_id FROM request_seals WHERE seal_id = $1) ORDER BY id" + db.forUpdate(), sealId);
    }

    /**
     * One page of requests matching a WHERE clause built by {@link RequestQuery}, newest first, plus the total. The page
     * and the count are asked for at once: pass a connection held for the reads ({@link Database#reading}), not the pool.
     */
    Future<Page> page(SqlClient client, String where, List<Object> params, int page, int size) {
        List<Object> all = new ArrayList<>(params);
        all.add(size);
        all.add((long) page * size);
        String n = "$" + (params.size() + 1);
        String m = "$" + (params.size() + 2);
        Future<List<SealRequest>> items = select(client, "SELECT " + COLUMNS + " FROM requests WHERE " + where
            + " ORDER BY created_at DESC, id DESC LIMIT " + n + " OFFSET " + m, all.toArray());
        Future<Long> total = db.execute(client, "SELECT COUNT(*) AS n FROM requests WHERE " + where, params.toArray())
            .map(rs -> rs.iterator().next().getLong("n"));
        return Future.all(items, total).map(x -> new Page(items.result(), total.result()));
    }

    record Page(List<SealRequest> items, long total) {
    }

    Future<Void> event(SqlClient conn, String requestId, long at, String actorId, String kind, JsonObject detail) {
        Future<Void> stored = db.execute(conn, "INSERT INTO request_events (id, request_id, at, actor_id, kind, detail) "
            + "VALUES ($1, $2, $3, $4, $5, $6)", Ids.newId(), requestId, at, actorId, kind, detail == null ? null : detail.encode())
            .mapEmpty();
        return conn instanceof SqlConnection tx ? stored.compose(v -> audit.record(tx, requestId, actorId, kind, detail)) : stored;
    }

    void setAudit(RequestAudit audit) {
        this.audit = audit == null ? RequestAudit.NONE : audit;
    }

    Future<List<JsonObject>> events(SqlClient client, String requestId) {
        return db.execute(client, "SELECT id, at, actor_id, kind, detail FROM request_events WHERE request_id = $1 ORDER BY at, id",
            requestId).map(rs -> {
                List<JsonObject> out = new ArrayList<>();
                for (Row r : rs) {
                    String detail = r.getString("detail");
                    out.add(new JsonObject().put("id", r.getString("id")).put("at", r.getLong("at")).put("actorId", r.getString("actor_id"))
                        .put("kind", r.getString("kind")).put("detail", detail == null ? null : new JsonObject(detail)));
                }
                return out;
            });
    }

    private Future<List<SealRequest>> select(SqlClient client, String sql, Object... params) {
        if (client == db.pool()) {
            // from the pool: the rows and their lists on one connection, one wait for it
            return db.reading(c -> select(c, sql, params));
        }
        return db.execute(client, sql, params).compose(rs -> {
            List<Row> rows = new ArrayList<>();
            rs.forEach(rows::add);
            if (rows.isEmpty()) {
                return Future.succeededFuture(List.of());
            }
            List<Object> ids = rows.stream().map(r -> (Object) r.getString("id")).toList();
            Map<String, List<String>> seals = new HashMap<>();
            Map<String, List<String>> files = new HashMap<>();
            return lists(client, ids, seals, files).map(v -> rows.stream().map(r -> fromRow(r, seals, files)).toList());
        });
    }

    /** The requests' seal ids and file ids, each in position order, read in one statement. */
    private Future<Void> lists(SqlClient client, List<Object> ids, Map<String, List<String>> seals, Map<String, List<String>> files) {
        StringBuilder in = new StringBuilder();
        StringBuilder in2 = new StringBuilder();
        for (int i = 1; i <= ids.size(); i++) {
            in.append(i == 1 ? "" : ", ").append('$').append(i);
            in2.append(i == 1 ? "" : ", ").append('$').append(ids.size() + i);
        }
        List<Object> params = new ArrayList<>(ids);
        params.addAll(ids);
        return db.execute(client, "SELECT request_id, 0 AS k, position, seal_id AS v FROM request_seals WHERE request_id IN (" + in
            + ") UNION ALL SELECT request_id, 1 AS k, position, file_id AS v FROM request_files WHERE request_id IN (" + in2
            + ") ORDER BY request_id, k, position", params.toArray()).map(rs -> {
                for (Row r : rs) {
                    (r.getInteger("k") == 0 ? seals : files).computeIfAbsent(r.getString("request_id"), x -> new ArrayList<>())
                        .add(r.getString("v"));
                }
                return null;
            });
    }

    private static Optional<SealRequest> first(List<SealRequest> all) {
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private static SealRequest fromRow(Row r, Map<String, List<String>> seals, Map<String, List<String>> files) {
        String id = r.getString("id");
        Long due = r.getLong("expected_return_at");
        Long amountFen = r.getLong("amount_fen");
        return new SealRequest(id, r.getString("no"), RequestType.valueOf(r.getString("type")),
            RequestStatus.valueOf(r.getString("status")), r.getInteger("frozen") != 0, r.getString("applicant_id"),
            r.getString("department_id"), seals.getOrDefault(id, List.of()), DocumentType.valueOf(r.getString("document_type")),
            r.getString("document_name"), r.getInteger("copies"), r.getString("reason"),
            amountFen == null ? null : BigDecimal.valueOf(amountFen, 2), r.getString("counterparty"),
            due == null ? null : new SealRequest.TakeOut(due, r.getString("destination")), new JsonObject(r.getString("form_json")),
            files.getOrDefault(id, List.of()), r.getString("flow_key"), r.getInteger("flow_version"), r.getString("instance_id"),
            r.getLong("last_urged_at"), r.getLong("version"), r.getLong("created_at"), r.getLong("updated_at"),
            r.getLong("submitted_at"), r.getLong("finished_at"));
    }

    private static Long fen(BigDecimal amount) {
        return amount == null ? null : amount.movePointRight(2).longValueExact();
    }

}
