package com.sealflow.server.archive;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits the public verification page per client address: {@code limit} look-ups per minute (fixed one-minute windows),
 * so codes cannot be guessed by brute force. Kept in memory per server node: with N nodes a client gets at most N times
 * the limit, which still leaves 80-bit codes out of reach.
 */
final class VerifyThrottle {

    private record Window(long minute, int count) {
    }

    private final Clock clock;
    private final int limit;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    VerifyThrottle(Clock clock, int limit) {
        this.clock = clock;
        this.limit = limit;
    }

    /** Seconds to wait when over the limit, else 0 (and the look-up is counted). */
    long acquire(String client) {
        long now = clock.millis();
        long minute = now / 60_000;
        if (windows.size() > 10_000) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        Window w = windows.merge(client, new Window(minute, 1),
            (old, one) -> old.minute() == minute ? new Window(minute, old.count() + 1) : one);
        return w.count() > limit ? Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000) : 0;
    }
}
