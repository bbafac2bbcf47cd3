package com.sealflow.server.demo;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The demo seeds in order: the company first ({@link DemoCompany}), then what modules registered. */
public final class DemoSeeds {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeds.class);
    private final List<DemoSeed> seeds = new ArrayList<>();

    public synchronized DemoSeeds register(DemoSeed seed) {
        seeds.add(seed);
        return this;
    }

    /** The company itself goes before every module's seed. */
    public synchronized DemoSeeds registerFirst(DemoSeed seed) {
        seeds.add(0, seed);
        return this;
    }

    public synchronized List<DemoSeed> all() {
        return List.copyOf(seeds);
    }

    /** Runs every seed one after the other; the first failure stops the start (a half-seeded demo helps nobody). */
    public Future<Void> runAll() {
        Future<Void> f = Future.succeededFuture();
        for (DemoSeed s : all()) {
            f = f.compose(v -> {
                long t0 = System.nanoTime();
                return s.seed().onSuccess(x -> LOG.info("demo seed {} done in {} ms", s.name(), (System.nanoTime() - t0) / 1_000_000));
            });
        }
        return f;
    }
}
