package com.sealflow.server;

import com.sealflow.server.auth.Credentials;
import com.sealflow.server.auth.Passwords;
import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.db.NewDatabase;
import com.sealflow.server.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;

/**
 * The first admin's password hash, begun as the server launches when it will surely be needed: production mode, a
 * {@code SEALFLOW_ADMIN_PASSWORD} the policy accepts, and a new database (so no admin yet). The hash is slow on purpose
 * (600,000 PBKDF2 iterations, slower still with a cold JIT) and needs nothing the rest of the start makes, so it runs
 * on a thread of its own beside the migrations, Vert.x and the broker instead of after them. On a restart, or with a
 * password the policy refuses, nothing is begun and the first admin is handled as before ({@code FirstAdmin.ensure}).
 */
final class AdminHashAtLaunch {

    private final CompletableFuture<String> hash;

    private AdminHashAtLaunch(CompletableFuture<String> hash) {
        this.hash = hash;
    }

    /** Call before the migrations: it looks at the database as it is before them. */
    static AdminHashAtLaunch beginIfNeeded(ServerConfig config) {
        String password = config.adminPassword();
        if (config.demo() || password == null || !acceptable(password) || !NewDatabase.is(config.database())) {
            return new AdminHashAtLaunch(null);
        }
        CompletableFuture<String> hash = new CompletableFuture<>();
        Passwords passwords = new Passwords(config.passwordIterations());
        Thread t = new Thread(() -> {
            try {
                hash.complete(passwords.hash(password));
            } catch (RuntimeException e) {
                hash.completeExceptionally(e);
            }
        }, "sealflow-first-admin-hash");
        t.setDaemon(true);
        t.start();
        return new AdminHashAtLaunch(hash);
    }

    private static boolean acceptable(String password) {
        try {
            Credentials.checkPolicy(password);
            return true;
        } catch (ProblemException e) {
            return false;
        }
    }

    /** The hash begun at launch, completed on a Vert.x context; null when none was begun. */
    Future<String> made(Vertx vertx) {
        return hash == null ? null : Future.fromCompletionStage(hash, vertx.getOrCreateContext());
    }
}
