package com.sealflow.server.db;

import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a batch job's rounds one at a time when kicked (a relay draining its outbox, the audit chain's sealer): a kick
 * while a round runs makes it go round once more, and a full batch goes round again at once. Never blocks.
 */
public final class Rounds {

    private final int batch;
    private final Supplier<Future<Integer>> round;
    private final Consumer<Throwable> failed;
    private final BooleanSupplier stopped;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /**
     * {@code round} does one round and tells how many rows it took; when that is {@code batch}, more may be waiting.
     * {@code failed} hears of a round that failed (the next kick tries again); nothing runs once {@code stopped}.
     */
    public Rounds(int batch, Supplier<Future<Integer>> round, Consumer<Throwable> failed, BooleanSupplier stopped) {
        this.batch = batch;
        this.round = round;
        this.failed = failed;
        this.stopped = stopped;
    }

    public Rounds(int batch, Supplier<Future<Integer>> round, Consumer<Throwable> failed) {
        this(batch, round, failed, () -> false);
    }

    /** A round now; if one is running, it goes round once more. */
    public void kick() {
        if (stopped.getAsBoolean()) {
            return;
        }
        again.set(true);
        if (running.compareAndSet(false, true)) {
            loop();
        }
    }

    private void loop() {
        again.set(false);
        round.get().onComplete(ar -> {
            if (ar.failed() && !stopped.getAsBoolean()) {
                failed.accept(ar.cause());
            }
            boolean more = ar.succeeded() && ar.result() == batch;
            running.set(false);
            if (!stopped.getAsBoolean() && (more || again.get()) && running.compareAndSet(false, true)) {
                loop();
            }
        });
    }
}
