package com.sealflow.agent.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for asynchronous I/O (never for timers: those are driven by the injected clock). */
public final class Await {

    private Await() {
    }

    public static void until(BooleanSupplier done, Duration timeout, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
