package com.sealflow.server.request;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Request numbers such as {@code YY-20261126-0001}: prefix by type, the local calendar day, and a per-day
 * sequence. A number is taken in its own short transaction: the day's counter row is locked (on PostgreSQL; the
 * write lock on SQLite) for that one upsert, not for the whole create, so concurrent creates do not queue behind each
 * other's inserts, events and audit rows. Numbers are unique and increase within a day; a create that fails after
 * taking its number leaves a gap, as a create-and-submit the engine refuses always did (its draft is deleted).
 */
final class Numbering {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

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
        return db.inTransaction(conn -> db.execute(conn, "INSERT INTO request_counters (day_key, n) VALUES ($1, 1) "
                + "ON CONFLICT (day_key) DO UPDATE SET n = request_counters.n + 1", key)
            .compose(v -> db.execute(conn, "SELECT n FROM request_counters WHERE day_key = $1", key)))
            .map(rs -> {
                long n = rs.iterator().next().getLong("n");
                return key + "-" + (n < 10_000 ? String.format("%04d", n) : Long.toString(n));
            });
    }
}
