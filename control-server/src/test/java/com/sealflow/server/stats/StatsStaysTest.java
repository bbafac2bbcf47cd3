package com.sealflow.server.stats;

import static com.sealflow.server.stats.History.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.Dialect;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A node's stay as its tasks end: counted off while another task is open, closed by the last one with the strongest
 * outcome, a task ending a stay that closed at the same instant changes no count, and tasks in turn continue one stay.
 * Each case also keeps the rollup equal to one rebuilt from the read model.
 */
class StatsStaysTest {

    private static final Duration HOUR = Duration.ofHours(1);

    /** instance, node, open tasks, outcome, left at (relative to the start), duration; one line per stay in entry order. */
    private static List<String> stays(History h, String instanceId, long t0) {
        List<String> out = new ArrayList<>();
        for (Row r : await(h.db.execute("SELECT node_id, open_tasks, outcome, left_at, duration_ms FROM stats_node_visit "
            + "WHERE instance_id = $1 ORDER BY entered_at, id", instanceId))) {
            Long left = r.getLong("left_at");
            out.add(r.getString("node_id") + " open=" + r.getInteger("open_tasks") + " " + r.getString("outcome") + " left="
                + (left == null ? "-" : Long.toString((left - t0) / 60_000) + "m") + " ms=" + r.getLong("duration_ms"));
        }
        return out;
    }

    private static void rollupEqualsRebuild(History h) {
        List<String> kept = StatsRollupTest.snapshot(h);
        assertThat(kept).isNotEmpty();
        await(h.rollup.rebuild());
        assertThat(StatsRollupTest.snapshot(h)).containsExactlyElementsOf(kept);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void twoTasksAtOnceOneStayClosedByTheLast(Dialect dialect) {
        try (History h = new History(dialect)) {
            String flow = h.deployTogether("both-flow");
            long t0 = h.clock.millis();
            String id = h.start(flow, h.alice.id(), "both-0");
            assertThat(stays(h, id, t0)).containsExactly("both open=2 null left=- ms=null");
            h.after(HOUR);
            h.approve(id);
            assertThat(stays(h, id, t0)).containsExactly("both open=1 APPROVED left=- ms=null");
            h.after(HOUR);
            h.approve(id);
            assertThat(stays(h, id, t0)).containsExactly("both open=0 APPROVED left=120m ms=7200000");
            rollupEqualsRebuild(h);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theStrongestOutcomeOfTheTasksIsTheStays(Dialect dialect) {
        try (History h = new History(dialect)) {
            String flow = h.deployTogether("both-flow");
            long t0 = h.clock.millis();
            String id = h.start(flow, h.alice.id(), "both-1");
            h.after(HOUR);
            h.approve(id);
            h.after(Duration.ofMinutes(30));
            // the second person sends it back: a return beats the approval before it
            h.returnToApplicant(id);
            assertThat(stays(h, id, t0)).containsExactly("both open=0 RETURNED left=90m ms=5400000");
            rollupEqualsRebuild(h);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRejectionClosesTheStayAndTheTaskCancelledWithItChangesNothing(Dialect dialect) {
        try (History h = new History(dialect)) {
            String flow = h.deployTogether("both-flow");
            long t0 = h.clock.millis();
            String id = h.start(flow, h.alice.id(), "both-2");
            h.after(HOUR);
            // the first rejection ends the node; the other task, still open, ends at the same instant
            h.reject(id);
            assertThat(stays(h, id, t0)).containsExactly("both open=0 REJECTED left=60m ms=3600000");
            rollupEqualsRebuild(h);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void inTurnTheStayContinuesAcrossTheHandOver(Dialect dialect) {
        try (History h = new History(dialect)) {
            String flow = h.deploySequential("pair-flow");
            long t0 = h.clock.millis();
            String id = h.start(flow, h.alice.id(), "pair-0");
            h.after(HOUR);
            h.approve(id);
            // the first task's end and the second's start at one instant continue one stay (reopened, its outcome still open)
            assertThat(stays(h, id, t0)).containsExactly("pair open=1 null left=- ms=null");
            h.after(HOUR);
            h.returnToApplicant(id);
            assertThat(stays(h, id, t0)).containsExactly("pair open=0 RETURNED left=120m ms=7200000");
            rollupEqualsRebuild(h);
        }
    }
}
