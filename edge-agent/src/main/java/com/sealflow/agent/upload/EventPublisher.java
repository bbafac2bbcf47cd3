package com.sealflow.agent.upload;

import com.sealflow.agent.clock.AgentClock;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.journal.SealedEvent;
import com.sealflow.agent.mqtt.CloudLink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward of journaled events to {@code .../evt} (QoS 1). Each (re)connect draws a line at the newest
 * seq: events up to it are backlog, replayed in seq order at {@code replayPerSecond}; events after it are live and
 * go out at once, so a replay never delays a press happening now. The backlog is also held while {@code replayWindow}
 * replayed presses are published but not yet confirmed by the server (their photo upload, which the server answers
 * with 404 until it has stored the event, has not succeeded): the broker's PUBACK says nothing about the server, and
 * a backlog published faster than the server stores it waits in the broker's queue for the server, where every other
 * device's live events wait behind it (docs/benchmarks.md, "Press ingest and offline replay"). A press unconfirmed
 * for a minute stops counting, so a photo the server keeps refusing cannot stop the replay. An event is marked
 * published only on PUBACK and never sent again after that; one still in flight is not re-sent unless it stays
 * unacknowledged for a minute.
 * An acknowledged event leaves the in-flight set only in the pump, and only once a journal read taken after its
 * PUBACK was recorded no longer lists it: a PUBACK arriving while the pump walks a batch it read earlier (which
 * still lists that event as unpublished) must not make the pump send it again.
 */
public final class EventPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    private static final int MAX_IN_FLIGHT = 64;
    private static final long IN_FLIGHT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Replayed presses published and not yet confirmed by the server, at most; see the class comment. */
    public static final int DEFAULT_REPLAY_WINDOW = 16;
    private static final long UNCONFIRMED_COUNTS_MILLIS = 60_000;

    private final Journal journal;
    private final CloudLink link;
    private final String topic;
    private final AgentClock clock;
    private final RateLimiter replayRate;
    private final int replayWindow;
    private final Map<Long, Long> inFlight = new ConcurrentHashMap<>();
    /** Seqs whose PUBACK is recorded in the journal but which are still in {@link #inFlight}. */
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong liveAfter = new AtomicLong(Long.MAX_VALUE);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean signalled;
    private volatile String lastError = "";

    public EventPublisher(Journal journal, CloudLink link, String topic, AgentClock clock, double replayPerSecond) {
        this(journal, link, topic, clock, replayPerSecond, DEFAULT_REPLAY_WINDOW);
    }

    /** {@code replayWindow}: replayed presses awaiting the server's confirmation, at most (0: no such limit). */
    public EventPublisher(Journal journal, CloudLink link, String topic, AgentClock clock, double replayPerSecond,
                          int replayWindow) {
        this.journal = journal;
        this.replayWindow = replayWindow;
        this.link = link;
        this.topic = topic;
        this.clock = clock;
        this.replayRate = new RateLimiter(clock, replayPerSecond);
        this.thread = new Thread(this::loop, "evt-publisher");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The link is (back) up: everything journaled so far is backlog. */
    public void connected() {
        try {
            liveAfter.set(journal.depth().lastSeq());
        } catch (java.sql.SQLException e) {
            lastError = e.toString();
        }
        wake();
    }

    /** A new event was journaled. */
    public void wake() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Events sent and not yet acknowledged. */
    public int inFlight() {
        return inFlight.size() - acknowledged.size();
    }

    public String lastError() {
        return lastError;
    }

    private void loop() {
        while (running) {
            long waitNanos = TimeUnit.SECONDS.toNanos(1);
            try {
                if (link.isConnected()) {
                    waitNanos = pump();
                }
            } catch (Exception e) {
                lastError = e.toString();
                LOG.warn("publisher: {}", e.toString());
            }
            await(waitNanos);
        }
    }

    /** Sends what may be sent now; returns how long to wait before looking again. */
    private long pump() throws java.sql.SQLException {
        expireStale();
        // Taken before the read: these PUBACKs are in the journal already, so the batch cannot list them.
        List<Long> settled = new ArrayList<>(acknowledged);
        List<SealedEvent> batch = journal.unpublished(0, MAX_IN_FLIGHT * 2);
        settled.forEach(seq -> {
            inFlight.remove(seq);
            acknowledged.remove(seq);
        });
        long boundary = liveAfter.get();
        boolean backlogHeld = false;
        boolean windowFull = false;
        int unconfirmed = -1;
        for (SealedEvent e : batch) {
            if (inFlight.size() >= MAX_IN_FLIGHT) {
                return TimeUnit.MILLISECONDS.toNanos(50);
            }
            if (inFlight.containsKey(e.seq())) {
                continue;
            }
            if (e.seq() <= boundary && !backlogHeld && replayWindow > 0) {
                if (unconfirmed < 0) {
                    unconfirmed = unconfirmed(boundary);
                }
                windowFull = unconfirmed >= replayWindow;
            }
            if (e.seq() <= boundary && (backlogHeld || windowFull || !replayRate.tryAcquire())) {
                // Backlog is paced and strictly in seq order; keep scanning only for live events behind it.
                backlogHeld = true;
                continue;
            }
            if (e.seq() <= boundary && e.photoPath() != null) {
                unconfirmed++;
            }
            send(e);
        }
        boolean backlogLeft = batch.stream().anyMatch(e -> e.seq() <= boundary && !inFlight.containsKey(e.seq()));
        if (!backlogLeft) {
            return TimeUnit.SECONDS.toNanos(1);
        }
        // a confirmation is a photo upload, which does not wake this thread: look again soon
        return windowFull ? TimeUnit.MILLISECONDS.toNanos(50)
            : Math.max(TimeUnit.MILLISECONDS.toNanos(5), replayRate.nanosUntilPermit());
    }

    /** Replayed presses published (or on their way) whose photo the server has not taken yet. */
    private int unconfirmed(long boundary) throws java.sql.SQLException {
        int published = journal.photosAwaitingServer(boundary, clock.wallMillis() - UNCONFIRMED_COUNTS_MILLIS);
        long sending = inFlight.keySet().stream().filter(seq -> seq <= boundary && !acknowledged.contains(seq)).count();
        return published + (int) sending;
    }

    private void send(SealedEvent e) {
        inFlight.put(e.seq(), clock.monoNanos());
        link.publish(topic, e.envelope().getBytes(StandardCharsets.UTF_8), false).whenComplete((ok, err) -> {
            boolean recorded = false;
            if (err == null) {
                try {
                    journal.markPublished(e.seq(), clock.wallMillis());
                    recorded = true;
                } catch (java.sql.SQLException ex) {
                    lastError = ex.toString();
                }
            } else {
                lastError = "publish seq " + e.seq() + ": " + err.getMessage();
            }
            if (recorded) {
                // stays in flight until the pump reads the journal again (see the class comment)
                acknowledged.add(e.seq());
            } else {
                inFlight.remove(e.seq());
            }
            wake();
        });
    }

    private void expireStale() {
        long now = clock.monoNanos();
        inFlight.entrySet().removeIf(en -> now - en.getValue() > IN_FLIGHT_TIMEOUT_NANOS && !acknowledged.contains(en.getKey()));
    }

    private void await(long nanos) {
        lock.lock();
        try {
            if (!signalled && running) {
                wake.awaitNanos(nanos);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
