package com.sealflow.server.auth;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Slows password guessing per username + client address: the first {@value #FREE_ATTEMPTS} failures are
 * free, then each failure locks the pair for a doubling delay (30 s, 1 min, 2 min … at most 15 min). A success
 * clears it; failures older than {@link #WINDOW} are forgotten. Kept in the database so every node sees it.
 */
final class LoginThrottle {

    static final int FREE_ATTEMPTS = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration BASE_DELAY = Duration.ofSeconds(30);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final Database db;
    private final Clock clock;

    LoginThrottle(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    static String key(String username, String address) {
        return (username == null ? "" : username.trim().toLowerCase(Locale.ROOT)) + "|" + address;
    }

    /** Milliseconds until the next attempt is allowed; 0 when allowed now. */
    Future<Long> lockedFor(String key) {
        long now = clock.millis();
        return db.execute("SELECT locked_until FROM login_failures WHERE throttle_key = $1", key)
            .map(rs -> rs.size() == 0 ? 0L : Math.max(0L, rs.iterator().next().getLong("locked_until") - now));
    }

    Future<Void> failure(String key) {
        long now = clock.millis();
        return db.inTransaction(tx -> db.execute(tx,
                "INSERT INTO login_failures (throttle_key, failures, last_failure_at, locked_until)"
                + " VALUES ($1, 0, $2, 0) ON CONFLICT (throttle_key) DO NOTHING", key, now)
            .compose(v -> db.execute(tx,
                "SELECT failures, last_failure_at FROM login_failures WHERE throttle_key = $1" + db.forUpdate(), key))
            .compose(rs -> {
                Row r = rs.iterator().next();
                int failures = now - r.getLong("last_failure_at") > WINDOW.toMillis() ? 1 : r.getInteger("failures") + 1;
                long lockedUntil = failures < FREE_ATTEMPTS ? 0 : now + delay(failures).toMillis();
                return db.execute(tx, "UPDATE login_failures SET failures = $1, last_failure_at = $2, locked_until = $3"
                    + " WHERE throttle_key = $4", failures, now, lockedUntil, key);
            })).mapEmpty();
    }

    static Duration delay(int failures) {
        int exp = Math.min(failures - FREE_ATTEMPTS, 10);
        Duration d = BASE_DELAY.multipliedBy(1L << Math.max(0, exp));
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    Future<Void> success(String key) {
        return db.execute("DELETE FROM login_failures WHERE throttle_key = $1", key).mapEmpty();
    }

    Future<Integer> purge() {
        return db.execute("DELETE FROM login_failures WHERE last_failure_at < $1 AND locked_until < $2",
            clock.millis() - WINDOW.toMillis(), clock.millis()).map(rs -> rs.rowCount());
    }
}
