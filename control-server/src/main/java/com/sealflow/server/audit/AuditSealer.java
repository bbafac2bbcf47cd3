package com.sealflow.server.audit;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Rounds;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL: chains the rows audited transactions left in {@code audit_pending}, in batches, right after they commit.
 * A round locks the chain's head, takes up to {@link #BATCH} waiting rows in the order they were written, numbers and
 * hashes them onto the chain, and in one statement writes them to {@code audit_log}, deletes them from the waiting rows
 * and moves the head; so many actions share one pass through the head and one WAL flush, instead of each action holding
 * the head through its own commit. Rows whose round was missed (a crash after the action committed) are chained by the
 * next round: after any later commit, the periodic round, or a reader of the log ({@link AuditLog#sealed()}).
 */
final class AuditSealer {

    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(AuditSealer.class);

    private final Database db;
    private final Rounds rounds;

    AuditSealer(Database db) {
        this.db = db;
        this.rounds = new Rounds(BATCH, this::round, e -> LOG.warn("chaining audit rows failed; the next round tries again", e));
    }

    /** Chain the waiting rows soon; if a round is running, it goes round once more. Never blocks. */
    void kick() {
        rounds.kick();
    }

    /** Completes when every row waiting at the time of the call is on the chain. */
    Future<Void> sealAll() {
        return round().compose(n -> n == BATCH ? sealAll() : Future.succeededFuture());
    }

    /** One round: the number of rows chained. */
    private Future<Integer> round() {
        return db.inTransaction(tx -> db.execute(tx, "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
            .compose(heads -> db.execute(tx, "SELECT id, at, actor, action, object_type, object_id, details FROM audit_pending "
                    + "ORDER BY id LIMIT " + BATCH)
                .compose(waiting -> {
                    if (waiting.size() == 0) {
                        return Future.succeededFuture(0);
                    }
                    Row head = heads.iterator().next();
                    long seq = head.getLong("seq");
                    String prev = head.getString("hash");
                    List<Object> params = new ArrayList<>(waiting.size() * 9 + 3);
                    Long[] ids = new Long[waiting.size()];
                    int i = 0;
                    for (Row r : waiting) {
                        seq++;
                        ids[i++] = r.getLong("id");
                        long at = r.getLong("at");
                        String hash = AuditHash.hash(seq, at, r.getString("actor"), r.getString("action"), r.getString("object_type"),
                            r.getString("object_id"), r.getString("details"), prev);
                        params.addAll(Arrays.asList(seq, at, r.getString("actor"), r.getString("action"), r.getString("object_type"),
                            r.getString("object_id"), r.getString("details"), prev, hash));
                        prev = hash;
                    }
                    int n = params.size();
                    params.add(seq);
                    params.add(prev);
                    params.add(ids);
                    int chained = waiting.size();
                    return db.execute(tx, "WITH head AS (UPDATE audit_head SET seq = $" + (n + 1) + ", hash = $" + (n + 2)
                            + " WHERE id = 1), done AS (DELETE FROM audit_pending WHERE id = ANY($" + (n + 3) + ")) "
                            + AuditLog.insertText(chained), params.toArray())
                        .map(v -> chained);
                })));
    }
}
