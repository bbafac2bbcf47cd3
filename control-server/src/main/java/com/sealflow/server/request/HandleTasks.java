package com.sealflow.server.request;

import com.sealflow.server.seal.Actor;
import com.sealflow.server.seal.DomainException;
import com.sealflow.server.seal.SealService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The device-action handle tasks of requests ({@code request_actions}): recorded when a HANDLE node is reached,
 * completed by the device module (session ended, seal left or returned to its slot) or by a custodian by hand
 * with a reason. Completion is two steps so the engine stays the one place that moves the flow: first the
 * report is stored (state COMPLETING), then the engine completes its task and, inside that transaction, the
 * {@code HandleCompleted} event marks the row DONE and moves take-out seals out of or back into the registry.
 */
public final class HandleTasks {

    private final RequestRepository repo;
    private final SealService seals;
    private final ApprovalPort approvals;
    private final Clock clock;

    HandleTasks(RequestRepository repo, SealService seals, ApprovalPort approvals, Clock clock) {
        this.repo = repo;
        this.seals = seals;
        this.approvals = approvals;
        this.clock = clock;
    }

    /**
     * Completes a handle task. Repeats after completion succeed without effect (devices redeliver); an unknown
     * task is a 404; a cancelled task or a frozen request a 409; a custodian must be a custodian of the seals
     * and give a reason.
     */
    public Future<Void> completeHandle(HandleCompletion c) {
        return repo.db().inTransaction(conn -> repo.db().execute(conn, "SELECT request_id, action, state FROM request_actions "
            + "WHERE task_id = $1" + repo.db().forUpdate(), c.taskId()).compose(rs -> {
                if (!rs.iterator().hasNext()) {
                    throw DomainException.notFound("handle task");
                }
                Row row = rs.iterator().next();
                String state = row.getString("state");
                if ("DONE".equals(state)) {
                    return Future.succeededFuture(false);
                }
                if (!"PENDING".equals(state) && !"COMPLETING".equals(state)) {
                    throw DomainException.conflict("handle-state", "the handle task is " + state);
                }
                return repo.lock(conn, row.getString("request_id")).compose(o -> check(conn, o.orElseThrow(), c))
                    .compose(r -> repo.db().execute(conn, "UPDATE request_actions SET state = $1, presses_used = $2, completed_by = $3, "
                        + "reason = $4 WHERE task_id = $5", "COMPLETING", c.pressesUsed(), by(c), c.reason(), c.taskId()))
                    .map(true);
            })).compose(todo -> !todo ? Future.succeededFuture() : approvals.task(c.taskId()).compose(task -> {
                String actor = c.by() == HandleCompletion.By.CUSTODIAN || task == null ? c.actorId() : task.assigneeId();
                String comment = c.by() == HandleCompletion.By.DEVICE
                    ? "completed at device " + c.actorId() + (c.pressesUsed() == null ? "" : ", " + c.pressesUsed() + " presses")
                    : c.reason();
                return approvals.completeHandle(c.taskId(), actor, comment);
            }));
    }

    /** A custodian completing from the web: {@code {taskId, pressesUsed?, reason}}. */
    public Future<Void> completeByCustodian(Actor actor, String requestId, JsonObject body) {
        com.sealflow.server.seal.Fields f = new com.sealflow.server.seal.Fields(body);
        String taskId = f.text("taskId", true, 64);
        Integer presses = f.integer("pressesUsed", false, 0, 100_000);
        String reason = f.text("reason", true, 500);
        f.check();
        return repo.db().execute("SELECT request_id FROM request_actions WHERE task_id = $1", taskId).compose(rs -> {
            if (!rs.iterator().hasNext() || !requestId.equals(rs.iterator().next().getString("request_id"))) {
                throw DomainException.notFound("handle task");
            }
            return completeHandle(new HandleCompletion(taskId, presses, HandleCompletion.By.CUSTODIAN, actor.id(), reason));
        });
    }

