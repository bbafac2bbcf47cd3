package com.sealflow.server.archive;

import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.Paging;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Replies;
import com.sealflow.server.web.Role;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * {@code GET /api/archive} (search), {@code GET /api/archive/{no}}, {@code GET /api/archive/{no}/evidence.pdf},
 * {@code GET /api/archive/chain/verify} and {@code POST /api/archive/export} (auditors, admins), and the public
 * {@code GET /api/verify/{code}} (no login, rate limited).
 */
final class ArchiveRoutes implements ApiRoutes {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Vertx vertx;
    private final ArchiveService service;
    private final ArchiveExport export;
    private final Function<String, byte[]> photos;
    private final VerifyThrottle throttle;

    ArchiveRoutes(Vertx vertx, ArchiveService service, ArchiveExport export, Function<String, byte[]> photos, VerifyThrottle throttle) {
        this.vertx = vertx;
        this.service = service;
        this.export = export;
        this.photos = photos;
        this.throttle = throttle;
    }

    @Override
    public String openApiFragment() {
        return "openapi/archive.json";
    }

    @Override
    public void mount(Router router) {
        router.get("/api/archive").handler(this::search);
        router.get("/api/archive/chain/verify").handler(Access.requireRole(Role.AUDITOR, Role.ADMIN))
            .handler(ctx -> service.verifyChain().onSuccess(r -> Replies.ok(ctx, r)).onFailure(ctx::fail));
        router.post("/api/archive/export").handler(Access.requireRole(Role.AUDITOR, Role.ADMIN))
            .handler(ctx -> export.exportNew(1000).onSuccess(list -> Replies.ok(ctx, new JsonObject()
                .put("exported", new JsonArray(list)).put("directory", service.settings().exportDir().toString())))
                .onFailure(ctx::fail));
        router.get("/api/archive/:no").handler(ctx -> service.detail(CurrentUser.of(ctx), ctx.pathParam("no"))
            .onSuccess(d -> Replies.ok(ctx, d)).onFailure(ctx::fail));
        router.get("/api/archive/:no/evidence.pdf").handler(this::pdf);
        router.get("/api/verify/:code").handler(this::verify);
    }

    private void search(RoutingContext ctx) {
        CurrentUser user = CurrentUser.of(ctx);
        Paging paging = Paging.of(ctx);
        ArchiveSearch.Query q = new ArchiveSearch.Query(param(ctx, "q"), param(ctx, "applicantId"), param(ctx, "departmentId"),
            param(ctx, "sealId"), param(ctx, "deviceId"), time(ctx, "from", false), time(ctx, "to", true), paging.page(), paging.size(),
            null);
        if (q.q() != null && q.q().length() > 200) {
            throw ProblemException.invalidField("q", "q is at most 200 characters");
        }
        service.search(user, q).onSuccess(r -> Replies.ok(ctx, r)).onFailure(ctx::fail);
    }

    private void pdf(RoutingContext ctx) {
        CurrentUser user = CurrentUser.of(ctx);
        String no = ctx.pathParam("no");
        service.visibleRecord(user, no).compose(row -> service.detailForSystem(no))
            .compose(detail -> vertx.executeBlocking(() -> EvidencePdf.render(detail, photos, service.settings().pdfFont())))
            .onSuccess(bytes -> ctx.response().putHeader("Content-Type", "application/pdf")
                .putHeader("Content-Disposition", "attachment; filename=\"evidence-" + no + ".pdf\"")
                .putHeader("Cache-Control", "private, no-store").end(Buffer.buffer(bytes)))
            .onFailure(ctx::fail);
    }

    private void verify(RoutingContext ctx) {
        long wait = throttle.acquire(ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress());
        if (wait > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(wait));
            throw new ProblemException(429, "too-many-requests", "Too many verifications", "try again in " + wait + " s");
        }
        service.verify(ctx.pathParam("code").trim().toUpperCase(java.util.Locale.ROOT))
            .onSuccess(r -> {
                ctx.response().putHeader("Cache-Control", "no-store");
                Replies.ok(ctx, r);
            }).onFailure(ctx::fail);
    }

    private static String param(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** Epoch milliseconds, an ISO-8601 instant or a date ({@code to} dates include the whole day). */
    private static Long time(RoutingContext ctx, String name, boolean endOfDay) {
        String v = param(ctx, name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(v).toEpochMilli();
            } catch (DateTimeParseException e2) {
                try {
                    LocalDate d = LocalDate.parse(v);
                    return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZONE).toInstant().toEpochMilli();
                } catch (DateTimeParseException e3) {
                    throw ProblemException.invalidField(name, name + " must be epoch milliseconds, an ISO-8601 instant or a date");
                }
            }
        }
    }
}
