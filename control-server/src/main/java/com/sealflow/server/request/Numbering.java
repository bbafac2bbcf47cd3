package com.sealflow.server.request;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Request numbers such as {@code YY-20261126-0001}: prefix by type, the local calendar day, and a per-day
 * sequence. A number is taken by one statement of its own (an upsert of the day's counter row that returns the new
 * value, committed on its own): the row is locked only for that statement and its commit, with no round trip to the
 * server in between, so concurrent creates queue on it for the shortest time and never behind each other's inserts,
 * events and audit rows. Numbers are unique and increase within a day; a create that fails after taking its number
 * leaves a gap (a create-and-submit the engine refuses: its draft and the start roll back together).
 *
 * <p>On PostgreSQL the counter's transaction commits without waiting for its WAL flush ({@code synchronous_commit}
 * off for that transaction only; BEGIN, the setting, the upsert and COMMIT travel together), so the row is released
 * as soon as the upsert has run instead of after a disk flush, and a create does not wait for one flush of its own
 * before its real transaction. No number can be handed out twice after a crash: a request that used a number commits
 * later with a flush, and PostgreSQL flushes its log in order, so that flush makes the counter's commit durable too; a
 * counter commit lost in a crash was used by no committed request (a gap at most, as with a failed create).
 */
final class Numbering {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String UPSERT = "INSERT INTO request_counters (day_key, n) VALUES ($1, 1) "
        + "ON CONFLICT (day_key) DO UPDATE SET n = request_counters.n + 1 RETURNING n";

    private final Database db;
    private final Clock clock;
    private final ZoneId zone;

    Numbering(Database db, Clock clock, ZoneId zone) {
        this.db = db;
        this.clock = clock;
        this.zone = zone;
    }

    Future<String> next(RequestType type) {
        String day = LocalDate.now(clock.withZone(zone)).format(DAY);
        String key = type.numberPrefix() + "-" + day;
        Future<RowSet<Row>> counted = db.dialect() == Dialect.POSTGRES ? countWithoutWaitingForTheFlush(key) : db.execute(UPSERT, key);
        return counted.map(rs -> {
            long n = rs.iterator().next().getLong("n");
            return key + "-" + (n < 10_000 ? String.format("%04d", n) : Long.toString(n));
        });
    }

    /** The upsert in a transaction of its own that commits asynchronously; the first failure in the order sent. */
    private Future<RowSet<Row>> countWithoutWaitingForTheFlush(String key) {
        return db.transactionConnection().compose(conn -> {
            Future<RowSet<Row>> begun = conn.query("BEGIN").execute();
            Future<RowSet<Row>> relaxed = conn.query("SET LOCAL synchronous_commit TO OFF").execute();
            Future<RowSet<Row>> counted = db.query(conn, UPSERT).execute(Tuple.of(key));
            Future<RowSet<Row>> committed = conn.query("COMMIT").execute();
            List<Future<RowSet<Row>>> sent = List.of(begun, relaxed, counted, committed);
            return Future.join(sent).transform(x -> {
                for (Future<RowSet<Row>> f : sent) {
                    if (f.failed()) {
                        return Future.<RowSet<Row>>failedFuture(f.cause());
                    }
                }
                return counted;
            }).onComplete(x -> conn.close());
        });
    }
}
