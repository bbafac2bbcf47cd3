package com.sealflow.server.reliability;

import com.sealflow.simulator.chaos.NetworkProxy;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A seeded fault schedule over two proxies: every few presses the broker link gets a new fault (latency with jitter,
 * random drops, a reset, a cut, a stall, a slow link, or calm), and the database link runs with latency and is
 * reset now and then. Cuts and stalls heal by themselves after a second or two. Counts what it did.
 */
final class Faults {

    private final Random random;
    private final NetworkProxy broker;
    private final NetworkProxy database;
    private final Map<String, Integer> applied = new TreeMap<>();
    private final ScheduledExecutorService healer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fault-healer");
        t.setDaemon(true);
        return t;
    });

    Faults(Random random, NetworkProxy broker, NetworkProxy database) {
        this.random = random;
        this.broker = broker;
        this.database = database;
    }

    /** Called before press {@code n}. */
    synchronized void step(int n) {
        if (n % 8 == 0) {
            broker.calm();
            broker.restore();
            switch (random.nextInt(7)) {
                case 0 -> apply("broker latency", () -> {
                    broker.delayMillis(10 + random.nextInt(40));
                    broker.jitterMillis(50);
                });
                case 1 -> apply("broker drops", () -> broker.dropRate(0.02 + random.nextDouble() * 0.05));
                case 2 -> apply("broker reset", broker::reset);
                case 3 -> apply("broker cut", () -> {
                    broker.cut();
                    healer.schedule(broker::restore, 500 + random.nextInt(1500), TimeUnit.MILLISECONDS);
                });
                case 4 -> apply("broker stall", () -> {
                    broker.stall(true);
                    healer.schedule(() -> broker.stall(false), 500 + random.nextInt(2500), TimeUnit.MILLISECONDS);
                });
                case 5 -> apply("broker slow link", () -> broker.bytesPerSecond(2_000 + random.nextInt(8_000)));
                default -> apply("broker calm", () -> { });
            }
        }
        if (n % 8 == 4) {
            database.delayMillis(random.nextInt(3));
            database.jitterMillis(5);
            if (random.nextInt(4) == 0) {
                apply("database reset", database::reset);
            }
        }
    }

    /** A clean network for the approvals between sessions. */
    synchronized void calm() {
        broker.calm();
        broker.restore();
        database.calm();
    }

    private void apply(String name, Runnable fault) {
        fault.run();
        applied.merge(name, 1, Integer::sum);
    }

    @Override
    public synchronized String toString() {
        return applied.toString();
    }
}
