package com.sealflow.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.MutableClock;
import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Request numbers taken by one statement each: unique and gap-free under concurrency, per type, per local day. */
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
}
