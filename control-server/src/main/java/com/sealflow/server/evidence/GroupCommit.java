package com.sealflow.server.evidence;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the evidence writes (device events, stored photos): the work that arrives while one transaction
 * runs is done together in the next one, in arrival order, so each device's events keep their order and each sees
 * the chain head its predecessor left. A piece of work's future completes only after the transaction holding it
 * has committed — an event is acknowledged to the broker, a photo upload answered, only then. When a batch fails,
 * each of its pieces is tried again in a transaction of its own, so that one bad event does not hold back the others.
 */
final class GroupCommit {

    /** The most pieces in one transaction: keeps a transaction (and the acknowledgements it holds back) short. */
    static final int MAX_BATCH = 256;

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /** One piece of work inside the batch's transaction; {@code scratch} lives as long as that transaction. */
    interface Work<T> {
        Future<T> run(SqlConnection tx, Map<Object, Object> scratch);
    }

    private record Piece<T>(Work<T> work, Promise<T> done, Object[] result) {

        Future<Void> run(SqlConnection tx, Map<Object, Object> scratch) {
            return work.run(tx, scratch).map(r -> {
                result[0] = r;
                return null;
            });
        }

        @SuppressWarnings("unchecked")
        void complete() {
            done.tryComplete((T) result[0]);
        }
    }

    private final Database db;
    private final ArrayDeque<Piece<?>> waiting = new ArrayDeque<>();
    private boolean running;

    GroupCommit(Database db) {
        this.db = db;
    }

    /** Queues the work; the future completes once its transaction committed, or fails when it could not be done. */
    <T> Future<T> submit(Work<T> work) {
        Promise<T> done = Promise.promise();
        synchronized (this) {
            waiting.add(new Piece<>(work, done, new Object[1]));
        }
        drain();
        return done.future();
    }

    /** Pieces queued for the next transaction. */
    synchronized int waiting() {
        return waiting.size();
    }

    private void drain() {
        List<Piece<?>> batch = new ArrayList<>();
        synchronized (this) {
            if (running || waiting.isEmpty()) {
                return;
            }
            running = true;
            while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(waiting.poll());
            }
        }
        run(batch).onComplete(ar -> {
            synchronized (this) {
                running = false;
            }
            drain();
        });
    }

    private Future<Void> run(List<Piece<?>> batch) {
        return db.inTransaction(tx -> runFrom(tx, batch, 0, new HashMap<>())).transform(ar -> {
            if (ar.succeeded()) {
                batch.forEach(Piece::complete);
                return Future.succeededFuture();
            }
            if (batch.size() == 1) {
                batch.get(0).done().tryFail(ar.cause());
                return Future.succeededFuture();
            }
            LOG.warn("a batch of {} evidence writes failed ({}); doing each on its own", batch.size(), ar.cause().toString());
            Future<Void> each = Future.succeededFuture();
            for (Piece<?> p : batch) {
                each = each.compose(v -> run(List.of(p)));
            }
            return each;
        });
    }

    private Future<Void> runFrom(SqlConnection tx, List<Piece<?>> batch, int i, Map<Object, Object> scratch) {
        if (i == batch.size()) {
            return Future.succeededFuture();
        }
        return batch.get(i).run(tx, scratch).compose(v -> runFrom(tx, batch, i + 1, scratch));
    }
}
