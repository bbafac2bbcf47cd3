package com.sealflow.server.evidence;

import com.sealflow.server.device.DeviceEventSink;
import com.sealflow.simulator.load.Latencies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Drives benchmark devices and times each press through the real path: publish (QoS 1) -> the broker's PUBACK,
 * publish -> the server's intake committed it (the moment the server's MQTT link acknowledges the message to the
 * broker), then the photo upload (started when the event is in, as an agent does after a 404 "retry later") -> 2xx.
 */
final class IngestLoad {

    /** One group of devices measured together (steady, live, replay). */
    static final class Group {
        final String name;
        final Latencies puback = new Latencies();
        final Latencies ingest = new Latencies();
        /** Publish -> handed to the server's intake (the broker and the server's MQTT link before the intake). */
        final Latencies handed = new Latencies();
        final Latencies upload = new Latencies();
        final AtomicLong published = new AtomicLong();
        final AtomicLong ingested = new AtomicLong();
        final AtomicLong uploaded = new AtomicLong();
        final AtomicLong lastDoneNanos = new AtomicLong();
        volatile boolean stopped;

        Group(String name) {
            this.name = name;
        }
    }

    private record Pending(long publishedNanos, BenchDevice device, BenchDevice.Press press, Group group) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, BlockingQueue<Pending>> uploadQueues = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final BenchPhotos photos;
    final AtomicLong errors = new AtomicLong();
    final AtomicLong uploadErrors = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    private volatile String firstError;
    private volatile boolean closed;

    IngestLoad(String base, BenchPhotos photos) {
        this.base = base;
        this.photos = photos;
    }

    /** The server's event sink wrapped so that each committed event is timed (and its photo queued for upload). */
    DeviceEventSink observe(DeviceEventSink intake) {
        return new DeviceEventSink() {
            @Override
            public Future<Void> onEvent(String deviceId, JsonObject envelope) {
                Pending p = pending.get(envelope.getString("eventId"));
                if (p != null) {
                    p.group().handed.add(System.nanoTime() - p.publishedNanos());
                }
                return intake.onEvent(deviceId, envelope).onSuccess(v -> ingested(envelope.getString("eventId")));
            }

            @Override
            public Future<Void> onOffline(String deviceId, long at) {
                return intake.onOffline(deviceId, at);
            }
        };
    }

    private void ingested(String eventId) {
        long now = System.nanoTime();
        Pending p = pending.remove(eventId);
        if (p == null) {
            // a QoS 1 repeat (already counted) or not one of ours
            duplicates.incrementAndGet();
            return;
        }
        p.group().ingest.add(now - p.publishedNanos());
        p.group().ingested.incrementAndGet();
        if (p.press().photoTag() == null) {
            p.group().lastDoneNanos.accumulateAndGet(now, Math::max);
        } else {
            uploadQueues.get(p.device().id).add(p);
        }
    }

    /** Starts {@code perDevice} upload threads for each device (an agent uploads its photos a few at a time). */
    void startUploaders(List<BenchDevice> devices, int perDevice) {
        for (BenchDevice d : devices) {
            BlockingQueue<Pending> queue = uploadQueues.computeIfAbsent(d.id, k -> new LinkedBlockingQueue<>());
            for (int i = 0; i < perDevice; i++) {
                Thread t = new Thread(() -> uploadLoop(queue), "upload-" + d.id + "-" + i);
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private void uploadLoop(BlockingQueue<Pending> queue) {
        while (!closed) {
            Pending p;
            try {
                p = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (p != null) {
                upload(p);
            }
        }
    }

    private void upload(Pending p) {
        byte[] jpeg = photos.photo(p.press().photoTag());
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/device/v1/snapshots/" + p.press().eventId()))
            .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + p.device().httpToken)
            .header("Content-Type", "image/jpeg").header("X-Photo-Sha256", p.press().photoSha256())
            .PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build();
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString());
            long now = System.nanoTime();
            if (res.statusCode() / 100 == 2) {
                p.group().upload.add(now - t0);
                p.group().uploaded.incrementAndGet();
                p.group().lastDoneNanos.accumulateAndGet(now, Math::max);
            } else {
                uploadError("upload " + res.statusCode() + " " + res.body());
            }
        } catch (Exception e) {
            uploadError("upload " + e);
        }
    }

    private void uploadError(String what) {
        uploadErrors.incrementAndGet();
        if (firstError == null) {
            firstError = what;
        }
    }

    /** Publishes {@code presses} from one device, press i at {@code start + i * intervalNanos} (0: back to back). */
    void drive(BenchDevice d, List<BenchDevice.Press> presses, long start, long intervalNanos, Supplier<Group> groups) {
        try {
            for (int i = 0; i < presses.size() && !closed && !groups.get().stopped; i++) {
                long wait = start + i * intervalNanos - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                BenchDevice.Press press = presses.get(i);
                Group group = groups.get();
                long t0 = System.nanoTime();
                pending.put(press.eventId(), new Pending(t0, d, press, group));
                group.published.incrementAndGet();
                d.publish(press, acked -> group.puback.add(acked - t0), () -> {
                    errors.incrementAndGet();
                    firstError = firstError == null ? "publish failed on " + d.id : firstError;
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until every published press is in and every photo uploaded (or failed), at most {@code timeout}, and
     * gives up after 30 s without progress (the broker dropped what is missing).
     */
    boolean drain(List<Group> groups, boolean withPhotos, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        long progress = -1;
        long progressAt = System.nanoTime();
        while (System.nanoTime() < end && System.nanoTime() - progressAt < TimeUnit.SECONDS.toNanos(30)) {
            boolean done = true;
            long moved = uploadErrors.get();
            for (Group g : groups) {
                long expected = g.published.get();
                done &= g.ingested.get() == expected && (!withPhotos || g.uploaded.get() + uploadErrors.get() >= expected);
                moved += g.ingested.get() + g.uploaded.get();
            }
            if (done) {
                return true;
            }
            if (moved != progress) {
                progress = moved;
                progressAt = System.nanoTime();
            }
            Thread.sleep(20);
        }
        return false;
    }

    long notIngested() {
        return pending.size();
    }

    String firstError() {
        return firstError;
    }

    void close() {
        closed = true;
    }
}
