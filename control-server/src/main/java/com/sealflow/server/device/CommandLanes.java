package com.sealflow.server.device;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each device's commands in the order they were written. A device's unlock tokens are written one after
 * another under the device row's lock, so their counters rise in that order; but each is published when its own
 * transaction's commit has been answered, on whichever event loop that transaction ran, and a later token could
 * overtake an earlier one. The agent refuses a counter not above the last it accepted (DESIGN §4), so the overtaken
 * token would be lost.
 *
 * <p>A command takes its {@link Place} while its transaction is still open (after its rows are written, before
 * COMMIT). When the transaction ends the place is {@link #committed} with its publish or {@link #rolledBack}; a
 * device's publishes run in the order of their places, one at a time, each after every earlier place has ended.
 * A place left open longer than {@link #WAIT_LIMIT_MS} (a transaction that never reports its end) stops holding up
 * the ones behind it at the next {@link #sweep()}; its own publish then runs whenever it comes.
 */
final class CommandLanes {

    /** How long an open place may hold up the commands behind it. */
    static final long WAIT_LIMIT_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(CommandLanes.class);

    /** One command's turn in its device's lane. */
    static final class Place {
        private final String deviceId;
        private final long takenAt;
        private boolean ended;
        private boolean letGo;
        private Runnable publish;

        private Place(String deviceId, long takenAt) {
            this.deviceId = deviceId;
            this.takenAt = takenAt;
        }
    }

    private static final class Lane {
        private final String deviceId;
        private final ArrayDeque<Place> places = new ArrayDeque<>();
        private boolean publishing;

        private Lane(String deviceId) {
            this.deviceId = deviceId;
        }
    }

    private final LongSupplier clock;
    private final Map<String, Lane> lanes = new HashMap<>();

    CommandLanes(LongSupplier clock) {
        this.clock = clock;
    }

    /** Takes the next place in {@code deviceId}'s lane; call while the command's transaction is open. */
    synchronized Place take(String deviceId) {
        Place place = new Place(deviceId, clock.getAsLong());
        lanes.computeIfAbsent(deviceId, Lane::new).places.addLast(place);
        return place;
    }

    /** The place's transaction committed: {@code publish} runs once every earlier place of its device has ended. */
    void committed(Place place, Runnable publish) {
        end(place, publish);
    }

    /** The place's transaction rolled back: nothing to publish, and it no longer holds up the ones behind it. */
    void rolledBack(Place place) {
        end(place, null);
    }

    /** Lets places open longer than {@link #WAIT_LIMIT_MS} stop holding up their lanes; the relay's poller calls this. */
    void sweep() {
        long oldest = clock.getAsLong() - WAIT_LIMIT_MS;
        List<Lane> moved = new ArrayList<>();
        synchronized (this) {
            for (Lane lane : lanes.values()) {
                Place head = lane.places.peekFirst();
                if (head != null && !head.ended && head.takenAt < oldest) {
                    for (Iterator<Place> it = lane.places.iterator(); it.hasNext();) {
                        Place p = it.next();
                        if (!p.ended && p.takenAt < oldest) {
                            LOG.warn("a command for device {} waited {} ms for its transaction to end; the ones behind it go on",
                                p.deviceId, clock.getAsLong() - p.takenAt);
                            p.letGo = true;
                            it.remove();
                        }
                    }
                    if (!lane.publishing) {
                        lane.publishing = true;
                        moved.add(lane);
                    }
                }
            }
        }
        moved.forEach(this::publishInTurn);
    }

    /** Devices with a lane open (commands written, not yet all ended); for tests and diagnostics. */
    synchronized int openLanes() {
        return lanes.size();
    }

    private void end(Place place, Runnable publish) {
        Lane lane;
        synchronized (this) {
            place.ended = true;
            place.publish = publish;
            lane = lanes.get(place.deviceId);
            if (place.letGo || lane == null) {
                lane = null;
            } else if (lane.publishing) {
                return;
            } else {
                lane.publishing = true;
            }
        }
        if (lane == null) {
            run(publish);
        } else {
            publishInTurn(lane);
        }
    }

    /**
     * Runs the lane's ended places from its head, one at a time, until the head is still open or the lane is empty.
     * The lane stays registered while a publish runs, so a place ending meanwhile is picked up here, in its turn.
     */
    private void publishInTurn(Lane lane) {
        while (true) {
            Runnable next;
            synchronized (this) {
                Place head = lane.places.peekFirst();
                if (head == null || !head.ended) {
                    lane.publishing = false;
                    if (head == null) {
                        lanes.remove(lane.deviceId, lane);
                    }
                    return;
                }
                lane.places.removeFirst();
                next = head.publish;
            }
            run(next);
        }
    }

    private static void run(Runnable publish) {
        if (publish == null) {
            return;
        }
        try {
            publish.run();
        } catch (RuntimeException e) {
            LOG.warn("publishing a command failed; the poller sends it again after its lease", e);
        }
    }
}
