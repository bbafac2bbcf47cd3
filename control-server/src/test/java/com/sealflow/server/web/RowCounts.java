package com.sealflow.server.web;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Row counts of every table of a running server's database: a rejected call must leave all of them as they were. */
final class RowCounts {

    /** Tables that legitimately change on any call: sessions, failed-login counting, idempotency claims. */
    static final Set<String> VOLATILE = Set.of("flyway_schema_history", "sessions", "login_failures", "idempotency_keys", "setup_tokens");

    private RowCounts() {
    }

    static Map<String, Long> of(Database db, Dialect dialect) {
        String list = dialect == Dialect.SQLITE
            ? "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
        Map<String, Long> counts = new TreeMap<>();
        try {
            for (var row : db.execute(list).await(30, TimeUnit.SECONDS)) {
                String table = row.getString("t");
                if (!VOLATILE.contains(table.toLowerCase())) {
                    counts.put(table, db.execute("SELECT COUNT(*) AS n FROM " + table).await(30, TimeUnit.SECONDS)
                        .iterator().next().getLong("n"));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot count rows", e);
        }
        return counts;
    }
}
