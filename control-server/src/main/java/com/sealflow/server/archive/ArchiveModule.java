package com.sealflow.server.archive;

import com.sealflow.server.Platform;
import com.sealflow.server.config.ConfigSource;
import com.sealflow.server.demo.DemoCompany;
import com.sealflow.server.device.DeviceModule;
import com.sealflow.server.evidence.EvidenceModule;
import com.sealflow.server.flowapi.SealFlowModule;
import com.sealflow.server.web.ApiRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the archive: listens to the approval engine (ARCHIVE steps) and to evidence reviews (addenda), reads the other
 * modules through their public APIs, serves the archive routes and the public verification, and runs the timer that
 * retries archiving and, when an export directory is configured, exports new records.
 */
public final class ArchiveModule {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveModule.class);
    private static final long TIMER_MS = 5000;
    private static final int VERIFY_PER_MINUTE = 30;

    private final ArchiveService service;
    private final ArchiveRoutes routes;
    private final ArchiveExport export;

    private ArchiveModule(ArchiveService service, ArchiveRoutes routes, ArchiveExport export) {
        this.service = service;
        this.routes = routes;
        this.export = export;
    }

    public static ArchiveModule create(Platform p, SealFlowModule sealFlow, DeviceModule devices, EvidenceModule evidence) {
        ArchiveSettings settings = ArchiveSettings.load(p.config(), ConfigSource.fromEnvironment(),
            p.config().demo() ? DemoCompany.COMPANY : null);
        Archivist archivist = new Archivist(new Archivist.Sources(p.db().pool(), sealFlow.requests(), sealFlow.engine(), p.directory(),
            sealFlow.seals(), p.files(), evidence.queries(), devices.commands(), settings.company()));
        ArchiveService service = new ArchiveService(new ArchiveStore(p.db()), archivist, p.clock(), settings);
        sealFlow.engine().onEvent(service.approvalListener());
        sealFlow.engine().onCommitted(service.afterCommit());
        evidence.queries().setReviewListener(service::reviewed);
        Function<String, byte[]> photos = sha -> read(evidence.photoFile(sha));
        ArchiveExport export = new ArchiveExport(p.vertx(), service, photos, p.clock());
        ArchiveRoutes routes = new ArchiveRoutes(p.vertx(), service, export, photos, new VerifyThrottle(p.clock(), VERIFY_PER_MINUTE));
        p.vertx().setPeriodic(TIMER_MS, t -> service.processPending(50)
            .compose(n -> settings.autoExport() ? export.exportNew(20).mapEmpty() : io.vertx.core.Future.succeededFuture())
            .onFailure(e -> LOG.warn("archive timer failed: {}", e.toString())));
        return new ArchiveModule(service, routes, export);
    }

    private static byte[] read(Path file) {
        try {
            return file != null && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            LOG.warn("cannot read photo {}: {}", file, e.toString());
            return null;
        }
    }

    public ApiRoutes routes() {
        return routes;
    }

    public ArchiveService service() {
        return service;
    }

    /** Exports records not exported yet (up to {@code max}); the numbers exported. */
    public io.vertx.core.Future<java.util.List<String>> exportNew(int max) {
        return export.exportNew(max);
    }
}
