package com.sealflow.server.stats;

import io.vertx.sqlclient.Row;

/** Reads aggregates the same way from both databases (SQLite: long/double; PostgreSQL: bigint/numeric). */
final class Num {

    private Num() {
    }

    static long lng(Row r, String column) {
        Object v = r.getValue(column);
        return v instanceof Number n ? n.longValue() : 0L;
    }

    static Double dbl(Row r, String column) {
        Object v = r.getValue(column);
        return v instanceof Number n ? n.doubleValue() : null;
    }

    /** Hours with one decimal place; null stays null. */
    static Double hours(Double ms) {
        return ms == null ? null : Math.round(ms / 360_000.0) / 10.0;
    }

    static Double hours(Long ms) {
        return ms == null ? null : hours(ms.doubleValue());
    }

    /** A share in [0, 1] rounded to four places; 0 when there is nothing to share. */
    static double rate(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    /** Nearest-rank percentile ranks as SQL integer arithmetic over a count column {@code n}: ceil(n/2), ceil(9n/10). */
    static final String RANK50 = "(n + 1) / 2";
    static final String RANK90 = "(9 * n + 9) / 10";
}
