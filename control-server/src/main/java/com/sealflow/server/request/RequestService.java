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
import java.util.function.Function;

/**
 * The applicant's side of requests: create, edit, submit (or resubmit after a return), withdraw, urge,
 * comment. Drafts are the module's own transactions; from submission on, the approval engine runs each
 * action in its transaction and the request follows through {@link ApprovalEvents} inside it.
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
    private volatile AttachmentCheck attachments = AttachmentCheck.ANY;

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

    /** Request events also go to the audit chain. */
    public void setAudit(RequestAudit audit) {
        repo.setAudit(audit);
    }

    /** The file module's answer to "may this applicant attach these files". */
    public void setAttachmentCheck(AttachmentCheck check) {
        this.attachments = check == null ? AttachmentCheck.ANY : check;
    }

    /** The device module registers here to hear about due and cancelled device actions. */
    public void setSealActionListener(SealActionListener listener) {
        events.setListener(listener);
    }

    /** Engine events (register with the engine) and the handle-completion API for the device module. */
    public ApprovalEvents approvalEvents() {
        return events;
    }

    public Database db() {
        return db;
    }

    public RequestAccess access() {
        return access;
    }

    public Future<SealRequest> create(Actor actor, JsonObject body) {
        long now = clock.millis();
        RequestInput in = RequestInput.parse(body, now);
        return checkFiles(actor, in).compose(x -> norms.check(db.pool(), in))
            .compose(checked -> approvals.formFields(checked.flowKey()).compose(fields -> {
            FormValues.check(in.form(), fields, in.submit());
            return numbering.next(in.type()).compose(no -> {
                SealRequest draft = new SealRequest(Ids.newId(), no, in.type(), RequestStatus.DRAFT, false, actor.id(),
                    actor.departmentId(), in.sealIds(), in.documentType(), in.documentName(), in.copies(), in.reason(), in.amount(),
                    in.counterparty(), in.takeOut(), in.form(), in.fileIds(), checked.flowKey(), null, null, null, 1, now, now,
                    null, null);
                Function<SqlConnection, Future<Void>> write = conn -> repo.insert(conn, draft)
                    .compose(v -> repo.event(conn, draft.id(), now, actor.id(), "CREATED", null));
                if (!in.submit()) {
                    return db.inTransaction(write).map(draft);
                }
                // the draft is written in the engine's start transaction: one commit, and nothing left behind when the
                // engine refuses the start
                return approvals.start(checked.flowKey(), draft.id(), actor.id(), Facts.of(draft, checked, actor), write)
                    .compose(v -> reread(draft.id()));
            });
        }));
    }

    /** Edits a draft or a returned request, checked as strictly as a new one; {@code submit: true} submits it too. */
    public Future<SealRequest> edit(Actor actor, String id, JsonObject patch) {
        long now = clock.millis();
        boolean submit = Boolean.TRUE.equals(patch.getValue("submit"));
        return own(actor, id).compose(seen -> {
            if (patch.containsKey("type") && !String.valueOf(patch.getValue("type")).equals(seen.type().name())) {
                throw DomainException.invalid("type", "cannot change the type of a request");
            }
            RequestInput in = RequestInput.merge(seen, patch, now);
            return checkFiles(actor, in).compose(x -> norms.check(db.pool(), in))
            .compose(checked -> approvals.formFields(checked.flowKey()).compose(fields -> {
                FormValues.check(in.form(), fields, submit);
                return db.inTransaction(conn -> repo.lock(conn, id).compose(o -> {
                    SealRequest next = o.orElseThrow().edited(in, checked.flowKey(), now);
                    return repo.update(conn, next, true).compose(v -> repo.event(conn, id, now, actor.id(), "EDITED", null)).map(next);
                }));
            }));
        }).compose(r -> submit ? submit(actor, id) : Future.succeededFuture(r));
    }

    /** Submits a draft, or resubmits a returned request (a new round from the first node, with the edited facts). */
    public Future<SealRequest> submit(Actor actor, String id) {
        return own(actor, id).compose(current -> {
            current.requireNotFrozen();
            if (current.status() != RequestStatus.DRAFT && current.status() != RequestStatus.RETURNED) {
                throw DomainException.conflict("request-state", "cannot submit request " + current.no() + ": it is " + current.status());
            }
            RequestInput in = RequestInput.merge(current, new JsonObject(), clock.millis());
            return norms.check(db.pool(), in).compose(checked -> approvals.formFields(checked.flowKey()).compose(fields -> {
                FormValues.check(current.form(), fields, true);
                return current.status() == RequestStatus.DRAFT
                    ? approvals.start(current.flowKey(), id, actor.id(), Facts.of(current, checked, actor))
                    : approvals.resubmit(current.instanceId(), actor.id(), Facts.of(current, checked, actor))
                        .compose(v -> events.resumed(id));
            }));
        }).compose(v -> reread(id));
    }

    public Future<SealRequest> withdraw(Actor actor, String id) {
        long now = clock.millis();
        return own(actor, id).compose(current -> {
            if (current.status() != RequestStatus.DRAFT || current.instanceId() != null) {
                return current.instanceId() == null
                    ? Future.failedFuture(DomainException.conflict("request-state", "request " + current.no() + " is " + current.status()))
                    : approvals.withdraw(current.instanceId(), actor.id());
            }
            return db.inTransaction(conn -> repo.lock(conn, id).compose(o -> {
                SealRequest next = o.orElseThrow().withdrawn(now);
                return repo.update(conn, next, false).compose(v -> repo.event(conn, id, now, actor.id(), "WITHDRAWN", null));
            }));
        }).compose(v -> reread(id));
    }

    /** Reminds the current approvers; at most once per {@link SealRequest#URGE_INTERVAL_MS} (else 429). */
    public Future<SealRequest> urge(Actor actor, String id) {
        return own(actor, id).compose(current -> {
            current.urged(clock.millis()); // checks status and the interval; the engine's reminder event records it
            return approvals.urge(current.instanceId(), actor.id());
        }).compose(v -> reread(id));
    }

    /** A comment on the timeline, by anyone who may see the request except read-only auditors. */
    public Future<JsonObject> comment(Actor actor, String id, JsonObject body) {
        Fields f = new Fields(body);
        String text = f.text(body.containsKey("comment") ? "comment" : "text", true, 2000);
        f.check();
        long now = clock.millis();
        return access.visible(db.pool(), actor, id).compose(r -> access.mayComment(db.pool(), actor, r)).compose(r -> {
            JsonObject detail = new JsonObject().put("text", text);
            return db.inTransaction(conn -> repo.event(conn, r.id(), now, actor.id(), "COMMENT", detail))
                .map(v -> new JsonObject().put("requestId", r.id()).put("at", now).put("actorId", actor.id())
                    .put("kind", "COMMENT").put("detail", detail));
        });
    }

    /** Refuses (409) decisions on a frozen request's tasks; other business keys pass. */
    public Future<Void> requireActionable(String requestId) {
        // one column of one row: this check runs before every decision, and a whole request is three reads
        return repo.numberIfFrozen(db.pool(), requestId).map(no -> {
            if (no != null) {
                throw SealRequest.frozenProblem(no);
            }
            return null;
        });
    }

    private Future<Void> checkFiles(Actor actor, RequestInput in) {
        if (in.fileIds().isEmpty()) {
            return Future.succeededFuture();
        }
        return attachments.refused(actor.id(), in.fileIds()).map(refused -> {
            if (!refused.isEmpty()) {
                throw DomainException.invalid("fileIds", "unknown files " + refused + ": upload them first (POST /api/files)");
            }
            return null;
        });
    }

    /** A request by id on the caller's connection (e.g. inside an engine transaction); no authorisation. */
    public Future<java.util.Optional<SealRequest>> find(io.vertx.sqlclient.SqlClient client, String id) {
        return repo.find(client, id);
    }

    public Future<SealRequest> reread(String id) {
        return repo.find(db.pool(), id).map(o -> o.orElseThrow(() -> DomainException.notFound("request")));
    }

    /** The caller's own request: 404 if they may not see it, 403 if they may see it but it is not theirs. */
    private Future<SealRequest> own(Actor actor, String id) {
        return access.visible(db.pool(), actor, id).map(seen -> {
            if (!seen.applicantId().equals(actor.id())) {
                throw DomainException.forbidden("only the applicant may do this");
            }
            return seen;
        });
    }
}
