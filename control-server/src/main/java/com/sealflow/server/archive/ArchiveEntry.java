package com.sealflow.server.archive;

import io.vertx.core.json.JsonObject;

/**
 * One link of the archive chain: a RECORD (the archived request) or an ADDENDUM (a review made after archiving).
 * {@code body} is the canonical JSON exactly as hashed.
 */
record ArchiveEntry(long seq, String kind, String archiveNo, long at, String body, String prevHash, String hash) {

    static final String RECORD = "RECORD";
    static final String ADDENDUM = "ADDENDUM";

    String recomputedHash() {
        return ArchiveHash.entryHash(seq, kind, archiveNo, at, body, prevHash);
    }

    JsonObject bodyJson() {
        try {
            return new JsonObject(body);
        } catch (RuntimeException e) {
            // a hand-edited body may not even be JSON; integrity checks report it, views show nothing from it
            return new JsonObject();
        }
    }

    /** An entry to append: the store gives it its position and hashes. */
    record New(String kind, String archiveNo, long at, JsonObject body) {
    }
}
