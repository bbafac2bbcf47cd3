package com.sealflow.server.request;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import com.sealflow.server.seal.Actor;
import com.sealflow.server.seal.DomainException;
import com.sealflow.server.seal.Fields;
import com.sealflow.server.seal.SealService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.ZoneId;

/**
 * The applicant's side of requests: create, edit, submit (or resubmit after a return), withdraw, urge,
 * comment. Each command is one transaction that checks the seal usage norms, moves the aggregate and drives
 * the approval engine on the same connection.
 */
public final class RequestService {

    private final Database db;
    private final RequestRepository repo;
    private final SealNorms norms;
    private final ApprovalPort approvals;
    private final Numbering numbering;
    private final Clock clock;
    private final ApprovalEvents events;
    private final RequestAccess access;

    public RequestService(Database db, SealService seals, ApprovalPort approvals, Clock clock, ZoneId zone) {
        this.db = db;
        this.repo = new RequestRepository(db);
        this.norms = new SealNorms(seals);
        this.approvals = approvals;
        this.numbering = new Numbering(db, clock, zone);
        this.clock = clock;
        this.events = new ApprovalEvents(repo, seals, approvals, clock);
        this.access = new RequestAccess(repo, seals, approvals);
        seals.addListener(events::sealChanged);
    }

    /** The device module registers here to hear about due and cancelled device actions. */
    public void setSealActionListener(SealActionListener listener) {
        events.setListener(listener);
    }

    /** Engine-side events and the handle-completion API, for the engine adapter and the device module. */
    public ApprovalEvents approvalEvents() {
        return events;
    }

    public RequestAccess access() {
        return access;
    }

    public Future<SealRequest> create(Actor actor, JsonObject body) {
        long now = clock.millis();
        RequestInput in = RequestInput.parse(body, now);
        return db.inTransaction(conn -> norms.check(conn, in).compose(checked ->
            approvals.formFields(conn, checked.flowKey()).compose(fields -> {
                FormValues.check(in.form(), fields, in.submit());
                return numbering.next(conn, in.type());
            }).compose(no -> {
                SealRequest draft = new SealRequest(Ids.newId(), no, in.type(), RequestStatus.DRAFT, false, actor.id(),
                    actor.departmentId(), in.sealIds(), in.documentType(), in.documentName(), in.copies(), in.reason(), in.amount(),
                    in.counterparty(), in.takeOut(), in.form(), in.fileIds(), checked.flowKey(), null, null, null, 1, now, now,
                    null, null);
                Future<SealRequest> saved = repo.insert(conn, draft)
                    .compose(v -> repo.event(conn, draft.id(), now, actor.id(), "CREATED", null))
                    .map(draft);
                return in.submit() ? saved.compose(d -> start(conn, actor, d, checked)) : saved;
            })));
    }

    /** Edits a draft or a returned request; the edit is checked as strictly as a new request. */
    public Future<SealRequest> edit(Actor actor, String id, JsonObject patch) {
        long now = clock.millis();
        return db.inTransaction(conn -> ownLocked(conn, actor, id).compose(current -> {
            if (patch.containsKey("type") && !String.valueOf(patch.getValue("type")).equals(current.type().name())) {
                throw DomainException.invalid("type", "cannot change the type of a request");
            }
            boolean submit = Boolean.TRUE.equals(patch.getValue("submit"));
            RequestInput in = RequestInput.merge(current, patch, now);
            return norms.check(conn, in).compose(checked -> approvals.formFields(conn, checked.flowKey()).compose(fields -> {
                FormValues.check(in.form(), fields, submit);
                SealRequest next = current.edited(in, checked.flowKey(), now);
                Future<SealRequest> saved = repo.update(conn, next, true)
                    .compose(v -> repo.event(conn, id, now, actor.id(), "EDITED", null)).map(next);
                return submit ? saved.compose(r -> start(conn, actor, r, checked)) : saved;
            }));
        }));
    }

    /** Submits a draft, or resubmits a returned request to the node that returned it. */
    public Future<SealRequest> submit(Actor actor, String id) {
        return db.inTransaction(conn -> ownLocked(conn, actor, id).compose(current -> {
            RequestInput in = RequestInput.merge(current, new JsonObject(), clock.millis());
            return norms.check(conn, in).compose(checked -> approvals.formFields(conn, checked.flowKey()).compose(fields -> {
                FormValues.check(current.form(), fields, true);
                return start(conn, actor, current, checked);
            }));
        }));
    }

