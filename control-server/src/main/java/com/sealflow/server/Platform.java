package com.sealflow.server;

import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.db.Database;
import com.sealflow.server.demo.DemoSeeds;
import com.sealflow.server.file.FileService;
import com.sealflow.server.notify.LiveEvents;
import com.sealflow.server.notify.Notifications;
import com.sealflow.server.org.Directory;
import com.sealflow.server.web.Health;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * The shared services every feature module is built from, created once by {@link SealFlowServer} and passed
 * to each module's constructor (explicit wiring, no container): Vert.x, settings, the clock (tests move it),
 * the database, readiness checks, the audit log, the org directory, files, notifications, live events and
 * the demo seed list.
 */
public record Platform(Vertx vertx, ServerConfig config, Clock clock, Database db, Health health, AuditLog audit,
                       Directory directory, FileService files, Notifications notifications, LiveEvents liveEvents,
                       DemoSeeds demoSeeds) {
}
