package com.sealflow.server;

import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.db.Database;
import com.sealflow.server.web.Health;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * The shared services every module is built from: created once by {@link SealFlowServer} and handed to each
 * module's constructor (explicit wiring, no container). Grows as platform services arrive.
 */
public record Platform(Vertx vertx, ServerConfig config, Clock clock, Database db, Health health) {
}