    private Future<SealRequest> check(SqlConnection conn, SealRequest r, HandleCompletion c) {
        r.requireNotFrozen();
        if (r.status() != RequestStatus.IN_PROGRESS) {
            throw DomainException.conflict("request-state", "request " + r.no() + " is " + r.status());
        }
        if (c.pressesUsed() != null && (c.pressesUsed() < 0 || c.pressesUsed() > r.copies() * r.sealIds().size())) {
            throw DomainException.invalid("pressesUsed", "must be between 0 and the approved presses");
        }
        if (c.by() == HandleCompletion.By.DEVICE) {
            return Future.succeededFuture(r);
        }
        if (c.reason() == null || c.reason().isBlank()) {
            throw DomainException.invalid("reason", "a custodian completing by hand must give a reason");
        }
        return seals.byIds(conn, r.sealIds()).map(list -> {
            if (list.stream().noneMatch(s -> s.isCustodian(c.actorId()))) {
                throw DomainException.forbidden("only a custodian of the request's seals may complete its handle task");
            }
            return r;
        });
    }

    // ---- inside engine transactions (ApprovalEvents) ----

    Future<Void> record(SqlConnection conn, SealRequest r, List<String> taskIds, HandleAction kind, long now) {
        Future<Void> chain = Future.succeededFuture();
        for (String taskId : taskIds) {
            chain = chain.compose(v -> repo.db().execute(conn, "INSERT INTO request_actions (task_id, request_id, action, state, "
                + "created_at) VALUES ($1, $2, $3, $4, $5)", taskId, r.id(), kind.name(), "PENDING", now).mapEmpty());
        }
        return chain;
    }

    /** The engine completed handle task {@code taskId}: the action is done, the other open rows of the node with it. */
    Future<Void> completed(SqlConnection conn, SealRequest r, String taskId, long now) {
        return repo.db().execute(conn, "SELECT action, state, presses_used, completed_by, reason FROM request_actions "
            + "WHERE task_id = $1", taskId).compose(rs -> {
                if (!rs.iterator().hasNext()) {
                    return Future.succeededFuture(); // a GENERIC handle task: nothing at a device
                }
                Row row = rs.iterator().next();
                HandleAction action = HandleAction.valueOf(row.getString("action"));
                String by = row.getString("completed_by");
                Future<Void> moves = Future.succeededFuture();
                for (String sealId : r.sealIds()) {
                    if (action == HandleAction.CHECKOUT) {
                        moves = moves.compose(v -> seals.checkOut(conn, sealId, by).mapEmpty());
                    } else if (action == HandleAction.CHECKIN) {
                        moves = moves.compose(v -> seals.checkIn(conn, sealId, by).mapEmpty());
                    }
                }
                JsonObject detail = new JsonObject().put("taskId", taskId).put("action", action.name()).put("by", by)
                    .put("pressesUsed", row.getInteger("presses_used")).put("reason", row.getString("reason"));
                return moves
                    .compose(v -> repo.db().execute(conn, "UPDATE request_actions SET state = $1, completed_at = $2 WHERE request_id = $3 "
                        + "AND action = $4 AND state IN ('PENDING', 'COMPLETING')", "DONE", now, r.id(), action.name()))
                    .compose(v -> repo.event(conn, r.id(), now, null, "HANDLE_DONE", detail));
            });
    }

    Future<Void> cancelOpen(SqlConnection conn, String requestId, String state, long now) {
        return repo.db().execute(conn, "UPDATE request_actions SET state = $1, completed_at = $2 WHERE request_id = $3 "
            + "AND state IN ('PENDING', 'COMPLETING')", state, now, requestId).mapEmpty();
    }

    /** {@code [{taskId, action, state, pressesUsed, completedBy, reason, createdAt, completedAt}]} of a request. */
    Future<List<JsonObject>> list(SqlClient client, String requestId) {
        return repo.db().execute(client, "SELECT task_id, action, state, presses_used, completed_by, reason, created_at, completed_at "
            + "FROM request_actions WHERE request_id = $1 ORDER BY created_at, task_id", requestId).map(rs -> {
                List<JsonObject> out = new ArrayList<>();
                for (Row x : rs) {
                    out.add(new JsonObject().put("taskId", x.getString("task_id")).put("action", x.getString("action"))
                        .put("state", x.getString("state")).put("pressesUsed", x.getInteger("presses_used"))
                        .put("completedBy", x.getString("completed_by")).put("reason", x.getString("reason"))
                        .put("createdAt", x.getLong("created_at")).put("completedAt", x.getLong("completed_at")));
                }
                return out;
            });
    }

    private static String by(HandleCompletion c) {
        return (c.by() == HandleCompletion.By.DEVICE ? "device:" : "") + c.actorId();
    }
}
