package com.sealflow.server.archive;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The archive's tables: the entry chain, the record index, numbering and the pending queue. Nothing else touches them. */
final class ArchiveStore {

    static final String ENTRY_COLUMNS = "seq, kind, archive_no, at, body, prev_hash, hash";
    static final String RECORD_COLUMNS = "entry_seq, no, request_id, request_no, verification_code, archived_at, document_name, "
        + "counterparty, applicant_id, applicant_name, department_id, department_name, seal_names, press_count";

    private final Database db;

    ArchiveStore(Database db) {
        this.db = db;
    }

    Database db() {
        return db;
    }

    /** Appends entries to the chain in order; the head row is locked until the transaction ends. */
    Future<List<ArchiveEntry>> append(SqlConnection tx, List<ArchiveEntry.New> items) {
        return db.execute(tx, "SELECT seq, hash FROM archive_chain_head WHERE id = 1" + db.forUpdate()).compose(rs -> {
            Row head = rs.iterator().next();
            long seq = head.getLong("seq");
            String prev = head.getString("hash");
            List<ArchiveEntry> out = new ArrayList<>(items.size());
            List<Tuple> rows = new ArrayList<>(items.size());
            for (ArchiveEntry.New n : items) {
                seq++;
                String body = ArchiveHash.canonical(n.body());
                String hash = ArchiveHash.entryHash(seq, n.kind(), n.archiveNo(), n.at(), body, prev);
                ArchiveEntry e = new ArchiveEntry(seq, n.kind(), n.archiveNo(), n.at(), body, prev, hash);
                out.add(e);
                rows.add(Tuple.of(e.seq(), e.kind(), e.archiveNo(), e.at(), e.body(), e.prevHash(), e.hash()));
                prev = hash;
            }
            long last = seq;
            String lastHash = prev;
            return db.query(tx, "INSERT INTO archive_entry (" + ENTRY_COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .executeBatch(rows)
                .compose(x -> db.execute(tx, "UPDATE archive_chain_head SET seq = $1, hash = $2 WHERE id = 1", last, lastHash))
                .map(out);
        });
    }

    /** The next {@code count} numbers of the year ({@code GD-2026-000123}), under a row lock. */
    Future<List<String>> nextNumbers(SqlConnection tx, int year, int count) {
        return db.execute(tx, "SELECT last_no FROM archive_counter WHERE year = $1" + db.forUpdate(), year).compose(rs -> {
            long last = rs.size() == 0 ? 0 : rs.iterator().next().getLong(0);
            Future<?> saved = rs.size() == 0
                ? db.execute(tx, "INSERT INTO archive_counter (year, last_no) VALUES ($1, $2)", year, last + count)
                : db.execute(tx, "UPDATE archive_counter SET last_no = $1 WHERE year = $2", last + count, year);
            List<String> out = new ArrayList<>(count);
            for (long i = last + 1; i <= last + count; i++) {
                out.add(String.format("GD-%d-%06d", year, i));
            }
            return saved.map(out);
        });
    }

    Future<Void> index(SqlConnection tx, List<IndexRow> rows) {
        List<Tuple> records = new ArrayList<>();
        List<Tuple> refs = new ArrayList<>();
        List<Tuple> fts = new ArrayList<>();
        boolean sqlite = db.dialect() == Dialect.SQLITE;
        for (IndexRow r : rows) {
            String text = r.searchText();
            String grams = Grams.tokens(text);
            records.add(Tuple.wrap(new Object[] {r.entrySeq(), r.no(), r.requestId(), r.requestNo(), r.verificationCode(), r.archivedAt(),
                r.documentName(), r.counterparty(), r.applicantId(), r.applicantName(), r.departmentId(), r.departmentName(),
                r.sealNames(), r.pressCount(), text, sqlite ? "" : grams}));
            r.sealIds().stream().distinct().forEach(id -> refs.add(Tuple.of("SEAL", id, r.entrySeq(), r.archivedAt())));
            r.deviceIds().stream().distinct().forEach(id -> refs.add(Tuple.of("DEVICE", id, r.entrySeq(), r.archivedAt())));
            fts.add(Tuple.of(r.entrySeq(), grams));
        }
        Future<?> f = db.query(tx, "INSERT INTO archive_record (" + RECORD_COLUMNS + ", search_text, search_grams) VALUES "
            + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)").executeBatch(records);
        if (!refs.isEmpty()) {
            f = f.compose(x -> db.query(tx, "INSERT INTO archive_ref (kind, ref_id, entry_seq, archived_at) VALUES ($1, $2, $3, $4)")
                .executeBatch(refs));
        }
        if (sqlite) {
            f = f.compose(x -> db.query(tx, "INSERT INTO archive_fts (rowid, grams) VALUES ($1, $2)").executeBatch(fts));
        }
        return f.mapEmpty();
    }

    Future<Optional<Row>> recordByNo(SqlClient c, String no) {
        return one(c, "SELECT " + RECORD_COLUMNS + " FROM archive_record WHERE no = $1", no);
    }

    Future<Optional<Row>> recordByCode(SqlClient c, String code) {
        return one(c, "SELECT " + RECORD_COLUMNS + " FROM archive_record WHERE verification_code = $1", code);
    }

    Future<Optional<Row>> recordByRequest(SqlClient c, String requestId) {
        return one(c, "SELECT " + RECORD_COLUMNS + " FROM archive_record WHERE request_id = $1", requestId);
    }

    private Future<Optional<Row>> one(SqlClient c, String sql, Object param) {
        return db.execute(c, sql, param).map(rs -> rs.size() == 0 ? Optional.empty() : Optional.of(rs.iterator().next()));
    }

    /** The record's entries (the record and its addenda), in chain order. */
    Future<List<ArchiveEntry>> entriesOf(SqlClient c, String archiveNo) {
        return db.execute(c, "SELECT " + ENTRY_COLUMNS + " FROM archive_entry WHERE archive_no = $1 ORDER BY seq", archiveNo)
            .map(ArchiveStore::entries);
    }

    /** Entries with {@code from <= seq <= to}, in order. */
    Future<List<ArchiveEntry>> range(SqlClient c, long from, long to) {
        return db.execute(c, "SELECT " + ENTRY_COLUMNS + " FROM archive_entry WHERE seq >= $1 AND seq <= $2 ORDER BY seq", from, to)
            .map(ArchiveStore::entries);
    }

    Future<Row> head(SqlClient c) {
        return db.execute(c, "SELECT seq, hash FROM archive_chain_head WHERE id = 1").map(rs -> rs.iterator().next());
    }

    Future<Long> maxSeq(SqlClient c) {
        return db.execute(c, "SELECT MAX(seq) FROM archive_entry").map(rs -> {
            Long v = rs.iterator().next().getLong(0);
            return v == null ? 0L : v;
        });
    }

    static List<ArchiveEntry> entries(io.vertx.sqlclient.RowSet<Row> rs) {
        List<ArchiveEntry> out = new ArrayList<>();
        rs.forEach(r -> out.add(new ArchiveEntry(r.getLong("seq"), r.getString("kind"), r.getString("archive_no"), r.getLong("at"),
            r.getString("body"), r.getString("prev_hash"), r.getString("hash"))));
        return out;
    }

    // ---- pending queue ----

    Future<Void> enqueue(SqlConnection tx, String requestId, long now) {
        return db.execute(tx, "SELECT request_id FROM archive_pending WHERE request_id = $1", requestId).compose(rs -> rs.size() > 0
            ? Future.succeededFuture()
            : db.execute(tx, "INSERT INTO archive_pending (request_id, due_at, attempts) VALUES ($1, $2, 0)", requestId, now).mapEmpty());
    }

    Future<List<String>> due(long now, int max) {
        return db.execute("SELECT request_id FROM archive_pending WHERE due_at <= $1 ORDER BY due_at LIMIT $2", now, max).map(rs -> {
            List<String> out = new ArrayList<>();
            rs.forEach(r -> out.add(r.getString(0)));
            return out;
        });
    }

    /** Claims a pending request inside the archiving transaction: false when another node took it. */
    Future<Boolean> claim(SqlConnection tx, String requestId) {
        return db.execute(tx, "DELETE FROM archive_pending WHERE request_id = $1", requestId).map(rs -> rs.rowCount() == 1);
    }

    Future<Void> retryLater(String requestId, long dueAt, String error) {
        return db.execute("UPDATE archive_pending SET attempts = attempts + 1, due_at = $1, last_error = $2 WHERE request_id = $3",
            dueAt, error == null ? null : error.substring(0, Math.min(error.length(), 500)), requestId).mapEmpty();
    }
}
