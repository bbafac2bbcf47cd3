package com.sealflow.server.db;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How long work waited for a pooled database connection, in total (per pool) and per HTTP request: a request's tally
 * (its waits and its number of connections taken)
 * lives in the request's own (duplicated) Vert.x context, so every wait of the statements it runs, wherever their
 * callbacks go, is added to it. The request log prints it beside the request's time ({@code pool_ms}).
 */
public final class PoolWaits {

    private static final Object KEY = new Object();

    /** The waits of one pool since start: how many acquisitions, their summed and their longest wait. */
    public static final class Totals {
        private final LongAdder count = new LongAdder();
        private final LongAdder nanos = new LongAdder();
        private final AtomicLong maxNanos = new AtomicLong();

        void add(long waited) {
            count.increment();
            nanos.add(waited);
            maxNanos.accumulateAndGet(waited, Math::max);
        }

        public long count() {
            return count.sum();
        }

        public long nanos() {
            return nanos.sum();
        }

        public long maxNanos() {
            return maxNanos.get();
        }
    }

    /** One request's waits: how many connections it took from the pools (its turns) and how long it waited for them. */
    public static final class Tally {
        private final AtomicLong nanos = new AtomicLong();
        private final AtomicInteger turns = new AtomicInteger();

        public long nanos() {
            return nanos.get();
        }

        public int turns() {
            return turns.get();
        }
    }

    private PoolWaits() {
    }

    /**
     * Starts a tally for the request running on the current context; null outside a request's own context (a shared
     * event-loop context would mix every request's waits).
     */
    public static Tally startTally() {
        Context c = Vertx.currentContext();
        if (!(c instanceof ContextInternal ctx) || !ctx.isDuplicate()) {
            return null;
        }
        Tally tally = new Tally();
        ctx.localContextData().put(KEY, tally);
        return tally;
    }

    /** The context to charge a wait that begins now to: the caller's (null outside Vert.x). */
    static Context caller() {
        return Vertx.currentContext();
    }

    /** A wait of {@code waited} ns that began on {@code caller} has ended. */
    static void waited(Totals totals, Context caller, long waited) {
        totals.add(waited);
        if (caller instanceof ContextInternal ctx && ctx.isDuplicate()) {
            Object tally = ctx.localContextData().get(KEY);
            if (tally instanceof Tally t) {
                t.nanos.addAndGet(waited);
                t.turns.incrementAndGet();
            }
        }
    }
}
