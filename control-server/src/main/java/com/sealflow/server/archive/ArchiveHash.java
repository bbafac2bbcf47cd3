package com.sealflow.server.archive;

import com.sealflow.server.db.ChainEncoding;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * What an archive entry's hash is computed over ({@link ChainEncoding}): its position, kind, archive number, time, the
 * canonical JSON of its body (keys sorted at every level, decimals normalised, stored exactly as hashed) and the
 * previous entry's hash, each length-prefixed; chaining makes edits, deletions and reordering visible.
 */
final class ArchiveHash {

    static final String GENESIS = ChainEncoding.GENESIS;

    private ArchiveHash() {
    }

    static String entryHash(long seq, String kind, String archiveNo, long at, String canonicalBody, String prevHash) {
        return ChainEncoding.hash(Long.toString(seq), kind, archiveNo, Long.toString(at), canonicalBody, prevHash);
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        return ChainEncoding.sha256Hex(bytes);
    }

    /** Keys sorted at every level; numbers and strings as Jackson writes them, decimals without trailing zeros. */
    static String canonical(JsonObject json) {
        return ChainEncoding.canonicalJsonNormalisingDecimals(json);
    }
}
