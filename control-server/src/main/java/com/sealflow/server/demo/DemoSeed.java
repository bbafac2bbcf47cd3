package com.sealflow.server.demo;

import io.vertx.core.Future;

/**
 * Something a module adds to the demo company (seals, flows, devices…). Registered with {@link DemoSeeds} at
 * wiring time; run only when {@code SEALFLOW_DEMO=true}, after the people exist, in registration order, at
 * every start: a seed must be idempotent (create what is missing, never duplicate). Look demo people up
 * by username ({@link DemoCompany#USERS}) through the org directory.
 */
public interface DemoSeed {

    /** For logs. */
    String name();

    Future<Void> seed();
}
