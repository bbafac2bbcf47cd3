package com.sealflow.server.reliability;

import com.sealflow.server.TestServer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Moves a test server's clock along with real time (a {@code TestServer}'s clock otherwise stands still, and minutes
 * of device events would look like a device clock running ahead). Follows the server across restarts.
 */
final class Ticker implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-clock");
        t.setDaemon(true);
        return t;
    });
    private long last = System.nanoTime();

    Ticker(Supplier<TestServer> server) {
        timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            TestServer s = server.get();
            if (s != null) {
                s.clock.advance(Duration.ofNanos(now - last));
            }
            last = now;
        }, 100, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
