package com.sealflow.server.stats;

/**
 * The fixed log-scale duration histogram of the rollup: bucket 0 holds [0, 1 s), buckets 1..{@value #COUNT} split
 * [1 s, 90 days) into equal ratios of {@link #RATIO} (≈ 1.141), and the last bucket holds 90 days and more.
 * Percentiles read from it are nearest-rank ranks, placed inside their bucket by linear interpolation: the estimate and
 * the exact value share a bucket, so the error is below the bucket's width — under 14.2 % of the exact value from
 * 1 s up, under 1 s below that (docs/statistics.md).
 */
final class Buckets {

    static final int COUNT = 120;
    static final long MIN_MS = 1_000L;
    static final long MAX_MS = 90L * 86_400_000L;
    static final double RATIO = Math.pow((double) MAX_MS / MIN_MS, 1.0 / COUNT);
    /** Lower bound of each bucket; {@code LOWER[COUNT + 1]} = 90 days. */
    private static final long[] LOWER = new long[COUNT + 2];
    private static final String SQL_TAIL;
    /** The lower bounds of buckets 1..{@value #COUNT} + 1, as a PostgreSQL array literal. */
    private static final String BOUNDS;

    static {
        LOWER[0] = 0;
        StringBuilder sb = new StringBuilder();
        for (int b = 1; b <= COUNT + 1; b++) {
            LOWER[b] = b == COUNT + 1 ? MAX_MS : Math.round(MIN_MS * Math.pow(RATIO, b - 1));
        }
        for (int b = 1; b <= COUNT + 1; b++) {
            sb.append(" WHEN %1$s < ").append(LOWER[b]).append(" THEN ").append(b - 1);
        }
        SQL_TAIL = sb.append(" ELSE ").append(COUNT + 1).append(" END").toString();
        StringBuilder bounds = new StringBuilder("{");
        for (int b = 1; b <= COUNT + 1; b++) {
            bounds.append(b == 1 ? "" : ",").append(LOWER[b]);
        }
        BOUNDS = bounds.append('}').toString();
    }

    private Buckets() {
    }

    static int of(long ms) {
        int lo = 0;
        int hi = COUNT + 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (LOWER[mid] <= ms) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    static long lower(int bucket) {
        return LOWER[bucket];
    }

    static long upper(int bucket) {
        return bucket == COUNT + 1 ? Math.round(MAX_MS * RATIO) : LOWER[bucket + 1];
    }

    /** The bucket of a duration column, as portable SQL (constants only). */
    static String sql(String column) {
        return "CASE" + SQL_TAIL.formatted(column);
    }

    /**
     * The same bucket as {@link #sql} on PostgreSQL, in a quarter of the text: {@code width_bucket} counts the lower bounds
     * at or below the duration; a null duration lands in the last bucket, as there. The statements that hold it stay
     * short enough for the PostgreSQL client's prepared statement cache (texts under 2,048 characters), so they are
     * parsed and planned once per connection instead of on every call.
     */
    static String sqlPostgres(String column) {
        return "COALESCE(width_bucket(" + column + ", CAST('" + BOUNDS + "' AS BIGINT[])), " + (COUNT + 1) + ")";
    }

    /**
     * Nearest-rank percentile {@code rank} (1-based) of the histogram, interpolated in its bucket: the j-th of c values
     * in [lo, hi) is placed at lo + (hi - lo) (j - 0.5) / c. Null when the histogram is empty.
     */
    static Long valueAtRank(long[] counts, long rank) {
        long before = 0;
        for (int b = 0; b < counts.length; b++) {
            long c = counts[b];
            if (c > 0 && rank <= before + c) {
                double at = (rank - before - 0.5) / c;
                return Math.round(lower(b) + (upper(b) - lower(b)) * at);
            }
            before += c;
        }
        return null;
    }

    /** p50 and p90 (nearest rank, as {@link Num#RANK50}/{@link Num#RANK90}); null when empty. */
    static long[] p50p90(long[] counts) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        if (n == 0) {
            return null;
        }
        return new long[] {valueAtRank(counts, (n + 1) / 2), valueAtRank(counts, (9 * n + 9) / 10)};
    }

    static long[] empty() {
        return new long[COUNT + 2];
    }
}
