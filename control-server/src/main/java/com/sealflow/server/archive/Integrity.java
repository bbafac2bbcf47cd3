package com.sealflow.server.archive;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an archived record against its hashes: every entry of the record (the record and its addenda) is hashed again
 * and compared with the stored hash; each entry must link to the one before it and the one after it (or be the chain's
 * head); the body must name this record's number, request and verification code. Also walks the whole chain.
 */
final class Integrity {

    private static final int BATCH = 2000;

    private final ArchiveStore store;

    Integrity(ArchiveStore store) {
        this.store = store;
    }

    /** {@code {ok, storedHash, recomputedHash, entries, checks[{check, ok, detail}]}} for one record. */
    Future<JsonObject> check(SqlClient c, Row record) {
        String no = record.getString("no");
        long recordSeq = record.getLong("entry_seq");
        return store.entriesOf(c, no).compose(entries -> {
            long min = entries.stream().mapToLong(ArchiveEntry::seq).min().orElse(recordSeq);
            long max = entries.stream().mapToLong(ArchiveEntry::seq).max().orElse(recordSeq);
            return Future.all(store.range(c, Math.max(1, min - 1), max + 1), store.head(c))
                .map(all -> result(record, entries, all.<List<ArchiveEntry>>resultAt(0), all.<Row>resultAt(1)));
        });
    }

    private static JsonObject result(Row record, List<ArchiveEntry> entries, List<ArchiveEntry> around, Row head) {
        Map<Long, ArchiveEntry> bySeq = new HashMap<>();
        around.forEach(e -> bySeq.put(e.seq(), e));
        JsonArray checks = new JsonArray();
        long recordSeq = record.getLong("entry_seq");
        ArchiveEntry main = entries.stream().filter(e -> e.seq() == recordSeq).findFirst().orElse(null);
        boolean ok = add(checks, "record-present", main != null && ArchiveEntry.RECORD.equals(main.kind()),
            main == null ? "the archive entry " + recordSeq + " of this record is missing" : null);
        for (ArchiveEntry e : entries) {
            String again = e.recomputedHash();
            ok &= add(checks, "hash#" + e.seq(), again.equals(e.hash()),
                again.equals(e.hash()) ? null : "stored " + e.hash() + ", recomputed " + again);
            ArchiveEntry prev = bySeq.get(e.seq() - 1);
            boolean linkBack = e.seq() == 1 ? ArchiveHash.GENESIS.equals(e.prevHash()) : prev != null && prev.hash().equals(e.prevHash());
            ok &= add(checks, "chain-previous#" + e.seq(), linkBack,
                linkBack ? null : prev == null ? "entry " + (e.seq() - 1) + " is missing" : "does not follow entry " + prev.seq());
            ArchiveEntry next = bySeq.get(e.seq() + 1);
            boolean linkOn = next != null ? e.hash().equals(next.prevHash())
                : head.getLong("seq") == e.seq() && head.getString("hash").equals(e.hash());
            ok &= add(checks, "chain-next#" + e.seq(), linkOn, linkOn ? null
                : next != null ? "entry " + next.seq() + " does not follow it" : "the chain continues past a missing entry");
        }
        if (main != null) {
            JsonObject body = main.bodyJson();
            boolean bound = record.getString("no").equals(body.getString("no"))
                && record.getString("request_id").equals(body.getJsonObject("request", new JsonObject()).getString("id"))
                && ArchiveHash.sha256(record.getString("verification_code")).equals(body.getString("verificationCodeSha256"));
            ok &= add(checks, "binding", bound, bound ? null : "the record's number, request or code differs from the hashed body");
        }
        return new JsonObject().put("ok", ok).put("storedHash", main == null ? null : main.hash())
            .put("recomputedHash", main == null ? null : main.recomputedHash()).put("entries", entries.size()).put("checks", checks);
    }

    private static boolean add(JsonArray checks, String name, boolean ok, String detail) {
        checks.add(new JsonObject().put("check", name).put("ok", ok).put("detail", detail));
        return ok;
    }

    /** The whole chain: {@code {ok, checked, firstBadSeq?}}. */
    Future<JsonObject> chain(SqlClient c) {
        return Future.all(store.head(c), store.maxSeq(c)).compose(all -> {
            Row head = all.resultAt(0);
            long max = all.<Long>resultAt(1);
            return walk(c, 1, max, ArchiveHash.GENESIS, 0).map(bad -> {
                long headSeq = head.getLong("seq");
                Long firstBad = bad;
                if (firstBad == null && headSeq != max) {
                    firstBad = Math.min(headSeq, max) + 1;
                }
                JsonObject out = new JsonObject().put("ok", firstBad == null).put("checked", max);
                return firstBad == null ? out : out.put("firstBadSeq", firstBad);
            });
        });
    }

    private Future<Long> walk(SqlClient c, long from, long max, String prevHash, int guard) {
        if (from > max) {
            return Future.succeededFuture(null);
        }
        long to = Math.min(max, from + BATCH - 1);
        return store.range(c, from, to).compose(list -> {
            String prev = prevHash;
            long expect = from;
            for (ArchiveEntry e : list) {
                if (e.seq() != expect || !e.prevHash().equals(prev) || !e.recomputedHash().equals(e.hash())) {
                    return Future.succeededFuture(expect);
                }
                prev = e.hash();
                expect++;
            }
            if (expect != to + 1) {
                return Future.succeededFuture(expect);
            }
            return walk(c, to + 1, max, prev, guard + 1);
        });
    }
}
