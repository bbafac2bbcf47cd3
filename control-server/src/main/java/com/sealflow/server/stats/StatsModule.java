package com.sealflow.server.stats;

import com.sealflow.server.approval.ApprovalEngine;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.demo.DemoSeeds;
import com.sealflow.server.device.DeviceRegistry;
import com.sealflow.server.evidence.EvidenceIntake;
import com.sealflow.server.notify.Notifications;
import com.sealflow.server.org.Directory;
import com.sealflow.server.web.ApiRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Statistics and monitoring (流程监控): a read model fed by approval, evidence and device events, the dashboard's
 * {@code /api/stats} routes and exports, and a periodic check that turns slow nodes, anomaly spikes and devices offline
 * in business hours into notifications. Wire it with {@link #create} once the engine, devices and evidence exist.
 */
public final class StatsModule {

    private static final Logger LOG = LoggerFactory.getLogger(StatsModule.class);
    static final Duration CHECK_EVERY = Duration.ofMinutes(5);

    /** What the module needs from the platform. */
    public record Deps(Vertx vertx, Clock clock, Database db, Directory directory, Notifications notifications, ZoneId zone,
                       DemoSeeds demoSeeds) {
    }

    private final Deps deps;
    private final StatsRoutes routes;
    private final StatsMonitor monitor;
    private final RollupFolder folder;
    private long timer = -1;
    private long foldTimer = -1;

    private StatsModule(Deps deps, StatsRoutes routes, StatsMonitor monitor, RollupFolder folder) {
        this.deps = deps;
        this.routes = routes;
        this.monitor = monitor;
        this.folder = folder;
    }

    public static StatsModule create(Deps d, ApprovalEngine engine, DeviceRegistry devices, EvidenceIntake evidence) {
        FlowCatalog catalog = new FlowCatalog(engine);
        Rollup rollup = new Rollup(d.db(), d.zone(), catalog::limits);
        Projection projection = new Projection(d.db(), d.directory(), rollup);
        engine.onEvent(projection);
        evidence.addListener(projection);
        devices.addStatusListener((deviceId, state) -> projection.deviceStatus(deviceId, state, d.clock().millis())
            .onFailure(e -> LOG.warn("device status not counted: {}", e.toString())));
        rollup.buildIfNeeded().onFailure(e -> LOG.error("statistics rollup not built", e));
        Stats stats = new Stats(d.db(), d.clock(), d.zone(), d.directory(), devices, catalog);
        if ("true".equalsIgnoreCase(System.getenv(DemoHistory.ENV))) {
            d.demoSeeds().register(new DemoHistory(d.db(), d.clock(), d.directory(), devices, catalog, rollup));
        }
        StatsMonitor monitor = new StatsMonitor(d.db(), d.clock(), d.zone(), d.directory(), d.notifications(), catalog);
        return new StatsModule(d, new StatsRoutes(stats, d.zone()), monitor, new RollupFolder(d.db()));
    }

    public ApiRoutes routes() {
        return routes;
    }

    /** Runs the monitoring checks now; completes with the number of alerts sent. */
    public Future<Integer> checkAlerts() {
        return monitor.check();
    }

    /**
     * Starts the periodic monitoring check and the rollup's fold of its deltas into the day rows: once now (deltas a crash
     * or an earlier version left), then every second on PostgreSQL, the one database whose actions append deltas.
     */
    public void start() {
        timer = deps.vertx().setPeriodic(CHECK_EVERY.toMillis(), t -> monitor.check()
            .onFailure(e -> LOG.warn("stats monitoring failed: {}", e.toString())));
        fold();
        if (deps.db().dialect() == Dialect.POSTGRES) {
            foldTimer = deps.vertx().setPeriodic(RollupFolder.EVERY.toMillis(), t -> fold());
        }
    }

    private void fold() {
        folder.foldUnlessRunning().onFailure(e -> LOG.warn("statistics deltas not folded (kept for the next fold): {}", e.toString()));
    }

    public void stop() {
        if (timer >= 0) {
            deps.vertx().cancelTimer(timer);
            timer = -1;
        }
        if (foldTimer >= 0) {
            deps.vertx().cancelTimer(foldTimer);
            foldTimer = -1;
        }
    }
}
