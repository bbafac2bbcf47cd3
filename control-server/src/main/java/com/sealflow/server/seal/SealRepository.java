package com.sealflow.server.seal;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.TxMemo;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** SQL for the {@code seals} table; the only code that touches it. */
final class SealRepository {

    private static final String COLUMNS = "id, code, name, type, status, department_id, custodian_id, backup_custodian_id, "
        + "device_id, slot, filing_code, impression_file_id, allowed_document_types, flow_key, version, created_at, updated_at";

    /**
     * The seals this transaction read by id ({@link TxMemo}), per set of ids: an approval that reaches a handling node
     * reads its request's seals for the custodians and again to announce the action. Any write of a seal forgets them.
     */
    private static final Object KEPT = new Object();

    private final Database db;

    SealRepository(Database db) {
        this.db = db;
    }

    Future<Void> insert(SqlClient conn, Seal s) {
        TxMemo.forget(conn, KEPT);
        return db.execute(conn, "INSERT INTO seals (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
                + "$13, $14, $15, $16, $17)",
            s.id(), s.code(), s.name(), s.type().name(), s.status().name(), s.departmentId(), s.custodianId(),
            s.backupCustodianId(), s.deviceId(), slotColumn(s.slot()), s.filingCode(), s.impressionFileId(),
            typesColumn(s.allowedDocumentTypes()), s.flowKey(), s.version(), s.createdAt(), s.updatedAt()).mapEmpty();
    }

    /** Optimistic on top of the row lock the caller holds: a lost update would show as zero rows. */
    Future<Void> update(SqlClient conn, Seal s) {
        TxMemo.forget(conn, KEPT);
        return db.execute(conn, "UPDATE seals SET code = $1, name = $2, type = $3, status = $4, department_id = $5, custodian_id = $6, "
                + "backup_custodian_id = $7, device_id = $8, slot = $9, filing_code = $10, impression_file_id = $11, "
                + "allowed_document_types = $12, flow_key = $13, version = $14, updated_at = $15 WHERE id = $16 AND version = $17",
            s.code(), s.name(), s.type().name(), s.status().name(), s.departmentId(), s.custodianId(), s.backupCustodianId(),
            s.deviceId(), slotColumn(s.slot()), s.filingCode(), s.impressionFileId(), typesColumn(s.allowedDocumentTypes()),
            s.flowKey(), s.version(), s.updatedAt(), s.id(), s.version() - 1)
            .compose(rs -> rs.rowCount() == 1 ? Future.<Void>succeededFuture()
                : Future.failedFuture(DomainException.conflict("stale", "the seal was changed meanwhile; reload and retry")));
    }

    Future<Optional<Seal>> find(SqlClient client, String id) {
        return db.execute(client, "SELECT " + COLUMNS + " FROM seals WHERE id = $1", id).map(rs -> first(rs));
    }

    Future<Optional<Seal>> lock(SqlClient conn, String id) {
        return db.execute(conn, "SELECT " + COLUMNS + " FROM seals WHERE id = $1" + db.forUpdate(), id).map(rs -> first(rs));
    }

    Future<Optional<Seal>> byCode(SqlClient client, String code) {
        return db.execute(client, "SELECT " + COLUMNS + " FROM seals WHERE code = $1", code).map(rs -> first(rs));
    }

    Future<List<Seal>> byDevice(SqlClient client, String deviceId) {
        return db.execute(client, "SELECT " + COLUMNS + " FROM seals WHERE device_id = $1 ORDER BY slot", deviceId)
            .map(SealRepository::all);
    }

    Future<List<Seal>> byIds(SqlClient client, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        // a set (order and repeats do not change the answer), and one that takes a null id as the query does
        Set<String> key = new HashSet<>(ids);
        if (TxMemo.get(client, KEPT) instanceof Map<?, ?> kept && kept.get(key) instanceof List<?> seals) {
            @SuppressWarnings("unchecked")
            List<Seal> same = (List<Seal>) seals;
            return Future.succeededFuture(same);
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM seals WHERE id IN (");
        int i = 1;
        for (String ignored : ids) {
            sql.append(i == 1 ? "" : ", ").append('$').append(i++);
        }
        return db.execute(client, sql.append(") ORDER BY code").toString(), ids.toArray()).map(rs -> {
            List<Seal> seals = List.copyOf(all(rs));
            keep(client, key, seals);
            return seals;
        });
    }

    @SuppressWarnings("unchecked")
    private static void keep(SqlClient client, Set<String> key, List<Seal> seals) {
        Map<Set<String>, List<Seal>> kept = TxMemo.get(client, KEPT) instanceof Map<?, ?> m ? (Map<Set<String>, List<Seal>>) m : null;
        if (kept == null) {
            kept = new HashMap<>();
            TxMemo.put(client, KEPT, kept);
        }
        kept.put(key, seals);
    }

    Future<List<Seal>> list(SqlClient client, SealQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM seals WHERE 1 = 1");
        if (q.status() != null) {
            params.add(q.status().name());
            sql.append(" AND status = $").append(params.size());
        }
        if (q.type() != null) {
            params.add(q.type().name());
            sql.append(" AND type = $").append(params.size());
        }
        if (q.custodianId() != null) {
            params.add(q.custodianId());
            sql.append(" AND (custodian_id = $").append(params.size());
            params.add(q.custodianId());
            sql.append(" OR backup_custodian_id = $").append(params.size()).append(')');
        }
        if (q.text() != null) {
            String like = "%" + q.text().toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            sql.append(" AND (LOWER(name) LIKE $").append(params.size()).append(" ESCAPE '\\'");
            params.add(like);
            sql.append(" OR LOWER(code) LIKE $").append(params.size()).append(" ESCAPE '\\')");
        }
        sql.append(" ORDER BY code");
        return db.execute(client, sql.toString(), params.toArray()).map(SealRepository::all);
    }

    private static Optional<Seal> first(io.vertx.sqlclient.RowSet<Row> rs) {
        List<Seal> all = all(rs);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private static List<Seal> all(io.vertx.sqlclient.RowSet<Row> rs) {
        List<Seal> out = new ArrayList<>();
        for (Row r : rs) {
            out.add(fromRow(r));
        }
        return out;
    }

    private static Seal fromRow(Row r) {
        String types = r.getString("allowed_document_types");
        List<DocumentType> allowed = types == null || types.isEmpty() ? List.of()
            : Arrays.stream(types.split(",")).map(DocumentType::valueOf).toList();
        int slot = r.getInteger("slot");
        return new Seal(r.getString("id"), r.getString("code"), r.getString("name"), SealType.valueOf(r.getString("type")),
            SealStatus.valueOf(r.getString("status")), r.getString("department_id"), r.getString("custodian_id"),
            r.getString("backup_custodian_id"), r.getString("device_id"), slot == 0 ? null : slot, r.getString("filing_code"),
            r.getString("impression_file_id"), allowed, r.getString("flow_key"), r.getLong("version"),
            r.getLong("created_at"), r.getLong("updated_at"));
    }

    private static int slotColumn(Integer slot) {
        return slot == null ? 0 : slot;
    }

    private static String typesColumn(List<DocumentType> types) {
        return String.join(",", types.stream().map(Enum::name).toList());
    }

    /** Filters of the registry list; {@code null} = any. */
    record SealQuery(SealStatus status, SealType type, String custodianId, String text) {
    }
}
