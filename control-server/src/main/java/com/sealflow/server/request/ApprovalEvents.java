package com.sealflow.server.request;

import com.sealflow.server.seal.DomainException;
import com.sealflow.server.seal.Seal;
import com.sealflow.server.seal.SealChanged;
import com.sealflow.server.seal.SealService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps requests in step with their approval instances and their seals, inside the transaction that
 * caused each change: the engine adapter reports instance outcomes and reached HANDLE nodes here; the seal
 * module reports lost seals; the device module completes handle tasks through {@link #completeHandle}.
 */
public final class ApprovalEvents {

    private final RequestRepository repo;
    private final SealService seals;
    private final ApprovalPort approvals;
    private final Clock clock;
    private volatile SealActionListener listener = SealActionListener.NONE;

    ApprovalEvents(RequestRepository repo, SealService seals, ApprovalPort approvals, Clock clock) {
        this.repo = repo;
        this.seals = seals;
        this.approvals = approvals;
        this.clock = clock;
    }

    void setListener(SealActionListener listener) {
        this.listener = listener == null ? SealActionListener.NONE : listener;
    }

    // ---- instance outcomes (engine adapter) ----

    public Future<Void> instanceApproved(SqlConnection conn, String requestId) {
        return move(conn, requestId, "COMPLETED", r -> r.completed(clock.millis()), null);
    }

    public Future<Void> instanceRejected(SqlConnection conn, String requestId) {
        return move(conn, requestId, "REJECTED", r -> r.rejected(clock.millis()), SealActionCancelled.Reason.REJECTED);
    }

    public Future<Void> instanceReturned(SqlConnection conn, String requestId) {
        return move(conn, requestId, "RETURNED", r -> r.returned(clock.millis()), SealActionCancelled.Reason.RETURNED);
    }

    public Future<Void> instanceWithdrawn(SqlConnection conn, String requestId) {
        return move(conn, requestId, "WITHDRAWN", r -> r.status() == RequestStatus.WITHDRAWN ? r : r.withdrawn(clock.millis()),
            SealActionCancelled.Reason.WITHDRAWN);
    }

    /**
     * A HANDLE node was reached. Device actions (STAMP, CHECKOUT, CHECKIN) become a {@link SealActionDue} for the
     * device module; a frozen request records the task but announces nothing until it is unfrozen.
     */
    public Future<Void> handleReached(SqlConnection conn, String requestId, String taskId, String action, List<String> assignees) {
        HandleAction kind;
        try {
            kind = HandleAction.valueOf(action);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Future.succeededFuture(); // GENERIC handle tasks are worked on the web only
        }
        long now = clock.millis();
        return repo.lock(conn, requestId).compose(o -> {
            SealRequest r = o.orElseThrow(() -> DomainException.notFound("request"));
            return repo.db().execute(conn, "INSERT INTO request_actions (task_id, request_id, action, state, created_at) "
                    + "VALUES ($1, $2, $3, $4, $5)", taskId, requestId, kind.name(), "PENDING", now)
                .compose(v -> repo.event(conn, requestId, now, null, "HANDLE_DUE", new JsonObject().put("taskId", taskId)
                    .put("action", kind.name())))
                .compose(v -> r.frozen() ? Future.succeededFuture() : announce(conn, r, taskId, kind, assignees));
        });
    }

    private Future<Void> announce(SqlConnection conn, SealRequest r, String taskId, HandleAction kind, List<String> assignees) {
        return seals.byIds(conn, r.sealIds()).compose(list -> {
            List<SealActionDue.SealItem> items = new ArrayList<>();
            Set<String> custodians = new LinkedHashSet<>(assignees == null ? List.of() : assignees);
            for (String id : r.sealIds()) {
                for (Seal s : list) {
                    if (s.id().equals(id)) {
                        items.add(new SealActionDue.SealItem(s.id(), s.code(), s.name(), r.copies(), s.deviceId(), s.slot()));
                        if (assignees == null || assignees.isEmpty()) {
                            custodians.addAll(s.custodians());
                        }
                    }
                }
            }
            Long dueAt = kind == HandleAction.CHECKIN && r.takeOut() != null ? r.takeOut().expectedReturnAt() : null;
            return listener.sealActionDue(conn, new SealActionDue(r.id(), r.no(), kind, taskId, items, List.copyOf(custodians), dueAt));
        });
    }

    // ---- handle completion (device module, custodians) ----

    /**
     * Completes a handle task on the caller's transaction. Repeats of a completed task succeed without effect
     * (devices redeliver); a frozen request, an unknown task or a custodian without a reason are refused.
     */
    public Future<Void> completeHandle(SqlConnection conn, HandleCompletion c) {
        return repo.db().execute(conn, "SELECT request_id, action, state FROM request_actions WHERE task_id = $1"
            + repo.db().forUpdate(), c.taskId()).compose(rs -> {
                if (!rs.iterator().hasNext()) {
                    throw DomainException.notFound("handle task");
                }
                Row row = rs.iterator().next();
                if (!"PENDING".equals(row.getString("state"))) {
                    return Future.succeededFuture();
                }
                if (c.by() == HandleCompletion.By.CUSTODIAN && (c.reason() == null || c.reason().isBlank())) {
                    throw DomainException.invalid("reason", "a custodian completing by hand must give a reason");
                }
                HandleAction action = HandleAction.valueOf(row.getString("action"));
                return repo.lock(conn, row.getString("request_id")).compose(o -> finish(conn, o.orElseThrow(), action, c));
            });
    }

    private Future<Void> finish(SqlConnection conn, SealRequest r, HandleAction action, HandleCompletion c) {
        r.requireNotFrozen();
        if (r.status() != RequestStatus.IN_PROGRESS) {
            throw DomainException.conflict("request-state", "request " + r.no() + " is " + r.status());
        }
        if (c.pressesUsed() != null && (c.pressesUsed() < 0 || c.pressesUsed() > r.copies() * r.sealIds().size())) {
            throw DomainException.invalid("pressesUsed", "must be between 0 and the approved presses");
        }
        long now = clock.millis();
        String by = (c.by() == HandleCompletion.By.DEVICE ? "device:" : "") + c.actorId();
        Future<Void> sealMoves = Future.succeededFuture();
        for (String sealId : r.sealIds()) {
            if (action == HandleAction.CHECKOUT) {
                sealMoves = sealMoves.compose(v -> seals.checkOut(conn, sealId, by).mapEmpty());
            } else if (action == HandleAction.CHECKIN) {
                sealMoves = sealMoves.compose(v -> seals.checkIn(conn, sealId, by).mapEmpty());
            }
        }
        JsonObject detail = new JsonObject().put("taskId", c.taskId()).put("action", action.name()).put("by", c.by().name())
            .put("pressesUsed", c.pressesUsed()).put("reason", c.reason());
        String comment = c.by() == HandleCompletion.By.DEVICE ? "completed at device " + c.actorId() : c.reason();
        return sealMoves
            .compose(v -> repo.db().execute(conn, "UPDATE request_actions SET state = $1, presses_used = $2, completed_by = $3, "
                + "reason = $4, completed_at = $5 WHERE task_id = $6", "DONE", c.pressesUsed(), by, c.reason(), now, c.taskId()))
            .compose(v -> repo.event(conn, r.id(), now, c.by() == HandleCompletion.By.CUSTODIAN ? c.actorId() : null, "HANDLE_DONE",
                detail))
            .compose(v -> approvals.completeHandle(conn, c.taskId(), c.by() == HandleCompletion.By.CUSTODIAN ? c.actorId() : null,
                comment));
    }

    /** The handle tasks of a request: {@code [{taskId, action, state, pressesUsed, completedBy, reason}]}. */
    Future<List<JsonObject>> actions(io.vertx.sqlclient.SqlClient client, String requestId) {
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

    // ---- seals ----

    Future<Void> sealChanged(SqlConnection conn, SealChanged event) {
        if (event.kind() != SealChanged.Kind.LOST) {
            return Future.succeededFuture();
        }
        long now = clock.millis();
        return repo.lockOpenWithSeal(conn, event.after().id()).compose(open -> {
            Future<Void> chain = Future.succeededFuture();
            for (SealRequest r : open) {
                SealRequest frozen = r.frozenForLostSeal(now);
                chain = chain.compose(v -> repo.update(conn, frozen, false))
                    .compose(v -> repo.event(conn, r.id(), now, event.actorId(), "FROZEN",
                        new JsonObject().put("sealId", event.after().id()).put("sealCode", event.after().code())))
                    .compose(v -> cancelled(conn, frozen, SealActionCancelled.Reason.FROZEN));
            }
            return chain;
        });
    }

    Future<Void> cancelled(SqlConnection conn, SealRequest r, SealActionCancelled.Reason reason) {
        return repo.db().execute(conn, "UPDATE request_actions SET state = $1, completed_at = $2 WHERE request_id = $3 AND state = $4",
                reason == SealActionCancelled.Reason.FROZEN ? "FROZEN" : "CANCELLED", clock.millis(), r.id(), "PENDING")
            .compose(v -> listener.sealActionCancelled(conn, new SealActionCancelled(r.id(), r.no(), reason, r.sealIds())));
    }

    private Future<Void> move(SqlConnection conn, String requestId, String kind, Function<SealRequest, SealRequest> step,
                              SealActionCancelled.Reason cancel) {
        long now = clock.millis();
        return repo.lock(conn, requestId).compose(o -> {
            SealRequest r = o.orElseThrow(() -> DomainException.notFound("request"));
            SealRequest next = step.apply(r);
            if (next == r) {
                return Future.succeededFuture();
            }
            Future<Void> done = repo.update(conn, next, false).compose(v -> repo.event(conn, requestId, now, null, kind, null));
            return cancel == null ? done : done.compose(v -> cancelled(conn, next, cancel));
        });
    }
}
