package com.sealflow.server;

import com.sealflow.server.archive.ArchiveModule;
import com.sealflow.server.device.BrokerAtLaunch;
import com.sealflow.server.device.DeviceModule;
import com.sealflow.server.evidence.EvidenceModule;
import com.sealflow.server.flowapi.SealFlowModule;
import com.sealflow.server.notify.NotifyModule;
import com.sealflow.server.stats.StatsModule;
import com.sealflow.server.web.ApiRoutes;
import java.util.ArrayList;
import java.util.List;

/**
 * The feature modules built from the {@link Platform} and plugged into each other: seals, requests and the
 * approval engine; devices (broker, enrolment, unlock commands); evidence intake and review. This is the
 * only place that knows how they connect.
 */
final class Features {

    private final SealFlowModule sealFlow;
    private final DeviceModule devices;
    private final EvidenceModule evidence;
    private final StatsModule stats;
    private final ArchiveModule archive;

    private Features(SealFlowModule sealFlow, DeviceModule devices, EvidenceModule evidence, StatsModule stats,
                     ArchiveModule archive) {
        this.sealFlow = sealFlow;
        this.devices = devices;
        this.evidence = evidence;
        this.stats = stats;
        this.archive = archive;
    }

    static Features create(Platform platform, BrokerAtLaunch broker) {
        Platform p = platform;
        SealFlowModule sealFlow = SealFlowModule.create(new SealFlowModule.Deps(p.vertx(), p.db(), p.clock(), p.directory(),
            p.audit(), p.files(), p.notifications(), p.demoSeeds()));
        DeviceModule devices = DeviceModule.create(p.vertx(), p.config(), p.clock(), p.db(), p.audit(), p.demoSeeds(), broker);
        devices.wire(sealFlow);
        EvidenceModule evidence = EvidenceModule.create(p.vertx(), p.config(), p.clock(), p.db(), p.audit(), devices);
        sealFlow.queries().setEvidence(evidence.requestEvidence());
        evidence.wire(sealFlow, p.files());
        StatsModule stats = StatsModule.create(new StatsModule.Deps(p.vertx(), p.clock(), p.db(), p.directory(), p.notifications(),
            SealFlowModule.ZONE, p.demoSeeds()), sealFlow.engine(), devices.registry(), evidence.intake());
        ArchiveModule archive = ArchiveModule.create(p, sealFlow, devices, evidence);
        return new Features(sealFlow, devices, evidence, stats, archive);
    }

    /** Approval events (and AUTO WEBHOOK nodes) become webhook deliveries, written in the engine's transaction. */
    void wireNotify(NotifyModule notify) {
        sealFlow.engine().onEvent(notify.approvalWebhooks(sealFlow.requests()));
    }

    List<ApiRoutes> routes() {
        List<ApiRoutes> routes = new ArrayList<>(sealFlow.routes());
        routes.add(devices.routes());
        routes.add(evidence.routes());
        routes.add(stats.routes());
        routes.add(archive.routes());
        return routes;
    }

    /** Connects to the broker and starts relays and timers; call once the database is seeded. */
    void start() {
        devices.start();
        stats.start();
    }

    void stop() {
        stats.stop();
        devices.stop();
    }

    DeviceModule devices() {
        return devices;
    }

    EvidenceModule evidence() {
        return evidence;
    }
}
