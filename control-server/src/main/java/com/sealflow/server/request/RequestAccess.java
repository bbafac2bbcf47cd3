package com.sealflow.server.request;

import com.sealflow.server.seal.Actor;
import com.sealflow.server.seal.DomainException;
import com.sealflow.server.seal.SealService;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * Who may see a request: its applicant; approvers assigned to it or copied on it; custodians of its seals;
 * auditors and admins (read-only for auditors). Anyone else gets a 404, so ids never reveal existence.
 */
public final class RequestAccess {

    private final RequestRepository repo;
    private final SealService seals;
    private final ApprovalPort approvals;

    RequestAccess(RequestRepository repo, SealService seals, ApprovalPort approvals) {
        this.repo = repo;
        this.seals = seals;
        this.approvals = approvals;
    }

    /** Everyone sees everything: auditors read the archive, admins run the system. */
    static boolean seesAll(Actor actor) {
        return actor.hasAny("AUDITOR", "ADMIN");
    }

    /** The request if the actor may see it, else a 404. */
    public Future<SealRequest> visible(SqlClient client, Actor actor, String id) {
        if (id == null || id.length() > 64) {
            return Future.failedFuture(DomainException.notFound("request"));
        }
        return repo.find(client, id).compose(o -> {
            if (o.isEmpty()) {
                throw DomainException.notFound("request");
            }
            SealRequest r = o.get();
            return sees(client, actor, r).map(ok -> {
                if (!ok) {
                    throw DomainException.notFound("request");
                }
                return r;
            });
        });
    }

    /** A file attached to a request the actor may see is readable by them (the file module's access policy). */
    public Future<Boolean> mayReadFile(Actor actor, String fileId) {
        return repo.db().execute("SELECT request_id FROM request_files WHERE file_id = $1", fileId).compose(rs -> {
            Future<Boolean> any = Future.succeededFuture(false);
            for (io.vertx.sqlclient.Row row : rs) {
                String requestId = row.getString("request_id");
                any = any.compose(yes -> yes ? Future.succeededFuture(true)
                    : repo.find(repo.db().pool(), requestId).compose(o -> o.isEmpty() ? Future.succeededFuture(false)
                        : sees(repo.db().pool(), actor, o.get())));
            }
            return any;
        });
    }

    Future<Boolean> sees(SqlClient client, Actor actor, SealRequest r) {
        if (r.applicantId().equals(actor.id()) || seesAll(actor)) {
            return Future.succeededFuture(true);
        }
        return keeps(client, actor, r).compose(keeper -> keeper || r.instanceId() == null ? Future.succeededFuture(keeper)
            : approvals.involves(client, r.instanceId(), actor.id()));
    }

    /** Whether the actor is a custodian (or backup) of one of the request's seals. */
    Future<Boolean> keeps(SqlClient client, Actor actor, SealRequest r) {
        return seals.byIds(client, r.sealIds()).map(list -> list.stream().anyMatch(s -> s.isCustodian(actor.id())));
    }

    /** Commenting is for participants: everyone who sees the request except those who only audit it. */
    Future<SealRequest> mayComment(SqlClient client, Actor actor, SealRequest r) {
        if (r.applicantId().equals(actor.id()) || actor.has("ADMIN")) {
            return Future.succeededFuture(r);
        }
        return keeps(client, actor, r).compose(keeper -> keeper || r.instanceId() == null ? Future.succeededFuture(keeper)
            : approvals.involves(client, r.instanceId(), actor.id())).map(ok -> {
                if (!ok) {
                    throw DomainException.forbidden("auditors read requests but do not take part in them");
                }
                return r;
            });
    }
}
