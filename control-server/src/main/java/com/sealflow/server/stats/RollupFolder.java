package com.sealflow.server.stats;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Adds the rollup's deltas to the day rows and deletes them, in one transaction per fold: a fold that fails leaves both
 * as they were, and a delta is added exactly once. Actions append deltas on PostgreSQL; on SQLite the only deltas are
 * those an earlier version left, folded once at start. On PostgreSQL each table's deltas are deleted and added by one
 * statement ({@code WITH gone AS (DELETE … RETURNING *) INSERT …}), so a delta committed while the fold runs is neither
 * lost nor added twice, and two folds at once take each delta once; SQLite has one writer at a time. Readers add the
 * day rows and the deltas in one statement, so a fold changes no figure.
 */
final class RollupFolder {

    /** How often the server folds; readers are exact whenever it runs, it only keeps the deltas few. */
    static final Duration EVERY = Duration.ofSeconds(1);

    private final Database db;
    private final AtomicBoolean folding = new AtomicBoolean();

    RollupFolder(Database db) {
        this.db = db;
    }

    /** One fold of every table's deltas, in one transaction. */
    Future<Void> fold() {
        return db.inTransaction(tx -> {
            Future<Void> chain = Future.succeededFuture();
            for (String s : statements(db.dialect())) {
                chain = chain.compose(v -> db.execute(tx, s).mapEmpty());
            }
            return chain;
        });
    }

    /** A fold unless one is still running (the periodic one); completes at once when skipped. */
    Future<Void> foldUnlessRunning() {
        if (!folding.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        return fold().andThen(r -> folding.set(false));
    }

    static List<String> statements(Dialect dialect) {
        List<String> out = new ArrayList<>();
        for (RollupSql.Table t : RollupSql.TABLES) {
            if (dialect == Dialect.POSTGRES) {
                out.add("WITH gone AS (DELETE FROM " + t.deltas() + " RETURNING *) " + RollupSql.upsert(t, RollupSql.sumOf(t, "gone")));
            } else {
                out.add(RollupSql.upsert(t, RollupSql.sumOf(t, t.deltas())));
                out.add("DELETE FROM " + t.deltas());
            }
        }
        return out;
    }
}
