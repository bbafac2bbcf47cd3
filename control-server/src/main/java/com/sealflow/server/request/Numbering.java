package com.sealflow.server.request;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Request numbers such as {@code YY-20261126-0001}: prefix by type, the local calendar day, and a per-day
 * sequence. A number is taken by one statement of its own (an upsert of the day's counter row that returns the new
 * value, committed on its own): the row is locked only for that statement and its commit, with no round trip to the
 * server in between, so concurrent creates queue on it for the shortest time and never behind each other's inserts,
 * events and audit rows. Numbers are unique and increase within a day; a create that fails after taking its number
 * leaves a gap (a create-and-submit the engine refuses: its draft and the start roll back together).
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
        return db.execute("INSERT INTO request_counters (day_key, n) VALUES ($1, 1) "
                + "ON CONFLICT (day_key) DO UPDATE SET n = request_counters.n + 1 RETURNING n", key)
            .map(rs -> {
                long n = rs.iterator().next().getLong("n");
                return key + "-" + (n < 10_000 ? String.format("%04d", n) : Long.toString(n));
            });
    }
}
