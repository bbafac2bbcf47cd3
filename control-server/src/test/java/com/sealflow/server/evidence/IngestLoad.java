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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Drives benchmark devices and times each press through the real path: publish (QoS 1) -> the broker's PUBACK,
 * publish -> the server's intake committed it (the moment the server's MQTT link acknowledges the message to the
 * broker), then the photo upload (started when the event is in, as an agent does after a 404 "retry later") -> 2xx.
 * Devices {@link #pace paced} as the edge agent replays instead keep at most a window of presses published and not yet
 * confirmed (photo accepted), and upload as the agent does: from the PUBACK on, a 404 retried after 0.5 s, 1 s, 2 s ...
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
        /** Publish -> the photo's 2xx: how long a paced device's window holds the press. */
        final Latencies confirmed = new Latencies();
        /** Upload attempts answered 404 (the event not stored yet), each retried after a pause. */
        final AtomicLong notYet = new AtomicLong();
        /** Of those: the event had not reached the server's intake when the answer came (still in the broker or the link). */
        final AtomicLong notYetBeforeIntake = new AtomicLong();
        /** Of those: the intake had the event when the upload was sent and had not committed it (the upload should wait). */
        final AtomicLong notYetInIntake = new AtomicLong();
        /** Of those: the event was committed before the upload was sent (the server answered wrongly). */
        final AtomicLong notYetAfterCommit = new AtomicLong();
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

    /** One upload attempt, due at {@code dueNanos}; the next after a 404 waits {@code backoffMs}. */
    private record Attempt(Pending pending, long dueNanos, long backoffMs) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(dueNanos, ((Attempt) o).dueNanos);
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** When each event was handed to the intake and when its transaction committed (nanoTime), to tell 404s apart. */
    private final Map<String, Long> handedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> committedAt = new ConcurrentHashMap<>();
    private final Map<String, DelayQueue<Attempt>> uploadQueues = new ConcurrentHashMap<>();
    /** Paced devices: presses each may have published and not yet confirmed. */
    private final Map<String, Semaphore> windows = new ConcurrentHashMap<>();
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
                    long now = System.nanoTime();
                    handedAt.putIfAbsent(envelope.getString("eventId"), now);
                    p.group().handed.add(now - p.publishedNanos());
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
        if (p != null && p.press().photoTag() != null) {
            committedAt.putIfAbsent(eventId, now);
        }
        if (p == null) {
            // a QoS 1 repeat (already counted) or not one of ours
            duplicates.incrementAndGet();
            return;
        }
        p.group().ingest.add(now - p.publishedNanos());
        p.group().ingested.incrementAndGet();
        if (p.press().photoTag() == null) {
            p.group().lastDoneNanos.accumulateAndGet(now, Math::max);
        } else if (!windows.containsKey(p.device().id)) {
            uploadQueues.get(p.device().id).add(new Attempt(p, now, 0));
        }
    }

    /**
     * These devices replay as the edge agent does ({@code EventPublisher}'s replay window): at most {@code window} presses
     * published whose photo upload has not yet succeeded; each upload starts at the PUBACK and retries 404s.
     */
    void pace(List<BenchDevice> devices, int window) {
        devices.forEach(d -> windows.put(d.id, new Semaphore(window)));
    }

    /** Starts {@code perDevice} upload threads for each device (an agent uploads its photos a few at a time). */
    void startUploaders(List<BenchDevice> devices, int perDevice) {
        for (BenchDevice d : devices) {
            DelayQueue<Attempt> queue = uploadQueues.computeIfAbsent(d.id, k -> new DelayQueue<>());
            for (int i = 0; i < perDevice; i++) {
                Thread t = new Thread(() -> uploadLoop(queue), "upload-" + d.id + "-" + i);
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private void uploadLoop(DelayQueue<Attempt> queue) {
        while (!closed) {
            Attempt p;
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

    private void upload(Attempt attempt) {
        Pending p = attempt.pending();
        Semaphore window = windows.get(p.device().id);
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
                p.group().confirmed.add(now - p.publishedNanos());
                p.group().uploaded.incrementAndGet();
                p.group().lastDoneNanos.accumulateAndGet(now, Math::max);
                if (window != null) {
                    window.release();
                }
            } else if (res.statusCode() == 404 && window != null) {
                // the event is not in yet: the agent tries again after 0.5 s, 1 s, 2 s ... (PhotoUploader)
                p.group().notYet.incrementAndGet();
                classify404(p, t0, now);
                long backoff = Math.min(attempt.backoffMs() == 0 ? 500 : attempt.backoffMs() * 2, 60_000);
                uploadQueues.get(p.device().id).add(new Attempt(p, now + TimeUnit.MILLISECONDS.toNanos(backoff), backoff));
            } else {
                uploadError("upload " + res.statusCode() + " " + res.body());
            }
        } catch (Exception e) {
            uploadError("upload " + e);
        }
    }

    /** Where the event was when its upload (sent at {@code sentNanos}, answered 404 at {@code answeredNanos}) was refused. */
    private void classify404(Pending p, long sentNanos, long answeredNanos) {
        String id = p.press().eventId();
        Long handed = handedAt.get(id);
        Long committed = committedAt.get(id);
        if (committed != null && committed < sentNanos) {
            p.group().notYetAfterCommit.incrementAndGet();
        } else if (handed != null && handed < sentNanos) {
            p.group().notYetInIntake.incrementAndGet();
        } else if (handed == null || handed > answeredNanos) {
            p.group().notYetBeforeIntake.incrementAndGet();
        }
        // else: handed to the intake while the upload was on its way (after the server's look-up or before it): not counted
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
                Semaphore window = press.photoTag() == null ? null : windows.get(d.id);
                if (window != null) {
                    window.acquire();
                }
                Group group = groups.get();
                long t0 = System.nanoTime();
                Pending p = new Pending(t0, d, press, group);
                pending.put(press.eventId(), p);
                group.published.incrementAndGet();
                d.publish(press, acked -> {
                    group.puback.add(acked - t0);
                    if (window != null) {
                        uploadQueues.get(d.id).add(new Attempt(p, System.nanoTime(), 0));
                    }
                }, () -> {
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
