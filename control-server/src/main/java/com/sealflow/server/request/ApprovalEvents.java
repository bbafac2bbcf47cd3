package com.sealflow.server.request;

import com.sealflow.server.approval.ApprovalEvent;
import com.sealflow.server.approval.ApprovalListener;
import com.sealflow.server.seal.Seal;
import com.sealflow.server.seal.SealChanged;
import com.sealflow.server.seal.SealService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps requests in step with their approval instances and their seals, inside the transaction that caused
 * each change. Register with the engine as an {@link ApprovalListener}: the request's status follows the
 * instance, and a reached HANDLE node becomes a {@link SealActionDue} for the device module. Handle tasks are
 * completed through {@link HandleTasks}.
 */
public final class ApprovalEvents implements ApprovalListener {

    private final RequestRepository repo;
    private final SealService seals;
    private final HandleTasks handles;
    private final Clock clock;
    private volatile SealActionListener listener = SealActionListener.NONE;

    ApprovalEvents(RequestRepository repo, SealService seals, ApprovalPort approvals, Clock clock) {
        this.repo = repo;
        this.seals = seals;
        this.clock = clock;
        this.handles = new HandleTasks(repo, seals, approvals, clock);
    }

    void setListener(SealActionListener listener) {
        this.listener = listener == null ? SealActionListener.NONE : listener;
    }

    /** The completion API for the device module and custodians. */
    public HandleTasks handles() {
        return handles;
    }

