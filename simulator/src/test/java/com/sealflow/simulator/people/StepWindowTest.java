package com.sealflow.simulator.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A step's warm-up and measured window, and which tally an operation lands in. */
class StepWindowTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aWarmUpPrecedesTheMeasuredWindowAndPeopleStopAtItsEnd() {
        StepWindow w = StepWindow.of(100 * SECOND, Duration.ofSeconds(15), Duration.ofSeconds(30));
        assertThat(w.hasWarmUp()).isTrue();
        assertThat(w.measuredFrom()).isEqualTo(115 * SECOND);
        assertThat(w.end()).isEqualTo(145 * SECOND);
        assertThat(w.measures(100 * SECOND)).isFalse();
        assertThat(w.measures(115 * SECOND - 1)).isFalse();
        assertThat(w.measures(115 * SECOND)).isTrue();
        assertThat(w.open(145 * SECOND - 1)).isTrue();
        assertThat(w.open(145 * SECOND)).isFalse();
    }

    @Test
    void withoutAWarmUpEverythingFromTheStartIsMeasuredAsBefore() {
        StepWindow w = StepWindow.of(7 * SECOND, Duration.ZERO, Duration.ofSeconds(30));
        assertThat(w.hasWarmUp()).isFalse();
        assertThat(w.measuredFrom()).isEqualTo(w.start());
        assertThat(w.measures(7 * SECOND)).isTrue();
        assertThat(w.end()).isEqualTo(37 * SECOND);
    }

    @Test
    void theNanoTimeClockMayWrapWithoutBreakingThePhases() {
        StepWindow w = StepWindow.of(Long.MAX_VALUE - SECOND, Duration.ofSeconds(2), Duration.ofSeconds(3));
        assertThat(w.measures(Long.MAX_VALUE)).isFalse();
        assertThat(w.measures(Long.MAX_VALUE + 2 * SECOND)).isTrue();
        assertThat(w.open(Long.MAX_VALUE + 3 * SECOND)).isTrue();
        assertThat(w.open(Long.MAX_VALUE + 4 * SECOND)).isFalse();
    }

    @Test
    void negativeDurationsAreRefused() {
        assertThatThrownBy(() -> StepWindow.of(0, Duration.ofSeconds(-1), Duration.ofSeconds(30)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PeopleLoad(null).warmUp(Duration.ofSeconds(-5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOperationCountsInThePhaseItStartedIn() {
        PeopleLoad.Tally warm = new PeopleLoad.Tally();
        PeopleLoad.Tally measured = new PeopleLoad.Tally();
        StepWindow w = StepWindow.of(System.nanoTime(), Duration.ofHours(1), Duration.ofHours(1));
        PeopleLoad.Counters c = new PeopleLoad.Counters(new AtomicReference<>(w), warm, measured, new ConcurrentHashMap<>());

        c.record("submit", w.start(), new PersonSession.Reply(201, "{}"));
        c.record("submit", w.start() + SECOND, new PersonSession.Reply(500, "boom"));
        c.record("me", w.measuredFrom(), new PersonSession.Reply(200, "{}"));
        c.record("me", w.measuredFrom() + SECOND, new PersonSession.Reply(409, "{}"));

        assertThat(warm.lat().get("submit").count()).isEqualTo(2);
        assertThat(warm.operations()).isEqualTo(2);
        assertThat(warm.errors().get()).isEqualTo(1);
        assertThat(warm.serverErrors().get()).isEqualTo(1);
        assertThat(measured.lat().get("me").count()).isEqualTo(2);
        assertThat(measured.operations()).isEqualTo(2);
        assertThat(measured.errors().get()).isEqualTo(1);
        assertThat(measured.serverErrors().get()).isZero();
        assertThat(warm.warmUp(10, Duration.ofSeconds(2)).opsPerSecond()).isEqualTo(1.0);
        assertThat(warm.warmUp(10, Duration.ofSeconds(2)).worstOperation()).isEqualTo("submit");
    }
}
