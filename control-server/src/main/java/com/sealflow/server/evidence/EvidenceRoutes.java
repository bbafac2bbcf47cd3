package com.sealflow.server.evidence;

import com.sealflow.server.device.DeviceRegistry;
import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.JsonBody;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Replies;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * Evidence review for security staff and auditors ({@code /api/evidence...}), a device's event timeline, and the
 * agents' snapshot upload ({@code PUT /api/device/v1/snapshots/{eventId}}, bearer device token, DEVICE-CONTRACT).
 */
public final class EvidenceRoutes implements ApiRoutes {

    private static final Role[] REVIEWERS = {Role.SECURITY, Role.AUDITOR, Role.ADMIN};
    /** Auditors read evidence but never change it (DESIGN §1): marking a press is security staff's work. */
    private static final Role[] MARKERS = {Role.SECURITY, Role.ADMIN};
    private static final Role[] DEVICE_READERS = {Role.ADMIN, Role.SEAL_ADMIN, Role.SECURITY, Role.AUDITOR};
    static final String SNAPSHOT_PATH = "/api/device/v1/snapshots/:eventId";

    private final EvidenceQueries queries;
    private final PhotoStore photos;
    private final DeviceRegistry registry;
    private final long maxPhotoBytes;
    private volatile PhotoAccess photoAccess = PhotoAccess.REVIEWERS_ONLY;
    private volatile ApprovedDocument documents = ApprovedDocument.NONE;

    public EvidenceRoutes(EvidenceQueries queries, PhotoStore photos, DeviceRegistry registry, long maxPhotoBytes) {
        this.queries = queries;
        this.photos = photos;
        this.registry = registry;
        this.maxPhotoBytes = maxPhotoBytes;
    }

    /** Lets applicants and custodians open the photos of their own presses (reviewers always can). */
    public void setApprovedDocument(ApprovedDocument documents) {
        this.documents = documents == null ? ApprovedDocument.NONE : documents;
    }

    public void setPhotoAccess(PhotoAccess access) {
        this.photoAccess = access == null ? PhotoAccess.REVIEWERS_ONLY : access;
    }

    @Override
    public String openApiFragment() {
        return "openapi/evidence.json";
    }

    @Override
    public List<BodyLimit> bodyLimits() {
        return List.of(new BodyLimit(HttpMethod.PUT, SNAPSHOT_PATH, maxPhotoBytes, false));
    }

    @Override
    public void mount(Router router) {
        router.get("/api/evidence").handler(Access.requireRole(REVIEWERS)).handler(this::list);
        router.get("/api/evidence/anomalies").handler(Access.requireRole(REVIEWERS)).handler(this::anomalies);
        router.get("/api/evidence/:pressId").handler(Access.requireRole(REVIEWERS)).handler(ctx -> queries
            .press(ctx.pathParam("pressId")).onSuccess(p -> Replies.ok(ctx, p)).onFailure(ctx::fail));
        router.get("/api/evidence/:pressId/photo").handler(this::photo);
        router.get("/api/evidence/:pressId/document").handler(Access.requireRole(REVIEWERS)).handler(this::document);
        router.post("/api/evidence/:pressId/review").handler(Access.requireRole(MARKERS)).handler(this::review);
        router.get("/api/devices/:id/events").handler(Access.requireRole(DEVICE_READERS)).handler(ctx -> registry.get(ctx.pathParam("id"))
            .compose(d -> queries.deviceEvents(d.id(), 200)).onSuccess(e -> Replies.json(ctx, 200, e)).onFailure(ctx::fail));
        router.put(SNAPSHOT_PATH).handler(this::upload);
    }

    private void list(RoutingContext ctx) {
        String flagged = ctx.queryParams().get("flagged");
        Boolean f = flagged == null || flagged.isBlank() ? null : Boolean.parseBoolean(flagged);
        queries.presses(new EvidenceQueries.Filter(f, blankToNull(ctx.queryParams().get("deviceId")), time(ctx, "from"), time(ctx, "to"),
                blankToNull(ctx.queryParams().get("requestId")), 500))
            .onSuccess(list -> Replies.json(ctx, 200, list)).onFailure(ctx::fail);
    }

