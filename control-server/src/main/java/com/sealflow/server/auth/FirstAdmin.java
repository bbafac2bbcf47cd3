package com.sealflow.server.auth;

import com.sealflow.server.db.Database;
import com.sealflow.server.org.OrgAdmin;
import com.sealflow.server.org.User;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No default credentials: a production instance's first admin comes either from the operator's secret
 * ({@code SEALFLOW_ADMIN_PASSWORD}) or from a one-time setup link printed at start while no admin exists.
 * The link's token is stored hashed and dies when used or after {@link #TOKEN_TTL}.
 */
public final class FirstAdmin {

    static final Duration TOKEN_TTL = Duration.ofHours(24);
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);

    private final Database db;
    private final OrgAdmin org;
    private final Credentials credentials;
    private final Clock clock;

    FirstAdmin(Database db, OrgAdmin org, Credentials credentials, Clock clock) {
        this.db = db;
        this.org = org;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * At start-up: nothing when an admin exists; else the configured admin is created; else a setup token is
     * issued and the completed future carries the path to print ({@code /setup?token=...}), otherwise null.
     */
    public Future<String> ensure(String username, String password) {
        return ensure(username, password, null);
    }

    /**
     * As {@link #ensure(String, String)}, with the password's hash already begun elsewhere ({@code hashMade}, made with
     * this server's cost; null: hashed here). A hash begun for nothing (an admin exists) is left unused.
     */
    public Future<String> ensure(String username, String password, Future<String> hashMade) {
        return hasAdmin().compose(has -> {
            if (has) {
                return Future.succeededFuture(null);
            }
            if (password != null) {
                checkConfigured(password);
                Future<String> hash = hashMade != null ? hashMade : credentials.hash(password);
                return create(username, "Administrator", hash).map(u -> {
                    LOG.info("created the first admin '{}' from SEALFLOW_ADMIN_PASSWORD", u.username());
                    return null;
                });
            }
            String token = Secrets.random(24);
            long now = clock.millis();
            return db.inTransaction(tx -> db.execute(tx, "DELETE FROM setup_tokens")
                    .compose(v -> db.execute(tx, "INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES ($1, $2, $3)",
                        Secrets.sha256(token), now, now + TOKEN_TTL.toMillis())))
                .map(v -> "/setup?token=" + token);
        });
    }

    /** The operator's password meets the policy, or the start stops with a message that names the setting. */
    private static void checkConfigured(String password) {
        try {
            Credentials.checkPolicy(password);
        } catch (ProblemException e) {
            String why = e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).getString("message");
            throw new IllegalArgumentException("SEALFLOW_ADMIN_PASSWORD is refused: " + why, e);
        }
    }

    Future<Boolean> hasAdmin() {
        return db.execute("SELECT 1 FROM user_roles ur JOIN users u ON u.id = ur.user_id WHERE ur.role = $1 AND u.active = 1",
            Role.ADMIN.name()).map(rs -> rs.size() > 0);
    }

    /** {@code POST /api/setup}: consumes the token (once, even under concurrent calls) and creates the admin. */
    Future<User> setup(String token, String username, String name, String password) {
        Credentials.checkPolicy(password);
        return credentials.hash(password).compose(hash -> db.inTransaction(tx ->
            db.execute(tx, "DELETE FROM setup_tokens WHERE token_hash = $1 AND expires_at > $2",
                    Secrets.sha256(token == null ? "" : token), clock.millis())
                .compose(rs -> {
                    if (rs.rowCount() != 1) {
                        throw new ProblemException(403, "setup-token", "Setup not allowed",
                            "the setup link is unknown, used or expired (restart the server for a new one while no admin exists)");
                    }
                    return org.createUser(tx, null, new OrgAdmin.UserInput(username, name, null, null, true, EnumSet.of(Role.ADMIN)));
                })
                .compose(u -> credentials.store(tx, u.id(), u.id(), hash).map(u))));
    }

    private Future<User> create(String username, String name, Future<String> passwordHash) {
        return passwordHash.compose(hash -> db.inTransaction(tx ->
            org.createUser(tx, null, new OrgAdmin.UserInput(username, name, null, null, true, EnumSet.of(Role.ADMIN)))
                .compose(u -> credentials.store(tx, null, u.id(), hash).map(u))));
    }
}
