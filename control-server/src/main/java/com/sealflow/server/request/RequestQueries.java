package com.sealflow.server.request;

import com.sealflow.server.db.Database;
import com.sealflow.server.seal.Actor;
import com.sealflow.server.seal.DomainException;
import com.sealflow.server.seal.Seal;
import com.sealflow.server.seal.SealService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The request list (by scope, paged) and the request detail page, both filtered by {@link RequestAccess}. */
public final class RequestQueries {

    static final int MAX_PAGE_SIZE = 200;

    private final Database db;
    private final RequestRepository repo;
    private final SealService seals;
    private final ApprovalPort approvals;
    private final RequestAccess access;
    private final ApprovalEvents events;
    private volatile RequestEvidence evidence = RequestEvidence.NONE;

    public RequestQueries(Database db, SealService seals, ApprovalPort approvals, RequestService service) {
        this.db = db;
        this.repo = new RequestRepository(db);
        this.seals = seals;
        this.approvals = approvals;
        this.access = service.access();
        this.events = service.approvalEvents();
    }

    /** The device/evidence module plugs in the unlocks and presses shown on the detail page. */
    public void setEvidence(RequestEvidence evidence) {
        this.evidence = evidence == null ? RequestEvidence.NONE : evidence;
    }

    /** Scopes: mine, todo, done, cc, seals (requests for seals the caller keeps), all (auditors and admins). */
    public Future<JsonObject> list(Actor actor, String scope, String status, String q, int page, int size) {
        if (page < 1 || size < 1 || size > MAX_PAGE_SIZE) {
            return Future.failedFuture(DomainException.invalid("size", "page from 1, size from 1 to " + MAX_PAGE_SIZE));
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        Future<Void> scoped = switch (scope == null ? "mine" : scope) {
            case "mine" -> {
                params.add(actor.id());
                where.append("applicant_id = $1");
                yield Future.succeededFuture();
            }
            case "all" -> {
                if (!RequestAccess.seesAll(actor)) {
                    throw DomainException.forbidden("only auditors and admins list all requests");
                }
                where.append("1 = 1");
                yield Future.succeededFuture();
            }
            case "seals" -> seals.keptBy(db.pool(), actor.id()).map(kept -> {
                List<String> ids = kept.stream().map(Seal::id).toList();
                where.append(ids.isEmpty() ? "1 = 0" : "id IN (SELECT request_id FROM request_seals WHERE seal_id IN ("
                    + placeholders(params, ids) + "))");
                return null;
            });
            case "todo", "done", "cc" -> approvals.requestIdsOf(actor.id(),
                ApprovalPort.Scope.valueOf(scope.toUpperCase(Locale.ROOT))).map(ids -> {
                    where.append(ids.isEmpty() ? "1 = 0" : "id IN (" + placeholders(params, ids) + ")");
                    return null;
                });
            default -> throw DomainException.invalid("scope", "must be one of mine, todo, done, cc, seals, all");
        };
        return scoped.compose(v -> {
            if (status != null && !status.isBlank()) {
                try {
                    params.add(RequestStatus.valueOf(status).name());
                } catch (IllegalArgumentException e) {
                    throw DomainException.invalid("status", "unknown status " + status);
                }
                where.append(" AND status = $").append(params.size());
            }
            if (q != null && !q.isBlank()) {
                String like = "%" + q.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                where.append(" AND (LOWER(no) LIKE $").append(params.size() + 1).append(" ESCAPE '\\' OR LOWER(document_name) LIKE $")
                    .append(params.size() + 2).append(" ESCAPE '\\' OR LOWER(COALESCE(counterparty, '')) LIKE $")
                    .append(params.size() + 3).append(" ESCAPE '\\')");
                params.add(like);
                params.add(like);
                params.add(like);
            }
            return db.reading(conn -> repo.page(conn, where.toString(), params, page - 1, size));
        }).map(p -> new JsonObject()
            .put("items", new JsonArray(p.items().stream().map(SealRequest::toJson).toList()))
            .put("total", p.total()).put("page", page).put("size", size));
    }

    /** The detail page: the request, its seals, where the approval stands, the merged timeline, device activity. */
    public Future<JsonObject> detail(Actor actor, String id) {
        // every read of the page on one connection: one wait for the pool instead of one per statement (about ten); the
        // reads started together are pipelined on PostgreSQL
        return db.reading(conn -> access.visible(conn, actor, id).compose(r -> {
            Future<JsonObject> view = r.instanceId() == null
                ? Future.succeededFuture(new JsonObject().put("currentNodes", new JsonArray()).put("timeline", new JsonArray())
                    .put("tasks", new JsonArray()))
                : approvals.view(conn, r.instanceId());
            return Future.all(view, repo.events(conn, id), seals.byIds(conn, r.sealIds()), events.handles().list(conn, id),
                evidence.unlocks(conn, id), evidence.presses(conn, id)).map(all -> {
                    JsonObject v = all.resultAt(0);
                    List<JsonObject> own = all.resultAt(1);
                    List<Seal> sealList = all.resultAt(2);
                    List<JsonObject> actions = all.resultAt(3);
                    JsonObject json = r.toJson();
                    json.put("seals", new JsonArray(sealList.stream().map(s -> new JsonObject().put("id", s.id()).put("code", s.code())
                        .put("name", s.name()).put("type", s.type().name()).put("status", s.status().name())
                        .put("custodianId", s.custodianId()).put("deviceId", s.deviceId()).put("slot", s.slot())).toList()));
                    json.put("currentNodes", v.getJsonArray("currentNodes", new JsonArray()));
                    json.put("tasks", v.getJsonArray("tasks", new JsonArray()));
                    json.put("timeline", timeline(own, v.getJsonArray("timeline", new JsonArray())));
                    json.put("handles", new JsonArray(actions));
                    json.put("unlocks", all.<JsonArray>resultAt(4));
                    json.put("presses", all.<JsonArray>resultAt(5));
                    return json;
                });
        }));
    }

    /** The request's own events and the engine's history, by time; each entry says where it comes from. */
    private static JsonArray timeline(List<JsonObject> own, JsonArray engine) {
        List<JsonObject> merged = new ArrayList<>();
        own.forEach(e -> merged.add(e.copy().put("source", "request")));
        for (Object o : engine) {
            if (o instanceof JsonObject e) {
                merged.add(e.copy().put("source", "approval"));
            }
        }
        merged.sort(Comparator.comparingLong(e -> e.getLong("at", 0L)));
        return new JsonArray(merged);
    }

    private static String placeholders(List<Object> params, List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            params.add(v);
            sb.append(sb.length() == 0 ? "" : ", ").append('$').append(params.size());
        }
        return sb.toString();
    }
}
