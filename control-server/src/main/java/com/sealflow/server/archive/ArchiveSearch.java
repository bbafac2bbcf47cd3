package com.sealflow.server.archive;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/archive}: newest first, filtered by applicant, department, seal, device and archiving time, and by
 * {@code q} over the archive and request numbers, document name, counterparty, applicant, department, seals and devices.
 * {@code q} goes through the bigram index (FTS5 on SQLite, GIN on PostgreSQL) and is then confirmed as a substring.
 * Totals are counted up to {@value #COUNT_CAP}; beyond that the answer says {@code totalCapped: true}.
 */
final class ArchiveSearch {

    static final int COUNT_CAP = 200;

    /** Filters; null = any. {@code applicantOnly} restricts to one applicant's records (callers without archive rights). */
    record Query(String q, String applicantId, String departmentId, String sealId, String deviceId, Long from, Long to, int page,
                 int size, String applicantOnly) {
    }

    private final Database db;
    private final long recentEntries;

    ArchiveSearch(Database db) {
        this(db, RECENT);
    }

    /** {@code recentEntries}: how many of the newest entries the second step of {@link #recent} looks among (tests set it low). */
    ArchiveSearch(Database db, long recentEntries) {
        this.db = db;
        this.recentEntries = recentEntries;
    }

    Future<JsonObject> search(Query query) {
        List<Object> params = new ArrayList<>();
        String sql = fromWhere(query, params);
        // a text search pages by archive order (entries are appended as they are archived), which the bigram index's
        // rowid (SQLite) or the primary key (PostgreSQL, walked backwards when the word is common) serves without a sort
        String order = refDriven(query) != null ? " ORDER BY x.archived_at DESC, x.entry_seq DESC"
            : !usesFts(query) ? " ORDER BY r.archived_at DESC, r.entry_seq DESC"
            : db.dialect() == Dialect.SQLITE ? " ORDER BY archive_fts.rowid DESC" : " ORDER BY r.entry_seq DESC";
        int offset = (query.page() - 1) * query.size();
        String select = "SELECT r." + ArchiveStore.RECORD_COLUMNS.replace(", ", ", r.");
        String page = order + " LIMIT " + query.size() + " OFFSET " + offset;
        Future<List<JsonObject>> items = recentFirst(query, offset) ? recent(query, select, sql, page, params)
            : rows(select + sql + page, params);
        Future<Long> total = db.execute("SELECT COUNT(*) FROM (SELECT 1" + sql + " LIMIT " + (COUNT_CAP + 1) + ") x", params.toArray())
            .map(rs -> rs.iterator().next().getLong(0));
        return Future.all(items, total).map(all -> {
            long n = all.<Long>resultAt(1);
            return new JsonObject().put("items", new JsonArray(all.<List<JsonObject>>resultAt(0))).put("page", query.page())
                .put("size", query.size()).put("total", Math.min(n, COUNT_CAP)).put("totalCapped", n > COUNT_CAP);
        });
    }

    /** Newest records of the scope a PostgreSQL text search reads first (see {@link #recent}). */
    static final int WINDOW = 1000;

    /** Entries a PostgreSQL text search looks among next: the bigram bitmap intersected with the primary key's range. */
    static final long RECENT = 40_000;

    private static final java.util.regex.Pattern TSQUERY = java.util.regex.Pattern.compile(
        "r\\.search_tsv @@ to_tsquery\\('simple', \\$(\\d+)\\)");

    /** PostgreSQL, text through the bigram index, an early page. */
    private boolean recentFirst(Query q, int offset) {
        return db.dialect() == Dialect.POSTGRES && usesFts(q) && offset + q.size() <= WINDOW / 10;
    }

    /**
     * An early page of a PostgreSQL text search, newest first, without fetching and sorting every match: each step below
     * reads a prefix of the same order, so a full page from it is the exact page; otherwise the next step answers.
     * <ol>
     * <li>A common word (with at most a department besides): the scope's newest {@value #WINDOW} records, read in order through
     * the primary key or {@code (department_id, entry_seq)}, checked one by one.</li>
     * <li>The matches among the newest {@value #RECENT} entries: the bigram bitmap and the primary key's range intersected,
     * whose rows alone are fetched — a word found in a few thousand records has its first pages there.</li>
     * <li>Every match (the bitmap plan).</li>
     * </ol>
     */
    private Future<List<JsonObject>> recent(Query query, String select, String sql, String page, List<Object> params) {
        boolean window = query.applicantId() == null && query.applicantOnly() == null && query.sealId() == null
            && query.deviceId() == null && query.from() == null && query.to() == null;
        Future<List<JsonObject>> first = !window ? Future.succeededFuture(List.of())
            : rows(select + sql.replace(" FROM archive_record r WHERE", " FROM (SELECT * FROM archive_record w"
                + (query.departmentId() != null ? " WHERE w.department_id = $1" : "") + " ORDER BY w.entry_seq DESC LIMIT " + WINDOW
                + ") r WHERE") + page, params);
        return first.compose(got -> got.size() == query.size() ? Future.succeededFuture(got)
            : db.execute("SELECT MAX(entry_seq) FROM archive_record").compose(rs -> {
                Long max = rs.iterator().next().getLong(0);
                // the word's query as a sub-select: the planner then assumes a middling number of matches instead of the few its
                // bigram statistics suggest, and intersects the bigram bitmap with the primary key's range (a BitmapAnd) so
                // that only the range's matches are fetched — with the literal query it would fetch every match and filter
                return max == null || max <= recentEntries ? Future.succeededFuture(List.<JsonObject>of())
                    : rows(select + TSQUERY.matcher(sql).replaceFirst("r.search_tsv @@ (SELECT to_tsquery('simple', \\$$1))")
                        + " AND r.entry_seq > " + (max - recentEntries) + page, params);
            }).compose(near -> near.size() == query.size() ? Future.succeededFuture(near) : rows(select + sql + page, params)));
    }

    private Future<List<JsonObject>> rows(String sql, List<Object> params) {
        return db.execute(sql, params.toArray()).map(rs -> {
            List<JsonObject> out = new ArrayList<>();
            rs.forEach(r -> out.add(item(r)));
            return out;
        });
    }

    private static final java.util.regex.Pattern ARCHIVE_NO = java.util.regex.Pattern.compile("GD-\\d{4}-\\d{6}");
    private static final java.util.regex.Pattern REQUEST_NO = java.util.regex.Pattern.compile("[A-Z]{2}-\\d{8}-\\d{4,}");

    /** A whole archive or request number is looked up by its unique index, not through the bigrams. */
    private static String exactNumber(Query q) {
        String v = q.q() == null ? null : q.q().strip().toUpperCase(Locale.ROOT);
        return v != null && (ARCHIVE_NO.matcher(v).matches() || REQUEST_NO.matcher(v).matches()) ? v : null;
    }

    private static boolean usesFts(Query q) {
        return q.q() != null && exactNumber(q) == null && !Grams.query(q.q()).isEmpty();
    }

    /**
     * The reference kind that drives a search without text index and number: a seal (or else device) filter reads that
     * reference's index {@code (kind, ref_id, archived_at, entry_seq)} newest first, the time range included.
     */
    private static String refDriven(Query q) {
        if (usesFts(q) || exactNumber(q) != null) {
            return null;
        }
        return q.sealId() != null ? "SEAL" : q.deviceId() != null ? "DEVICE" : null;
    }

    private String fromWhere(Query query, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        String number = exactNumber(query);
        Set<String> grams = query.q() == null || number != null ? Set.of() : Grams.query(query.q());
        boolean sqlite = db.dialect() == Dialect.SQLITE;
        String driver = refDriven(query);
        String time = driver != null ? "x.archived_at" : "r.archived_at";
        if (driver != null) {
            params.add("SEAL".equals(driver) ? query.sealId() : query.deviceId());
            sql.append(" FROM archive_ref x JOIN archive_record r ON r.entry_seq = x.entry_seq WHERE x.kind = '").append(driver)
                .append("' AND x.ref_id = $1");
        } else if (sqlite && !grams.isEmpty()) {
            params.add(String.join(" ", grams));
            sql.append(" FROM archive_fts JOIN archive_record r ON r.entry_seq = archive_fts.rowid WHERE archive_fts MATCH $1");
        } else {
            sql.append(" FROM archive_record r WHERE 1 = 1");
        }
        eq(sql, params, "r.applicant_id", query.applicantOnly());
        eq(sql, params, "r.applicant_id", query.applicantId());
        eq(sql, params, "r.department_id", query.departmentId());
        if (!"SEAL".equals(driver)) {
            ref(sql, params, "SEAL", query.sealId());
        }
        if (!"DEVICE".equals(driver)) {
            ref(sql, params, "DEVICE", query.deviceId());
        }
        if (query.from() != null) {
            params.add(query.from());
            sql.append(" AND ").append(time).append(" >= $").append(params.size());
        }
        if (query.to() != null) {
            params.add(query.to());
            sql.append(" AND ").append(time).append(" < $").append(params.size());
        }
        if (!sqlite && !grams.isEmpty()) {
            params.add(String.join(" & ", grams));
            sql.append(" AND r.search_tsv @@ to_tsquery('simple', $").append(params.size()).append(')');
        }
        if (number != null) {
            // one unique column each: an OR of the two would let SQLite fall back to a scan
            params.add(number);
            sql.append(number.startsWith("GD-") ? " AND r.no = $" : " AND r.request_no = $").append(params.size());
        } else if (query.q() != null && !query.q().isBlank()) {
            String q = query.q().strip().toLowerCase(Locale.ROOT);
            params.add("%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            sql.append(" AND r.search_text LIKE $").append(params.size()).append(" ESCAPE '\\'");
        }
        return sql.toString();
    }

    private static void eq(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            params.add(value);
            sql.append(" AND ").append(column).append(" = $").append(params.size());
        }
    }

    private static void ref(StringBuilder sql, List<Object> params, String kind, String id) {
        if (id != null) {
            params.add(id);
            // correlated, so the page walks the newest records and probes the reference's primary key, instead of
            // materialising every record of a busy seal first
            sql.append(" AND EXISTS (SELECT 1 FROM archive_ref x WHERE x.kind = '").append(kind)
                .append("' AND x.ref_id = $").append(params.size()).append(" AND x.entry_seq = r.entry_seq)");
        }
    }

    static JsonObject item(Row r) {
        return new JsonObject().put("no", r.getString("no")).put("requestId", r.getString("request_id"))
            .put("requestNo", r.getString("request_no")).put("verificationCode", r.getString("verification_code"))
            .put("archivedAt", r.getLong("archived_at")).put("documentName", r.getString("document_name"))
            .put("counterparty", r.getString("counterparty")).put("applicantId", r.getString("applicant_id"))
            .put("applicantName", r.getString("applicant_name")).put("departmentId", r.getString("department_id"))
            .put("departmentName", r.getString("department_name")).put("sealNames", r.getString("seal_names"))
            .put("pressCount", r.getInteger("press_count"));
    }
}
