package com.sealflow.server.audit;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * Recomputes the chain from the first row to the head read at the start, page by page. An edited row fails
 * its hash; a deleted row leaves a gap in {@code seq}; reordered rows fail their hashes (the sequence number
 * is hashed) or the links; a forged row fails the link to its neighbours or its hash; a truncated tail no
 * longer reaches the head. The first bad sequence number is reported.
 */
public final class AuditVerifier {

    private static final int PAGE = 1000;

    private final Database db;

    AuditVerifier(Database db) {
        this.db = db;
    }

    /** {@code {ok, checked, firstBadSeq?}}. */
    public record Result(boolean ok, long checked, Long firstBadSeq) {
        public JsonObject toJson() {
            JsonObject json = new JsonObject().put("ok", ok).put("checked", checked);
            if (firstBadSeq != null) {
                json.put("firstBadSeq", firstBadSeq);
            }
            return json;
        }
    }

    private static final class State {
        long expectedSeq = 1;
        String prevHash = AuditHash.GENESIS;
        long checked;
    }

    Future<Result> verify() {
        return db.execute("SELECT seq, hash FROM audit_head WHERE id = 1").compose(rs -> {
            Row head = rs.iterator().next();
            return page(new State(), head.getLong("seq"), head.getString("hash"));
        });
    }

    private Future<Result> page(State st, long headSeq, String headHash) {
        return db.execute("SELECT seq, at, actor, action, object_type, object_id, details, prev_hash, hash FROM audit_log"
                + " WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT " + PAGE, st.expectedSeq, headSeq)
            .compose(rs -> {
                for (Row r : rs) {
                    long seq = r.getLong("seq");
                    if (seq != st.expectedSeq) {
                        return bad(st, st.expectedSeq);
                    }
                    String recomputed = AuditHash.hash(seq, r.getLong("at"), r.getString("actor"), r.getString("action"),
                        r.getString("object_type"), r.getString("object_id"), r.getString("details"), r.getString("prev_hash"));
                    if (!st.prevHash.equals(r.getString("prev_hash")) || !recomputed.equals(r.getString("hash"))) {
                        return bad(st, seq);
                    }
                    st.prevHash = r.getString("hash");
                    st.expectedSeq++;
                    st.checked++;
                }
                if (rs.size() == PAGE) {
                    return page(st, headSeq, headHash);
                }
                if (st.expectedSeq - 1 != headSeq || !st.prevHash.equals(headHash)) {
                    return bad(st, st.expectedSeq);
                }
                return strays(st);
            });
    }

    /**
     * Rows outside 1..head cannot be genuine: the head moves in the same transaction as every insert. One
     * statement, so an append committing meanwhile is seen consistently with its head.
     */
    private Future<Result> strays(State st) {
        return db.execute("SELECT MIN(seq) AS s FROM audit_log WHERE seq < 1 OR seq > (SELECT seq FROM audit_head WHERE id = 1)")
            .map(rs -> {
                Long stray = rs.iterator().next().getLong("s");
                return stray == null ? new Result(true, st.checked, null) : new Result(false, st.checked, stray);
            });
    }

    private static Future<Result> bad(State st, long seq) {
        return Future.succeededFuture(new Result(false, st.checked, seq));
    }
}
