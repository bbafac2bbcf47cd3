package com.sealflow.server.stats;

import static com.sealflow.server.stats.History.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The histogram bucket the rollup's SQL computes is the one {@link Buckets#of} gives, at and around every bucket bound,
 * on each database with the form its projection uses; and the projection's statements stay short enough for the
 * PostgreSQL client to keep them prepared.
 */
class BucketsSqlTest {

    /** The PostgreSQL client's default limit: longer statement texts are parsed and planned again on every call. */
    private static final int PREPARED_CACHE_SQL_LIMIT = 2048;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void bucketInSqlEqualsBucketsOfAroundEveryBound(Dialect dialect) {
        List<Long> durations = new ArrayList<>(List.of(0L, 1L, Long.MAX_VALUE / 2));
        for (int b = 1; b <= Buckets.COUNT + 1; b++) {
            long bound = Buckets.lower(b);
            durations.addAll(List.of(bound - 1, bound, bound + 1));
        }
        durations = new ArrayList<>(new TreeSet<>(durations));
        Database db = TestDatabases.open(History.VERTX, dialect);
        try {
            await(db.execute("CREATE TABLE bucket_probe (d BIGINT)"));
            StringBuilder values = new StringBuilder();
            for (int i = 1; i <= durations.size(); i++) {
                values.append(i == 1 ? "($" : ", ($").append(i).append(')');
            }
            await(db.execute("INSERT INTO bucket_probe (d) VALUES " + values, durations.toArray()));
            await(db.execute("INSERT INTO bucket_probe (d) VALUES (NULL)"));
            String bucket = dialect == Dialect.POSTGRES ? Buckets.sqlPostgres("d") : Buckets.sql("d");
            Map<Long, Integer> inSql = new HashMap<>();
            Integer ofNull = null;
            for (Row r : await(db.execute("SELECT d, " + bucket + " AS b FROM bucket_probe"))) {
                if (r.getLong("d") == null) {
                    ofNull = r.getInteger("b");
                } else {
                    inSql.put(r.getLong("d"), r.getInteger("b"));
                }
            }
            assertThat(inSql).hasSize(durations.size());
            for (long d : durations) {
                assertThat(inSql.get(d)).as("bucket of %d ms", d).isEqualTo(Buckets.of(d));
            }
            assertThat(ofNull).as("a null duration, as the portable CASE places it").isEqualTo(Buckets.COUNT + 1);
        } finally {
            await(db.close());
        }
    }

    @Test
    void theProjectionsStatementsOnPostgresqlStayUnderThePreparedStatementLimit() {
        RollupSql sql = new RollupSql(Rollup.standardOffset(History.ZONE), Dialect.POSTGRES);
        List<String> statements = new ArrayList<>();
        for (int sign : new int[] {1, -1}) {
            statements.add(sql.flowAdd(sign, "instance_id = $1"));
            statements.add(sql.flowHistAdd(sign, "instance_id = $1"));
            statements.add(sql.nodeAdd(sign, "v.id = $1"));
            statements.add(sql.nodeHistAdd(sign, "v.id = $1"));
            statements.add(sql.nodeAdd(sign, "v.instance_id = $1 AND v.left_at = $2"));
            statements.add(sql.nodeHistAdd(sign, "v.instance_id = $1 AND v.left_at = $2"));
            statements.add(sql.pressAdd(sign, "press_id = $1"));
        }
        assertThat(statements).allSatisfy(s -> assertThat(s.length()).as(s).isLessThan(PREPARED_CACHE_SQL_LIMIT));
        assertThat(sql.nodeHistAdd(1, "v.id = $1")).contains("width_bucket");
        assertThat(new RollupSql(0, Dialect.SQLITE).nodeHistAdd(1, "v.id = $1")).doesNotContain("width_bucket");
    }
}
