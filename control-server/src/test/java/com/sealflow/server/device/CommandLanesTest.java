package com.sealflow.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A device's commands are published in the order they were written, whatever order their transactions end in. */
class CommandLanesTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final CommandLanes lanes = new CommandLanes(now::get);
    private final List<String> published = new CopyOnWriteArrayList<>();

    private Runnable publish(String name) {
        return () -> published.add(name);
    }

    @Test
    void aLaterCommitWaitsForTheEarlierPlaceOfItsDevice() {
        CommandLanes.Place first = lanes.take("SD-01");
        CommandLanes.Place second = lanes.take("SD-01");
        lanes.committed(second, publish("second"));
        assertThat(published).isEmpty();
        lanes.committed(first, publish("first"));
        assertThat(published).containsExactly("first", "second");
        assertThat(lanes.openLanes()).isZero();
    }

    @Test
    void aRolledBackPlaceLetsTheNextOneGo() {
        CommandLanes.Place first = lanes.take("SD-01");
        CommandLanes.Place second = lanes.take("SD-01");
        CommandLanes.Place third = lanes.take("SD-01");
        lanes.committed(third, publish("third"));
        lanes.rolledBack(first);
        assertThat(published).isEmpty();
        lanes.committed(second, publish("second"));
        assertThat(published).containsExactly("second", "third");
        assertThat(lanes.openLanes()).isZero();
    }

    @Test
    void devicesDoNotWaitForEachOther() {
        CommandLanes.Place one = lanes.take("SD-01");
        CommandLanes.Place two = lanes.take("SD-02");
        lanes.committed(two, publish("SD-02"));
        assertThat(published).containsExactly("SD-02");
        lanes.committed(one, publish("SD-01"));
        assertThat(published).containsExactly("SD-02", "SD-01");
    }

    @Test
    void aPlaceThatNeverEndsStopsHoldingUpItsLaneAfterTheLimit() {
        CommandLanes.Place stuck = lanes.take("SD-01");
        CommandLanes.Place next = lanes.take("SD-01");
        lanes.committed(next, publish("next"));
        now.addAndGet(CommandLanes.WAIT_LIMIT_MS - 1);
        lanes.sweep();
        assertThat(published).isEmpty();
        now.addAndGet(2);
        lanes.sweep();
        assertThat(published).containsExactly("next");
        assertThat(lanes.openLanes()).isZero();
        lanes.committed(stuck, publish("late"));
        assertThat(published).containsExactly("next", "late");
        assertThat(lanes.openLanes()).isZero();
    }

    @Test
    void aFailingPublishDoesNotStopTheLane() {
        CommandLanes.Place first = lanes.take("SD-01");
        CommandLanes.Place second = lanes.take("SD-01");
        lanes.committed(second, publish("second"));
        lanes.committed(first, () -> {
            throw new IllegalStateException("broker gone");
        });
        assertThat(published).containsExactly("second");
        assertThat(lanes.openLanes()).isZero();
    }

    @Test
    void manyThreadsEndingInAnyOrderPublishEachDeviceInWriteOrder() throws Exception {
        int devices = 8;
        int perDevice = 500;
        List<CommandLanes.Place> places = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < perDevice; i++) {
            for (int d = 0; d < devices; d++) {
                places.add(lanes.take("D" + d));
                names.add("D" + d + ":" + i);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < places.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(42));
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int i : order) {
                CommandLanes.Place place = places.get(i);
                String name = names.get(i);
                String device = name.substring(0, name.indexOf(':'));
                int n = Integer.parseInt(name.substring(name.indexOf(':') + 1));
                pool.execute(() -> {
                    if (n % 7 == 3) {
                        lanes.rolledBack(place);
                    } else {
                        lanes.committed(place, () -> seen.computeIfAbsent(device, k -> new CopyOnWriteArrayList<>()).add(n));
                    }
                });
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(seen).hasSize(devices);
        for (List<Integer> got : seen.values()) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < perDevice; i++) {
                if (i % 7 != 3) {
                    expected.add(i);
                }
            }
            assertThat(got).containsExactlyElementsOf(expected);
        }
        assertThat(lanes.openLanes()).isZero();
    }
}
