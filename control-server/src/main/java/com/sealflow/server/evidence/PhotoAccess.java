package com.sealflow.server.evidence;

import com.sealflow.server.web.CurrentUser;
import io.vertx.core.Future;

/**
 * Who besides security staff, auditors and admins may open a press's stamp photo: the applicant of the press's
 * request (proof their document was stamped) and the custodians of its seal. Everyone else gets a 404, so press
 * ids reveal nothing. The request and seal modules answer through their public APIs (see {@link EvidenceModule#wire}).
 */
@FunctionalInterface
public interface PhotoAccess {

    /** Nobody but the reviewers (until wired). */
    PhotoAccess REVIEWERS_ONLY = (user, requestId, sealId) -> Future.succeededFuture(false);

    /** Whether {@code user} (not a reviewer) may see the photo of a press made for {@code requestId} with {@code sealId}. */
    Future<Boolean> mayView(CurrentUser user, String requestId, String sealId);
}
