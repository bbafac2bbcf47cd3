package com.sealflow.server.auth;

import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.db.Database;
import com.sealflow.server.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.List;

/**
 * Passwords of users. Hashing is slow on purpose, so it happens on a worker thread BEFORE the transaction
 * that stores the hash: {@code credentials.hash(pw).compose(h -> db.inTransaction(tx -> credentials.store(tx, ...)))}.
 */
public final class Credentials {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 200;

    private final WorkerExecutor hashing;
    private final Database db;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Clock clock;

    public Credentials(Vertx vertx, Database db, Passwords passwords, AuditLog audit, Clock clock) {
        // a pool of its own, one thread per core: a storm of log-ins queues here instead of taking every worker
        // thread (which the database client needs too) and starving everything else
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.hashing = vertx.createSharedWorkerExecutor("sealflow-password-hashing", cores);
        this.db = db;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** 422 unless the password is acceptable. */
    public static void checkPolicy(String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw ProblemException.validation(List.of(new ProblemException.FieldError("password",
                "the password must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters")));
        }
    }

    /** Hashes on a worker thread. */
    public Future<String> hash(String password) {
        return hashing.executeBlocking(() -> passwords.hash(password), false);
    }

    Future<Boolean> verify(String password, String storedHash) {
        return hashing.executeBlocking(() -> passwords.verify(password, storedHash), false);
    }

    /** Stores a hash made by {@link #hash} for the user, in the caller's transaction, with an audit row. */
    public Future<Void> store(SqlConnection tx, String actorId, String userId, String hash) {
        long now = clock.millis();
        return db.execute(tx, "DELETE FROM credentials WHERE user_id = $1", userId)
            .compose(v -> db.execute(tx, "INSERT INTO credentials (user_id, password_hash, updated_at) VALUES ($1, $2, $3)",
                userId, hash, now))
            .compose(v -> audit.append(tx, actorId, "auth.password.set", "user", userId, new JsonObject()))
            .mapEmpty();
    }

    /** Completes with true when the user has a password (demo seeding stays idempotent with it). */
    public Future<Boolean> hasPassword(SqlConnection tx, String userId) {
        return db.execute(tx, "SELECT 1 FROM credentials WHERE user_id = $1", userId).map(rs -> rs.size() > 0);
    }

    Future<String> storedHash(String userId) {
        return db.execute("SELECT password_hash FROM credentials WHERE user_id = $1", userId)
            .map(rs -> rs.size() == 0 ? null : rs.iterator().next().getString("password_hash"));
    }

    Passwords passwords() {
        return passwords;
    }
}
