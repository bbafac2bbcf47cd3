package com.sealflow.server.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Polls a server's {@code /health/ready} every 200 ms and records each change of its status code (0: no answer). */
final class Readiness implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "readiness-probe");
        t.setDaemon(true);
        return t;
    });
    private final List<Integer> changes = new ArrayList<>();
    private volatile int current = -1;

    Readiness(String baseUrl) {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready")).timeout(Duration.ofSeconds(3)).build();
        timer.scheduleWithFixedDelay(() -> {
            int status;
            try {
                status = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                status = 0;
            }
            if (status != current) {
                synchronized (changes) {
                    changes.add(status);
                }
                current = status;
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
    }

    int current() {
        return current;
    }

    /** The statuses in the order they were seen, each change once. */
    List<Integer> seen() {
        synchronized (changes) {
            return new ArrayList<>(changes);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
