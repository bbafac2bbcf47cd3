package com.sealflow.server.request;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/** Which of these file ids the applicant may not attach (unknown, or uploaded by someone else). */
@FunctionalInterface
public interface AttachmentCheck {

    Future<Set<String>> refused(String applicantId, List<String> fileIds);

    /** For tools and tests without a file store. */
    AttachmentCheck ANY = (applicant, ids) -> Future.succeededFuture(Set.of());
}
