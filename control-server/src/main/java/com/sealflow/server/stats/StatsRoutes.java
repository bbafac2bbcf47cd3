package com.sealflow.server.stats;

import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Replies;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * {@code /api/stats/...}: approval figures for admins, flow admins, auditors and executives; seal and device figures
 * for them and security staff. Every figure takes {@code from}/{@code to} (see {@link Range}).
 */
final class StatsRoutes implements ApiRoutes {

    static final Role[] FLOW_READERS = {Role.ADMIN, Role.FLOW_ADMIN, Role.AUDITOR, Role.EXECUTIVE};
    static final Role[] DEVICE_READERS = {Role.ADMIN, Role.FLOW_ADMIN, Role.AUDITOR, Role.EXECUTIVE, Role.SECURITY};
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Stats stats;
    private final ZoneId zone;

    StatsRoutes(Stats stats, ZoneId zone) {
        this.stats = stats;
        this.zone = zone;
    }

    @Override
    public String openApiFragment() {
        return "openapi/stats.json";
    }

    @Override
    public void mount(Router router) {
        router.get("/api/stats/summary").handler(Access.requireRole(FLOW_READERS))
            .handler(ctx -> object(ctx, r -> stats.summary(r, blankToNull(ctx.queryParams().get("flowKey")))));
        router.get("/api/stats/trend").handler(Access.requireRole(FLOW_READERS)).handler(ctx -> {
            String g = ctx.queryParams().get("granularity");
            if (g != null && !g.isBlank() && !"day".equals(g) && !"week".equals(g)) {
                throw ProblemException.invalidField("granularity", "expected day or week");
            }
            array(ctx, r -> stats.trend(r, blankToNull(ctx.queryParams().get("flowKey")), "week".equals(g)));
        });
        router.get("/api/stats/flows").handler(Access.requireRole(FLOW_READERS)).handler(ctx -> array(ctx, stats::flows));
        router.get("/api/stats/nodes").handler(Access.requireRole(FLOW_READERS)).handler(ctx -> {
            String flowKey = blankToNull(ctx.queryParams().get("flowKey"));
            if (flowKey == null) {
                throw ProblemException.invalidField("flowKey", "required");
            }
            array(ctx, r -> stats.nodes(flowKey, r));
        });
        router.get("/api/stats/bottlenecks").handler(Access.requireRole(FLOW_READERS))
            .handler(ctx -> array(ctx, r -> stats.bottlenecks(r, limit(ctx))));
        router.get("/api/stats/departments").handler(Access.requireRole(FLOW_READERS)).handler(ctx -> array(ctx, stats::departments));
        router.get("/api/stats/seals").handler(Access.requireRole(DEVICE_READERS)).handler(ctx -> array(ctx, stats::seals));
        router.get("/api/stats/devices").handler(Access.requireRole(DEVICE_READERS)).handler(ctx -> array(ctx, stats::devices));
        router.get("/api/stats/export.xlsx").handler(Access.requireRole(FLOW_READERS)).handler(this::xlsx);
        router.get("/api/stats/export.csv").handler(Access.requireRole(FLOW_READERS)).handler(this::csv);
    }

    private Range range(RoutingContext ctx) {
        return stats.range(ctx.queryParams().get("from"), ctx.queryParams().get("to"));
    }

    private void object(RoutingContext ctx, Function<Range, Future<JsonObject>> q) {
        q.apply(range(ctx)).onSuccess(o -> Replies.ok(ctx, o)).onFailure(ctx::fail);
    }

    private void array(RoutingContext ctx, Function<Range, Future<JsonArray>> q) {
        q.apply(range(ctx)).onSuccess(a -> Replies.json(ctx, 200, a)).onFailure(ctx::fail);
    }

    private static int limit(RoutingContext ctx) {
        String text = ctx.queryParams().get("limit");
        if (text == null || text.isBlank()) {
            return 10;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalidField("limit", "expected 1 to 100");
    }

    private void xlsx(RoutingContext ctx) {
        Range r = range(ctx);
        stats.everything(r).onSuccess(all -> ctx.response().putHeader("Content-Type", XLSX)
                .putHeader("Content-Disposition", "attachment; filename=\"sealflow-stats.xlsx\"")
                .end(Buffer.buffer(StatsExport.xlsx(all, zone))))
            .onFailure(ctx::fail);
    }

    private void csv(RoutingContext ctx) {
        String table = ctx.queryParams().get("table") == null ? "flows" : ctx.queryParams().get("table").trim();
        if (!StatsExport.TABLES.containsKey(table)) {
            throw ProblemException.invalidField("table", "expected one of " + String.join(", ", StatsExport.TABLES.keySet()));
        }
        Range r = range(ctx);
        stats.everything(r).onSuccess(all -> ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"sealflow-stats-" + table + ".csv\"")
                .end(Buffer.buffer("\uFEFF" + StatsExport.csv(StatsExport.tables(all, zone).get(table)), StandardCharsets.UTF_8.name())))
            .onFailure(ctx::fail);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
