package com.sealflow.server.evidence;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events the intake has received and not yet finished writing, by event id. A photo upload that arrives while its
 * press event is still on its way to the store (checked, queued for a transaction, or in one) waits for that
 * transaction instead of answering 404 at once: the device would otherwise wait out its retry pause (0.5 s, then
 * longer) for an event the server stores a few milliseconds later, and during a replay that pause, not the server,
 * set the pace.
 */
final class EventsInFlight {

    private final Map<String, Future<?>> events = new ConcurrentHashMap<>();

    /** Notes that {@code eventId} is being written; {@code written} completes when its transaction has ended. */
    void add(String eventId, Future<?> written) {
        events.put(eventId, written);
        written.onComplete(x -> events.remove(eventId, written));
    }

    /** Events received and not yet written. */
    int size() {
        return events.size();
    }

    /**
     * Completes once the event's transaction has ended (committed or failed), or after {@code maxWaitMs}, whichever
     * comes first; at once when the event is not in flight (never received, or written already). Never fails.
     */
    Future<Void> settled(Vertx vertx, String eventId, long maxWaitMs) {
        Future<?> written = events.get(eventId);
        if (written == null || written.isComplete()) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        long timer = vertx.setTimer(maxWaitMs, t -> done.tryComplete());
        written.onComplete(x -> {
            vertx.cancelTimer(timer);
            done.tryComplete();
        });
        return done.future();
    }
}
