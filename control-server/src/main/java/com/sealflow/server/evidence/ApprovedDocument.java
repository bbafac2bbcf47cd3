package com.sealflow.server.evidence;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The document a request was approved for, as stored when the applicant attached it: what the reviewer compares a
 * stamp photo with. The request and file modules answer through their public APIs (see {@link EvidenceModule#wire}).
 */
@FunctionalInterface
public interface ApprovedDocument {

    /** No documents (until wired). */
    ApprovedDocument NONE = requestId -> Future.succeededFuture(Optional.empty());

    /** The request's first attached picture or PDF, if it has one. */
    Future<Optional<Document>> of(String requestId);

    /** A stored document: its name, checked content type, SHA-256 and where its bytes are. */
    record Document(String name, String contentType, String sha256, Path path) {

        public boolean isImage() {
            return contentType.startsWith("image/");
        }

        public boolean isPdf() {
            return "application/pdf".equals(contentType);
        }
    }
}
