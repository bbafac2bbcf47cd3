package com.sealflow.server.stats;

import static com.sealflow.server.stats.History.HOUR;
import static com.sealflow.server.stats.History.T0;
import static com.sealflow.server.stats.History.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.approval.ApprovalCommand;
import com.sealflow.server.approval.StartCommand;
import com.sealflow.server.approval.TaskView;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.evidence.EvidenceListener;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * On PostgreSQL actions append their rollup contributions as deltas, and the folder adds them to the day rows; on SQLite
 * they add to the day rows in place. Many actions at once give the exact rollup, figures read with deltas not folded
 * (after a crash, a fold that failed, or an earlier version) are the figures of a rebuild, and folding again or twice
 * at once counts nothing twice.
 */
class StatsRollupDeltasTest {

    private static final String[] DELTAS = RollupSql.TABLES.stream().map(RollupSql.Table::deltas).toArray(String[]::new);

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void actionsAtOnceGiveTheExactRollupWhileFoldsRun(Dialect dialect) {
        try (History h = new History(dialect)) {
            String flow = h.deploy("seal-use", Duration.ofHours(24));
            String pair = h.deploySequential("pair-flow");
            RollupFolder folder = new RollupFolder(h.db);
            // 40 requests submitted at the same instant: every one adds to the same day rows of the flow
            List<String> ids = await(all(40, i -> h.engine.start(new StartCommand(i % 4 == 0 ? pair : flow, "k-" + i,
                i % 2 == 0 ? h.alice.id() : h.bob.id(), Map.of(), null)).map(s -> s.instanceId()), folder));
            h.after(HOUR);
            // each request's first step at once (the pair flow's first approval continues its stay: a reopen), then the rest
            await(all(ids.size(), i -> decide(h, ids.get(i), i % 7 == 3), folder));
            h.after(Duration.ofMinutes(30));
            await(all(ids.size(), i -> decide(h, ids.get(i), false), folder));
            Figures unfolded = Figures.read(h);
            assertThat(unfolded.summary.getLong("total")).isEqualTo(40);
            await(folder.fold());
            assertThat(deltaRows(h)).isZero();
            List<String> kept = StatsRollupTest.snapshot(h);
            assertThat(Figures.read(h)).isEqualTo(unfolded);
            await(h.rollup.rebuild());
            assertThat(StatsRollupTest.snapshot(h)).containsExactlyElementsOf(kept);
            assertThat(Figures.read(h)).isEqualTo(unfolded);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = "POSTGRES")
    void deltasLeftUnfoldedByACrashOrAFailedFoldReadExact(Dialect dialect) {
        try (History h = new History(dialect)) {
            String flow = h.deploy("seal-use", Duration.ofHours(24));
            StatsHistoryTest.generate(h, flow, new ArrayList<>());
            press(h, "p1", h.clock.millis());
            await(h.db.inTransaction(tx -> h.projection.onAnomaly(tx, new EvidenceListener.Anomaly("MISSING_PHOTO", "dev-1", "p1",
                h.clock.millis()))));
            long pending = deltaRows(h);
            assertThat(pending).isPositive();
            // the server stopped before any fold: a new module on the same database reads the deltas as they are
            Stats restarted = new Stats(h.db, h.clock, History.ZONE, h.directory, null, h.catalog);
            Figures beforeFold = Figures.read(h, restarted);
            // a fold that fails after its statements ran (here: a statement of its own that fails) leaves everything as it was
            RollupFolder folder = new RollupFolder(h.db);
            assertThatThrownBy(() -> await(h.db.inTransaction(tx -> {
                Future<Void> chain = Future.succeededFuture();
                for (String s : RollupFolder.statements(h.db.dialect())) {
                    chain = chain.compose(v -> h.db.execute(tx, s).mapEmpty());
                }
                return chain.compose(v -> h.db.execute(tx, "SELECT no_such_column FROM stats_flow_day"));
            }))).isNotNull();
            assertThat(deltaRows(h)).isEqualTo(pending);
            assertThat(Figures.read(h, restarted)).isEqualTo(beforeFold);
            // the figures are those of a rebuild from the read model
            await(h.rollup.rebuild());
            assertThat(deltaRows(h)).isZero();
            assertThat(Figures.read(h, restarted)).isEqualTo(beforeFold);
            await(folder.fold());
            assertThat(Figures.read(h, restarted)).isEqualTo(beforeFold);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void foldingAgainOrTwiceAtOnceCountsNothingTwice(Dialect dialect) {
        try (History h = new History(dialect)) {
            String flow = h.deploy("seal-use", Duration.ofHours(24));
            StatsHistoryTest.generate(h, flow, new ArrayList<>());
            RollupFolder folder = new RollupFolder(h.db);
            await(folder.fold());
            List<String> once = StatsRollupTest.snapshot(h);
            await(folder.fold());
            assertThat(StatsRollupTest.snapshot(h)).containsExactlyElementsOf(once);
            // more actions and presses, then two folds at once
            String id = h.start(flow, h.alice.id(), "late");
            h.after(HOUR);
            h.approve(id);
            press(h, "p2", h.clock.millis());
            Figures before = Figures.read(h);
            await(Future.all(folder.fold(), new RollupFolder(h.db).fold(), folder.fold()));
            assertThat(deltaRows(h)).isZero();
            assertThat(Figures.read(h)).isEqualTo(before);
            List<String> folded = StatsRollupTest.snapshot(h);
            await(h.rollup.rebuild());
            assertThat(StatsRollupTest.snapshot(h)).containsExactlyElementsOf(folded);
        }
    }

    @Test
    void onSqliteActionsAddToTheDayRowsInPlaceAndDeltasAnEarlierVersionLeftAreFolded() {
        try (History h = new History(Dialect.SQLITE)) {
            String flow = h.deploy("seal-use", Duration.ofHours(24));
            StatsHistoryTest.generate(h, flow, new ArrayList<>());
            press(h, "p1", h.clock.millis());
            await(h.db.inTransaction(tx -> h.projection.onAnomaly(tx, new EvidenceListener.Anomaly("MISSING_PHOTO", "dev-1", "p1",
                h.clock.millis()))));
            assertThat(deltaRows(h)).isZero();
            Figures figures = Figures.read(h);
            assertThat(figures.summary.getLong("total")).isPositive();
            List<String> rows = StatsRollupTest.snapshot(h);
            assertThat(rows).isNotEmpty();
            await(h.rollup.rebuild());
            assertThat(StatsRollupTest.snapshot(h)).containsExactlyElementsOf(rows);
            // an earlier version appended every contribution to the deltas and stopped before folding them
            for (RollupSql.Table t : RollupSql.TABLES) {
                await(h.db.inTransaction(tx -> h.db.execute(tx, "INSERT INTO " + t.deltas() + " (" + t.columns() + ") SELECT "
                    + t.columns() + " FROM " + t.name()).compose(x -> h.db.execute(tx, "DELETE FROM " + t.name())).mapEmpty()));
            }
            assertThat(deltaRows(h)).isPositive();
            assertThat(Figures.read(h)).isEqualTo(figures);
            await(new RollupFolder(h.db).fold());
            assertThat(deltaRows(h)).isZero();
            assertThat(StatsRollupTest.snapshot(h)).containsExactlyElementsOf(rows);
            assertThat(Figures.read(h)).isEqualTo(figures);
        }
    }

    /** The dashboard's answers over the whole history (whole days: day rows and deltas). */
    private record Figures(JsonObject summary, Object flows, Object nodes, Object departments, Object seals) {

        static Figures read(History h) {
            return read(h, h.stats);
        }

        static Figures read(History h, Stats stats) {
            long day = Duration.ofDays(1).toMillis();
            Range all = new Range(T0 - day, T0 + ((h.clock.millis() - T0) / day + 2) * day);
            JsonObject summary = await(stats.summary(all, null)).copy();
            summary.remove("from");
            summary.remove("to");
            return new Figures(summary, await(stats.flows(all)), await(stats.bottlenecks(all, 50)), await(stats.departments(all)),
                await(stats.seals(all)));
        }
    }

    private interface Action<T> {
        Future<T> run(int i);
    }

    /** {@code n} actions started at once, with a fold started between each (they run beside the actions). */
    private static <T> Future<List<T>> all(int n, Action<T> action, RollupFolder folder) {
        List<Future<T>> started = new ArrayList<>();
        List<Future<Void>> folds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            started.add(action.run(i));
            if (i % 5 == 0) {
                folds.add(folder.fold());
            }
        }
        return Future.all(Future.all(started), Future.all(folds)).map(x -> started.stream().map(Future::result).toList());
    }

    private static Future<Void> decide(History h, String instanceId, boolean reject) {
        return h.engine.instance(instanceId).compose(view -> {
            TaskView t = view.tasks().stream().filter(x -> x.status() == TaskStatus.PENDING).findFirst().orElse(null);
            if (t == null) {
                return Future.succeededFuture();
            }
            ApprovalCommand c = reject ? new ApprovalCommand.Reject(t.id(), t.assigneeId(), "no")
                : new ApprovalCommand.Approve(t.id(), t.assigneeId(), "ok");
            return h.engine.execute(c, null).mapEmpty();
        });
    }

    private static void press(History h, String id, long at) {
        await(h.db.inTransaction(tx -> h.projection.onPress(tx, new EvidenceListener.Press(id, "dev-1", "seal-a", "req", at))));
    }

    private static long deltaRows(History h) {
        long n = 0;
        for (String t : DELTAS) {
            n += Num.lng(await(h.db.execute("SELECT COUNT(*) AS n FROM " + t)).iterator().next(), "n");
        }
        return n;
    }
}
