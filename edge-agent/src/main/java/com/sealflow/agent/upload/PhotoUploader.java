package com.sealflow.agent.upload;

import com.sealflow.agent.clock.AgentClock;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.journal.SealedEvent;
import java.io.FileNotFoundException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads press photos: {@code PUT {baseUrl}/api/device/v1/snapshots/{eventId}} with the bearer token and
 * {@code X-Photo-Sha256}. Only after the event itself was published (the server answers 404 until it knows the
 * event). 200/201 = done; 404 and 5xx and I/O errors = retry with backoff; 403/409/413/415 = refused for good
 * (kept in the journal with that state, reported in status, never retried blindly).
 */
public final class PhotoUploader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PhotoUploader.class);

    private final Journal journal;
    private final HttpClient http;
    private final String baseUrl;
    private final String token;
    private final AgentClock clock;
    private final Map<Long, long[]> backoff = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastError = "";

    public PhotoUploader(Journal journal, HttpClient http, String baseUrl, String token, AgentClock clock) {
        this.journal = journal;
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.clock = clock;
        this.thread = new Thread(this::loop, "photo-uploader");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    public String lastError() {
        return lastError;
    }

    private void loop() {
        while (running) {
            boolean progressed = false;
            try {
                List<SealedEvent> pending = journal.pendingPhotos(16);
                for (SealedEvent e : pending) {
                    if (!running) {
                        return;
                    }
                    long[] b = backoff.get(e.seq());
                    if (b != null && clock.monoNanos() < b[1]) {
                        continue;
                    }
                    progressed |= upload(e);
                }
            } catch (Exception e) {
                lastError = e.toString();
                LOG.warn("uploader: {}", e.toString());
            }
            if (!progressed) {
                synchronized (signal) {
                    try {
                        signal.wait(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** One attempt; true when the journal state changed. */
    boolean upload(SealedEvent e) throws java.sql.SQLException, InterruptedException {
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(URI.create(baseUrl + "/api/device/v1/snapshots/" + e.eventId()))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "image/jpeg")
                    .header("X-Photo-Sha256", e.photoSha256())
                    .PUT(HttpRequest.BodyPublishers.ofFile(Path.of(e.photoPath())))
                    .build();
        } catch (FileNotFoundException ex) {
            journal.markPhoto(e.seq(), "MISSING");
            lastError = "photo file missing for event " + e.eventId();
            return true;
        }
        int status;
        try {
            status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException ex) {
            retryLater(e, "upload " + e.eventId() + ": " + ex.getMessage());
            return false;
        }
        if (status == 200 || status == 201) {
            journal.markPhoto(e.seq(), "UPLOADED");
            backoff.remove(e.seq());
            return true;
        }
        if (status == 403 || status == 409 || status == 413 || status == 415 || status == 400) {
            journal.markPhoto(e.seq(), "REFUSED_" + status);
            lastError = "server refused photo of " + e.eventId() + ": HTTP " + status;
            LOG.error(lastError);
            return true;
        }
        retryLater(e, "upload " + e.eventId() + ": HTTP " + status);
        return false;
    }

    private void retryLater(SealedEvent e, String why) {
        lastError = why;
        long[] b = backoff.computeIfAbsent(e.seq(), k -> new long[] {0, 0});
        b[0] = Math.min(b[0] == 0 ? 500 : b[0] * 2, 60_000);
        b[1] = clock.monoNanos() + TimeUnit.MILLISECONDS.toNanos(b[0]);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
