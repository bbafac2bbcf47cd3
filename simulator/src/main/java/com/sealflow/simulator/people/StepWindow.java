package com.sealflow.simulator.people;

import java.time.Duration;

/**
 * The time of one step on the load tool's {@link System#nanoTime()} clock: an unmeasured warm-up from {@code start},
 * then the measured window from {@code measuredFrom} to {@code end}. An operation belongs to the phase in which it
 * started; people stop starting rounds at {@code end}. Without a warm-up, {@code measuredFrom} is {@code start}.
 */
record StepWindow(long start, long measuredFrom, long end) {

    StepWindow {
        if (measuredFrom - start < 0 || end - measuredFrom < 0) {
            throw new IllegalArgumentException("a step's phases must follow each other");
        }
    }

    /** A window starting at {@code startNanos}: {@code warmUp} unmeasured, then {@code measured}. */
    static StepWindow of(long startNanos, Duration warmUp, Duration measured) {
        if (warmUp.isNegative() || measured.isNegative()) {
            throw new IllegalArgumentException("durations cannot be negative: warm-up " + warmUp + ", measured " + measured);
        }
        long measuredFrom = startNanos + warmUp.toNanos();
        return new StepWindow(startNanos, measuredFrom, measuredFrom + measured.toNanos());
    }

    /** Whether an operation started at {@code nanos} counts in the measured figures (false: warm-up). */
    boolean measures(long nanos) {
        return nanos - measuredFrom >= 0;
    }

    /** Whether a person may start another round at {@code nanos}. */
    boolean open(long nanos) {
        return nanos - end < 0;
    }

    boolean hasWarmUp() {
        return measuredFrom != start;
    }
}
