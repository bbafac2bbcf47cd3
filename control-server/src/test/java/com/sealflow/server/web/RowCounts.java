package com.sealflow.server.web;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Row counts of every table of a running server's database: a rejected call must leave all of them as they were. On
 * PostgreSQL an audited transaction leaves its entries in {@code audit_pending}, and the audit sealer moves them into
 * {@code audit_log} after the commit, at any moment; the two are counted as one, in one statement (one snapshot), so a
 * move between two counts is not mistaken for a write.
 */
final class RowCounts {

    /** Tables that legitimately change on any call: sessions, failed-login counting, idempotency claims. */
    static final Set<String> VOLATILE = Set.of("flyway_schema_history", "sessions", "login_failures", "idempotency_keys", "setup_tokens");
    private static final String AUDIT_PENDING = "audit_pending";
    private static final String AUDIT_CHAIN = "SELECT (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM audit_pending) AS n";

    private RowCounts() {
    }

    static Map<String, Long> of(Database db, Dialect dialect) {
        String list = dialect == Dialect.SQLITE
            ? "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
        Map<String, Long> counts = new TreeMap<>();
        try {
            Set<String> tables = new TreeSet<>();
            for (var row : db.execute(list).await(30, TimeUnit.SECONDS)) {
                tables.add(row.getString("t").toLowerCase());
            }
            boolean pending = tables.contains(AUDIT_PENDING);
            for (String table : tables) {
                if (VOLATILE.contains(table) || table.equals(AUDIT_PENDING)) {
                    continue;
                }
                String count = pending && table.equals("audit_log") ? AUDIT_CHAIN : "SELECT COUNT(*) AS n FROM " + table;
                counts.put(pending && table.equals("audit_log") ? "audit_log+audit_pending" : table,
                    db.execute(count).await(30, TimeUnit.SECONDS).iterator().next().getLong("n"));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot count rows", e);
        }
        return counts;
    }
}
