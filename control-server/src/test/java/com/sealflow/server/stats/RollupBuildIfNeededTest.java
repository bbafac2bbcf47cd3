package com.sealflow.server.stats;

import static com.sealflow.server.stats.History.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.Dialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * At start-up the rollup is built from the read model when the migration left it unbuilt: on a new database (nothing
 * to roll up) it is only marked built; with read-model rows from before the rollup it is built from them.
 */
class RollupBuildIfNeededTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aNewDatabaseIsMarkedBuiltWithNothingInTheRollup(Dialect dialect) {
        try (History h = new History(dialect)) {
            assertThat(built(h)).isZero();
            await(h.rollup.buildIfNeeded());
            assertThat(built(h)).isEqualTo(1);
            assertThat(StatsRollupTest.snapshot(h)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void readModelRowsFromBeforeTheRollupAreRolledUp(Dialect dialect) {
        try (History h = new History(dialect)) {
            String flow = h.deploy("seal-use", Duration.ofHours(24));
            StatsHistoryTest.generate(h, flow, new ArrayList<>());
            List<String> kept = StatsRollupTest.snapshot(h);
            assertThat(kept).isNotEmpty();
            // as the migration leaves a database whose read model was written before the rollup existed
            for (RollupSql.Table t : RollupSql.TABLES) {
                await(h.db.execute("DELETE FROM " + t.name()));
                await(h.db.execute("DELETE FROM " + t.deltas()));
            }
            await(h.db.execute("UPDATE stats_rollup_state SET built = 0 WHERE name = 'rollup'"));
            assertThat(StatsRollupTest.snapshot(h)).isEmpty();

            await(h.rollup.buildIfNeeded());
            assertThat(built(h)).isEqualTo(1);
            assertThat(StatsRollupTest.snapshot(h)).containsExactlyElementsOf(kept);
        }
    }

    private static long built(History h) {
        return Num.lng(await(h.db.execute("SELECT built FROM stats_rollup_state WHERE name = 'rollup'")).iterator().next(), "built");
    }
}
