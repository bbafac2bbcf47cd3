package com.sealflow.server.evidence;

import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.db.Database;
import com.sealflow.server.device.DeviceModule;
import com.sealflow.server.file.FileService;
import com.sealflow.server.flowapi.SealFlowModule;
import com.sealflow.server.request.RequestEvidence;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires evidence intake, the photo store, review routes and the missing-photo timer (see {@link DeviceModule}). */
public final class EvidenceModule {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceModule.class);
    private static final long TIMER_MS = 1000;

    private final EvidenceIntake intake;
    private final EvidenceQueries queries;
    private final EvidenceRoutes routes;
    private final DeviceModule devices;
    private final PhotoStore photos;

    private EvidenceModule(EvidenceIntake intake, EvidenceQueries queries, EvidenceRoutes routes, DeviceModule devices,
                           PhotoStore photos) {
        this.intake = intake;
        this.queries = queries;
        this.routes = routes;
        this.devices = devices;
        this.photos = photos;
    }

    /** Where the photo with this SHA-256 is (or would be) stored; read-only use (archive exports, evidence packs). */
    public java.nio.file.Path photoFile(String sha256) {
        return sha256 == null || !sha256.matches("[0-9a-f]{64}") ? null : photos.path(sha256);
    }

    public static EvidenceModule create(Vertx vertx, ServerConfig config, Clock clock, Database db, AuditLog audit,
                                        DeviceModule devices) {
        EvidenceSettings settings = EvidenceSettings.defaults(config.dataDir());
        EvidenceIntake intake = new EvidenceIntake(db, clock, settings, devices.registry(), devices.commands());
        EvidenceQueries queries = new EvidenceQueries(db, clock);
        queries.setAudit((tx, actor, action, id, details) -> audit.append(tx, actor, action, "press", id, details));
        PhotoStore photos = new PhotoStore(vertx, db, clock, settings);
        photos.shareListeners(intake);
        devices.setEventSink(intake);
        vertx.setPeriodic(TIMER_MS, t -> {
            intake.flagMissingPhotos().onFailure(e -> LOG.warn("missing-photo timer failed: {}", e.toString()));
            photos.checkPending();
        });
        return new EvidenceModule(intake, queries, new EvidenceRoutes(queries, photos, devices.registry(), settings.maxPhotoBytes()),
            devices, photos);
    }

    /**
     * Stamp photos for the applicant of the request (proof their document was stamped) and the custodians of the
     * seal, through the request and seal modules' public APIs; reviewers see all, anyone else gets a 404.
     */
    public void wire(SealFlowModule m) {
        wire(m, null);
    }

    /** As {@link #wire(SealFlowModule)}, and the approved document beside the photo for reviewers (when {@code files} is given). */
    public void wire(SealFlowModule m, FileService files) {
        if (files != null) {
            routes.setApprovedDocument(requestId -> m.requests().find(m.requests().db().pool(), requestId)
                .compose(r -> firstDocument(m, files, r.map(x -> x.fileIds()).orElse(List.of()), 0)));
        }
        routes.setPhotoAccess((user, requestId, sealId) -> {
            Future<Boolean> applicant = requestId == null ? Future.succeededFuture(false)
                : m.requests().find(m.requests().db().pool(), requestId)
                    .map(r -> r.map(x -> user.id().equals(x.applicantId())).orElse(false));
            return applicant.compose(yes -> yes || sealId == null ? Future.succeededFuture(yes)
                : m.seals().byId(sealId).map(s -> s.map(x -> x.isCustodian(user.id())).orElse(false)));
        });
    }

    /** The first of the files that is a picture or a PDF. */
    private static Future<Optional<ApprovedDocument.Document>> firstDocument(SealFlowModule m, FileService files, List<String> ids, int i) {
        if (i >= ids.size()) {
            return Future.succeededFuture(Optional.empty());
        }
        return files.find(m.requests().db().pool(), ids.get(i)).compose(f -> {
            Optional<ApprovedDocument.Document> d = f.map(x -> new ApprovedDocument.Document(x.name(), x.contentType(), x.sha256(),
                files.path(x))).filter(x -> x.isImage() || x.isPdf());
            return d.isPresent() ? Future.succeededFuture(d) : firstDocument(m, files, ids, i + 1);
        });
    }

    public EvidenceRoutes routes() {
        return routes;
    }

    public EvidenceIntake intake() {
        return intake;
    }

    public EvidenceQueries queries() {
        return queries;
    }

    /** What the request detail shows: {@code unlocks[{commandId, deviceId, state}]} and {@code presses[]}. */
    public RequestEvidence requestEvidence() {
        return new RequestEvidence() {
            @Override
            public Future<JsonArray> unlocks(SqlClient reads, String requestId) {
                return devices.commands().unlocksOf(reads, requestId);
            }

            @Override
            public Future<JsonArray> presses(SqlClient reads, String requestId) {
                return queries.pressesOf(reads, requestId);
            }
        };
    }
}
