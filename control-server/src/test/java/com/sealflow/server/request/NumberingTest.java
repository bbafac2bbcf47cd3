package com.sealflow.server.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.MutableClock;
import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.DatabaseConfig;
import com.sealflow.server.db.Databases;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Request numbers taken by one statement each: unique and gap-free under concurrency, per type, per local day; on
 * PostgreSQL committed without waiting for the flush, the setting confined to the counter's own transaction.
 */
class NumberingTest extends VertxPerClass {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void concurrentCreatesGetDistinctConsecutiveNumbers(Dialect d) throws Exception {
        Database db = TestDatabases.open(vertx, d);
        try {
            // 2026-11-27 05:00 UTC (this clock keeps UTC)
            MutableClock clock = new MutableClock(1_795_755_600_000L);
            Numbering numbering = new Numbering(db, clock, SHANGHAI);
            List<Future<String>> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                all.add(numbering.next(RequestType.SEAL_USE));
            }
            Future.all(all).await(60, TimeUnit.SECONDS);
            List<String> expected = new ArrayList<>();
            for (int n = 1; n <= 40; n++) {
                expected.add(String.format("YY-20261127-%04d", n));
            }
            assertThat(all.stream().map(Future::result).toList()).containsExactlyInAnyOrderElementsOf(expected);

            // another type counts on its own; the next local day starts again at 0001
            assertThat(numbering.next(RequestType.TAKE_OUT).await(30, TimeUnit.SECONDS)).isEqualTo("WD-20261127-0001");
            clock.advance(Duration.ofDays(1));
            assertThat(numbering.next(RequestType.SEAL_USE).await(30, TimeUnit.SECONDS)).isEqualTo("YY-20261128-0001");
            assertThat(numbering.next(RequestType.SEAL_USE).await(30, TimeUnit.SECONDS)).isEqualTo("YY-20261128-0002");
        } finally {
            db.close();
        }
    }

    @Test
    void onPostgresTheAsynchronousCommitStaysInTheCountersTransaction() throws Exception {
        // the test server runs with synchronous_commit off; this database gets the production default back
        DatabaseConfig config = TestDatabases.postgresConfig();
        Database setUp = Databases.open(vertx, config);
        String name = setUp.execute("SELECT current_database() AS d").await(30, TimeUnit.SECONDS).iterator().next().getString("d");
        setUp.execute("ALTER DATABASE " + name + " SET synchronous_commit = on").await(30, TimeUnit.SECONDS);
        setUp.close().await(30, TimeUnit.SECONDS);
        Database db = Databases.open(vertx, config);
        try {
            Numbering numbering = new Numbering(db, new MutableClock(1_795_755_600_000L), SHANGHAI);
            List<Future<String>> all = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                all.add(numbering.next(RequestType.SEAL_USE));
            }
            Future.all(all).await(60, TimeUnit.SECONDS);
            // the counter is committed: another connection reads it
            assertThat(db.execute("SELECT n FROM request_counters WHERE day_key = $1", "YY-20261127").await(30, TimeUnit.SECONDS)
                .iterator().next().getLong("n")).isEqualTo(30L);
            // every connection of the writers' pool is back to the server's setting (SHOW goes with the writers)
            List<Future<String>> settings = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                settings.add(db.execute("SHOW synchronous_commit").map(rs -> rs.iterator().next().getString(0)));
            }
            Future.all(settings).await(60, TimeUnit.SECONDS);
            assertThat(settings.stream().map(Future::result).distinct().toList()).containsExactly("on");
        } finally {
            db.close();
        }
    }

    @Test
    void onPostgresARefusedUpsertFailsTheNumberAndLeavesTheConnectionsUsable() throws Exception {
        Database db = TestDatabases.open(vertx, Dialect.POSTGRES);
        try {
            Numbering numbering = new Numbering(db, new MutableClock(1_795_755_600_000L), SHANGHAI);
            assertThat(numbering.next(RequestType.SEAL_USE).await(30, TimeUnit.SECONDS)).isEqualTo("YY-20261127-0001");
            db.execute("ALTER TABLE request_counters ADD CONSTRAINT at_most_one CHECK (n < 2)").await(30, TimeUnit.SECONDS);
            List<Future<String>> refused = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                refused.add(numbering.next(RequestType.SEAL_USE));
            }
            Future.join(refused).otherwiseEmpty().await(60, TimeUnit.SECONDS);
            assertThat(refused).allSatisfy(f -> assertThat(f.cause()).isNotNull().hasMessageContaining("at_most_one"));
            assertThatThrownBy(() -> numbering.next(RequestType.SEAL_USE).await(30, TimeUnit.SECONDS)).hasMessageContaining("at_most_one");

            db.execute("ALTER TABLE request_counters DROP CONSTRAINT at_most_one").await(30, TimeUnit.SECONDS);
            // no transaction was left open or aborted on a pooled connection: the next numbers follow on
            List<Future<String>> after = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                after.add(numbering.next(RequestType.SEAL_USE));
            }
            Future.all(after).await(60, TimeUnit.SECONDS);
            assertThat(after.stream().map(Future::result).sorted().toList()).first().isEqualTo("YY-20261127-0002");
            assertThat(after.stream().map(Future::result).sorted().toList()).last().isEqualTo("YY-20261127-0021");
        } finally {
            db.close();
        }
    }
}