    @Override
    public Future<Void> onEvent(ApprovalEvent event, SqlConnection conn) {
        if (!concerns(event)) {
            // a task completing, an automatic step, a CC or a timer's reminder leaves the request as it is: not even read
            return Future.succeededFuture();
        }
        long now = clock.millis();
        return repo.lock(conn, event.businessKey()).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(); // not a request's instance
            }
            SealRequest r = found.get();
            if (event instanceof ApprovalEvent.InstanceStarted e) {
                return save(conn, r.submitted(e.instanceId(), e.flowVersion(), now), "SUBMITTED", null);
            }
            if (event instanceof ApprovalEvent.InstanceReturned e) {
                return save(conn, r.returned(now), "RETURNED", new JsonObject().put("fromNodeId", e.fromNodeId()).put("by", e.actorId()))
                    .compose(v -> cancelled(conn, r, SealActionCancelled.Reason.RETURNED));
            }
            if (event instanceof ApprovalEvent.InstanceEnded e) {
                return ended(conn, r, e, now);
            }
            if (event instanceof ApprovalEvent.Reminder e && !e.byTimer()) {
                return save(conn, r.urged(now), "URGED", null);
            }
            if (event instanceof ApprovalEvent.HandleReached e) {
                return progressed(conn, r, now).compose(p -> handleReached(conn, p, e, now));
            }
            if (event instanceof ApprovalEvent.HandleCompleted e) {
                return progressed(conn, r, now).compose(p -> handles.completed(conn, p, e.taskId(), now));
            }
            if (event instanceof ApprovalEvent.TaskCreated) {
                return progressed(conn, r, now).mapEmpty();
            }
            return Future.succeededFuture();
        });
    }

    /** Whether the request must follow this event (the cases {@link #onEvent} acts on). */
    static boolean concerns(ApprovalEvent event) {
        return event instanceof ApprovalEvent.InstanceStarted || event instanceof ApprovalEvent.InstanceReturned
            || event instanceof ApprovalEvent.InstanceEnded || event instanceof ApprovalEvent.Reminder r && !r.byTimer()
            || event instanceof ApprovalEvent.HandleReached || event instanceof ApprovalEvent.HandleCompleted
            || event instanceof ApprovalEvent.TaskCreated;
    }

    /** After a resubmission whose engine round made no event of its own yet: RETURNED becomes IN_PROGRESS. */
    Future<Void> resumed(String requestId) {
        long now = clock.millis();
        return repo.db().inTransaction(conn -> repo.lock(conn, requestId).compose(o -> o.isPresent()
            && o.get().status() == RequestStatus.RETURNED ? progressed(conn, o.get(), now).mapEmpty() : Future.succeededFuture()));
    }

    private Future<SealRequest> progressed(SqlConnection conn, SealRequest r, long now) {
        if (r.status() != RequestStatus.RETURNED) {
            return Future.succeededFuture(r);
        }
        SealRequest next = r.submitted(r.instanceId(), r.flowVersion(), now);
        return save(conn, next, "RESUBMITTED", null).map(next);
    }

    private Future<Void> ended(SqlConnection conn, SealRequest r, ApprovalEvent.InstanceEnded e, long now) {
        // by name: the engine's status enum lives in its internal model package
        switch (String.valueOf(e.status())) {
            case "APPROVED":
                return progressed(conn, r, now).compose(p -> save(conn, p.completed(now), "COMPLETED", null));
            case "REJECTED":
                return save(conn, r.rejected(now), "REJECTED", null).compose(v -> cancelled(conn, r, SealActionCancelled.Reason.REJECTED));
            case "WITHDRAWN":
            case "CANCELLED":
                Future<Void> moved = r.status() == RequestStatus.WITHDRAWN ? Future.succeededFuture()
                    : save(conn, r.withdrawn(now), String.valueOf(e.status()), null);
                return moved.compose(v -> cancelled(conn, r, SealActionCancelled.Reason.WITHDRAWN));
            default:
                return Future.succeededFuture();
        }
    }

    private Future<Void> handleReached(SqlConnection conn, SealRequest r, ApprovalEvent.HandleReached e, long now) {
        HandleAction kind;
        try {
            kind = HandleAction.valueOf(e.action());
        } catch (IllegalArgumentException | NullPointerException ex) {
            return Future.succeededFuture(); // GENERIC handle tasks are worked on the web only
        }
        return handles.record(conn, r, e.taskIds(), kind, now)
            .compose(v -> repo.event(conn, r.id(), now, null, "HANDLE_DUE", new JsonObject().put("action", kind.name())
                .put("nodeId", e.nodeId()).put("taskIds", new io.vertx.core.json.JsonArray(e.taskIds()))))
            .compose(v -> r.frozen() || e.taskIds().isEmpty() ? Future.succeededFuture()
                : announce(conn, r, e.taskIds().get(0), kind, e.assigneeIds()));
    }

    private Future<Void> announce(SqlConnection conn, SealRequest r, String taskId, HandleAction kind, List<String> assignees) {
        return seals.byIds(conn, r.sealIds()).compose(list -> {
            List<SealActionDue.SealItem> items = new ArrayList<>();
            Set<String> custodians = new LinkedHashSet<>(assignees == null ? List.of() : assignees);
            for (String id : r.sealIds()) {
                Optional<Seal> s = list.stream().filter(x -> x.id().equals(id)).findFirst();
                s.ifPresent(seal -> items.add(new SealActionDue.SealItem(seal.id(), seal.code(), seal.name(), r.copies(),
                    seal.deviceId(), seal.slot())));
                if (custodians.isEmpty()) {
                    s.ifPresent(seal -> custodians.addAll(seal.custodians()));
                }
            }
            Long dueAt = kind == HandleAction.CHECKIN && r.takeOut() != null ? r.takeOut().expectedReturnAt() : null;
            return listener.sealActionDue(conn, new SealActionDue(r.id(), r.no(), kind, taskId, items, List.copyOf(custodians), dueAt));
        });
    }

    /** A lost seal freezes every open request naming it; the device module hears that their actions are off. */
    Future<Void> sealChanged(SqlConnection conn, SealChanged event) {
        if (event.kind() != SealChanged.Kind.LOST) {
            return Future.succeededFuture();
        }
        long now = clock.millis();
        return repo.lockOpenWithSeal(conn, event.after().id()).compose(open -> {
            Future<Void> chain = Future.succeededFuture();
            for (SealRequest r : open) {
                SealRequest frozen = r.frozenForLostSeal(now);
                chain = chain.compose(v -> save(conn, frozen, "FROZEN",
                        new JsonObject().put("sealId", event.after().id()).put("sealCode", event.after().code())))
                    .compose(v -> cancelled(conn, frozen, SealActionCancelled.Reason.FROZEN));
            }
            return chain;
        });
    }

    Future<Void> cancelled(SqlConnection conn, SealRequest r, SealActionCancelled.Reason reason) {
        return handles.cancelOpen(conn, r.id(), reason == SealActionCancelled.Reason.FROZEN ? "FROZEN" : "CANCELLED", clock.millis())
            .compose(v -> listener.sealActionCancelled(conn, new SealActionCancelled(r.id(), r.no(), reason, r.sealIds())));
    }

    private Future<Void> save(SqlConnection conn, SealRequest next, String kind, JsonObject detail) {
        return repo.update(conn, next, false).compose(v -> repo.event(conn, next.id(), clock.millis(), null, kind, detail));
    }
}