    private static Long time(RoutingContext ctx, String name) {
        String v = ctx.queryParams().get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            try {
                return java.time.Instant.parse(v).toEpochMilli();
            } catch (java.time.format.DateTimeParseException e2) {
                throw ProblemException.invalidField(name, name + " must be epoch milliseconds or an ISO-8601 instant");
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** {@code ?state=open|resolved|all} (all by default: a resolved flag stays in the device's history). */
    private void anomalies(RoutingContext ctx) {
        String state = Optional.ofNullable(ctx.queryParams().get("state")).orElse("all");
        Boolean open = switch (state) {
            case "open" -> Boolean.TRUE;
            case "resolved" -> Boolean.FALSE;
            case "all" -> null;
            default -> throw ProblemException.invalidField("state", "state must be open, resolved or all");
        };
        queries.anomalies(ctx.queryParams().get("deviceId"), open, 200).onSuccess(a -> Replies.json(ctx, 200, a)).onFailure(ctx::fail);
    }

    private void photo(RoutingContext ctx) {
        CurrentUser user = CurrentUser.of(ctx);
        String pressId = ctx.pathParam("pressId");
        queries.press(pressId).compose(p -> user.hasAnyRole(REVIEWERS) ? io.vertx.core.Future.succeededFuture(p)
            : photoAccess.mayView(user, p.getString("requestId"), p.getString("sealId")).map(may -> {
                if (!Boolean.TRUE.equals(may)) {
                    // same answer as an unknown press: ids reveal nothing
                    throw ProblemException.notFound("press " + pressId);
                }
                return p;
            })).onSuccess(p -> {
            String sha = p.getString("photoSha256");
            if (sha == null || !p.getBoolean("photoStored")) {
                ctx.fail(ProblemException.notFound("photo of press " + p.getString("id")));
                return;
            }
            ctx.response().putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "private, max-age=86400, immutable")
                .putHeader("ETag", "\"" + sha + "\"").sendFile(photos.path(sha).toString()).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    /**
     * The approved document beside the photo: the request's attached picture as it is, or the first page of its PDF
     * as a PNG. A press without a request, or a request without either, is a 404.
     */
    private void document(RoutingContext ctx) {
        String pressId = ctx.pathParam("pressId");
        queries.press(pressId).compose(p -> p.getString("requestId") == null
            ? Future.succeededFuture(Optional.<ApprovedDocument.Document>empty()) : documents.of(p.getString("requestId"))).onSuccess(d -> {
                if (d.isEmpty()) {
                    ctx.fail(ProblemException.notFound("approved document of press " + pressId));
                    return;
                }
                ApprovedDocument.Document doc = d.get();
                ctx.response().putHeader("Cache-Control", "private, max-age=86400").putHeader("ETag", "\"" + doc.sha256() + "\"")
                    .putHeader("X-File-Sha256", doc.sha256());
                if (doc.isImage()) {
                    ctx.response().putHeader("Content-Type", doc.contentType()).sendFile(doc.path().toString()).onFailure(ctx::fail);
                    return;
                }
                ctx.vertx().executeBlocking(() -> DocumentPreview.firstPage(doc.path()), false)
                    .onSuccess(png -> ctx.response().putHeader("Content-Type", "image/png").end(io.vertx.core.buffer.Buffer.buffer(png)))
                    .onFailure(e -> ctx.fail(new ProblemException(422, "unreadable-document", "The document cannot be shown",
                        "the first page of the PDF could not be drawn")));
            }).onFailure(ctx::fail);
    }

    private void review(RoutingContext ctx) {
        CurrentUser user = CurrentUser.of(ctx);
        JsonBody body = JsonBody.of(ctx);
        queries.review(ctx.pathParam("pressId"), body.string("verdict"), body.optString("comment"), user.id())
            .onSuccess(p -> Replies.ok(ctx, p)).onFailure(ctx::fail);
    }

    private void upload(RoutingContext ctx) {
        String auth = ctx.request().getHeader("Authorization");
        String bearer = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        registry.deviceForHttpToken(bearer).compose(deviceId -> {
            if (deviceId == null) {
                return io.vertx.core.Future.failedFuture(new ProblemException(401, "unauthorized", "Device authentication required",
                    "send the device's bearer token"));
            }
            return photos.upload(deviceId, ctx.pathParam("eventId"), ctx.request().getHeader("Content-Type"),
                ctx.request().getHeader("X-Photo-Sha256"), ctx.body() == null ? null : ctx.body().buffer());
        }).onSuccess(stored -> Replies.json(ctx, stored.status(), new JsonObject().put("eventId", ctx.pathParam("eventId"))
            .put("sha256", stored.sha256())))
            .onFailure(ctx::fail);
    }
}
