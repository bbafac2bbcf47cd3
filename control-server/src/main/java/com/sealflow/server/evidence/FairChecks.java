package com.sealflow.server.evidence;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Runs the events' own checks (parse, hash, Ed25519 signature) on a pool's threads with a queue per device taken in
 * turns, one check of each device a turn, like {@link GroupCommit}'s lanes: a device replaying a long journal fills the
 * threads' time the others leave instead of making every other device's live events wait behind its backlog, as one
 * first come, first served queue did. The pool's own queue holds interchangeable turns only (one per check submitted);
 * which check a turn runs is decided when a thread takes it.
 */
final class FairChecks {

    private final Executor pool;
    /** Each device's checks not yet started. */
    private final Map<Object, ArrayDeque<Runnable>> queues = new HashMap<>();
    /** The devices with checks waiting, in the order of their next turn. */
    private final ArrayDeque<Object> turns = new ArrayDeque<>();

    FairChecks(Executor pool) {
        this.pool = pool;
    }

    /** Runs {@code check} on the pool in the device's turn; the future completes with its answer (or fails with its exception). */
    <T> Future<T> run(Object device, Supplier<T> check) {
        Promise<T> done = Promise.promise();
        Runnable task = () -> {
            try {
                done.complete(check.get());
            } catch (RuntimeException e) {
                done.fail(e);
            }
        };
        synchronized (this) {
            ArrayDeque<Runnable> queue = queues.get(device);
            if (queue == null) {
                queue = new ArrayDeque<>();
                queues.put(device, queue);
                turns.add(device);
            }
            queue.add(task);
        }
        try {
            pool.execute(this::next);
        } catch (RejectedExecutionException e) {
            next();
        }
        return done.future();
    }

    /** Checks waiting, all devices together. */
    synchronized int waiting() {
        int n = 0;
        for (ArrayDeque<Runnable> q : queues.values()) {
            n += q.size();
        }
        return n;
    }

    /** One turn: the check at the head of the next device's queue; that device goes to the back if it has more. */
    private void next() {
        Runnable task;
        synchronized (this) {
            Object device = turns.poll();
            if (device == null) {
                return;
            }
            ArrayDeque<Runnable> queue = queues.get(device);
            task = queue.poll();
            if (queue.isEmpty()) {
                queues.remove(device);
            } else {
                turns.add(device);
            }
        }
        task.run();
    }
}
