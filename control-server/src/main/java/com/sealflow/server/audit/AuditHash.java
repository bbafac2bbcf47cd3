package com.sealflow.server.audit;

import com.sealflow.server.db.ChainEncoding;
import io.vertx.core.json.JsonObject;

/**
 * The encoding an audit row's hash is computed over ({@link ChainEncoding}): its fields length-prefixed in a fixed
 * order, the details as canonical JSON (keys sorted at every level, decimals as given) stored exactly as hashed.
 */
final class AuditHash {

    static final String GENESIS = ChainEncoding.GENESIS;

    private AuditHash() {
    }

    static String hash(long seq, long at, String actor, String action, String objectType, String objectId,
                       String canonicalDetails, String prevHash) {
        return ChainEncoding.hash(Long.toString(seq), Long.toString(at), actor, action, objectType, objectId, canonicalDetails,
            prevHash);
    }

    static String canonical(JsonObject json) {
        return json == null ? "{}" : ChainEncoding.canonicalJson(json);
    }
}