    public Future<SealRequest> withdraw(Actor actor, String id) {
        long now = clock.millis();
        return db.inTransaction(conn -> ownLocked(conn, actor, id).compose(current -> {
            SealRequest next = current.withdrawn(now);
            Future<Void> engine = current.instanceId() != null && current.status() != RequestStatus.DRAFT
                ? approvals.withdraw(conn, current.instanceId(), actor.id()) : Future.succeededFuture();
            // the engine's WITHDRAWN event may already have moved the request: re-read before writing
            return engine.compose(v -> repo.lock(conn, id)).compose(o -> {
                SealRequest latest = o.orElseThrow();
                if (latest.status() == RequestStatus.WITHDRAWN) {
                    return Future.succeededFuture(latest);
                }
                SealRequest moved = latest.withdrawn(now);
                return repo.update(conn, moved, false)
                    .compose(x -> repo.event(conn, id, now, actor.id(), "WITHDRAWN", null))
                    .compose(x -> events.cancelled(conn, moved, SealActionCancelled.Reason.WITHDRAWN))
                    .map(moved);
            }).map(r -> r.status() == RequestStatus.WITHDRAWN ? r : next);
        }));
    }

    /** Reminds the current approvers; at most once per {@link SealRequest#URGE_INTERVAL_MS} (else 429). */
    public Future<SealRequest> urge(Actor actor, String id) {
        long now = clock.millis();
        return db.inTransaction(conn -> ownLocked(conn, actor, id).compose(current -> {
            SealRequest next = current.urged(now);
            return repo.update(conn, next, false)
                .compose(v -> approvals.urge(conn, current.instanceId(), actor.id()))
                .compose(v -> repo.event(conn, id, now, actor.id(), "URGED", null))
                .map(next);
        }));
    }

    /** A comment on the timeline, by anyone who may see the request except read-only auditors. */
    public Future<JsonObject> comment(Actor actor, String id, JsonObject body) {
        Fields f = new Fields(body);
        String text = f.text("text", !body.containsKey("comment"), 2000);
        String comment = text != null ? text : f.text("comment", true, 2000);
        f.check();
        long now = clock.millis();
        return db.inTransaction(conn -> access.visible(conn, actor, id).compose(r -> access.mayComment(conn, actor, r)).compose(r -> {
            JsonObject detail = new JsonObject().put("text", comment);
            return repo.event(conn, r.id(), now, actor.id(), "COMMENT", detail)
                .map(v -> new JsonObject().put("requestId", r.id()).put("at", now).put("actorId", actor.id())
                    .put("kind", "COMMENT").put("detail", detail));
        }));
    }

    private Future<SealRequest> start(SqlConnection conn, Actor actor, SealRequest current, SealNorms.Checked checked) {
        long now = clock.millis();
        current.requireNotFrozen();
        if (current.status() == RequestStatus.RETURNED && current.instanceId() != null) {
            SealRequest next = current.submitted(current.instanceId(), current.flowVersion(), now);
            // write IN_PROGRESS first: the engine may run to a HANDLE node (or the end) inside resubmit
            return repo.update(conn, next, false)
                .compose(v -> repo.event(conn, current.id(), now, actor.id(), "RESUBMITTED", null))
                .compose(v -> approvals.resubmit(conn, current.instanceId(), actor.id(), Facts.of(next, checked, actor)))
                .compose(v -> reread(conn, current.id()));
        }
        if (current.status() != RequestStatus.DRAFT) {
            throw DomainException.conflict("request-state", "cannot submit request " + current.no() + ": it is " + current.status());
        }
        // the engine reports by request id (its business key), so events during start find the request
        SealRequest pending = current.submitted(null, null, now);
        return repo.update(conn, pending, false)
            .compose(v -> repo.event(conn, current.id(), now, actor.id(), "SUBMITTED", null))
            .compose(v -> approvals.start(conn, current.flowKey(), current.id(), actor.id(), Facts.of(pending, checked, actor)))
            .compose(started -> db.execute(conn, "UPDATE requests SET instance_id = $1, flow_version = $2 WHERE id = $3",
                started.instanceId(), started.flowVersion(), current.id()))
            .compose(v -> reread(conn, current.id()));
    }

    private Future<SealRequest> reread(SqlConnection conn, String id) {
        return repo.find(conn, id).map(o -> o.orElseThrow());
    }

    /** The caller's own request, locked: 404 if they may not see it, 403 if they may see it but it is not theirs. */
    private Future<SealRequest> ownLocked(SqlConnection conn, Actor actor, String id) {
        return access.visible(conn, actor, id).compose(seen -> {
            if (!seen.applicantId().equals(actor.id())) {
                throw DomainException.forbidden("only the applicant may do this");
            }
            return repo.lock(conn, id).map(o -> o.orElseThrow(() -> DomainException.notFound("request")));
        });
    }
}
