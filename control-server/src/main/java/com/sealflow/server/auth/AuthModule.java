package com.sealflow.server.auth;

import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.db.Database;
import com.sealflow.server.org.OrgAdmin;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.Authenticator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The auth module assembled: who is calling (sessions, API tokens), logging in, passwords, first-admin setup. */
public final class AuthModule {

    private static final Logger LOG = LoggerFactory.getLogger(AuthModule.class);

    private final Sessions sessions;
    private final ApiTokens tokens;
    private final Credentials credentials;
    private final LoginThrottle throttle;
    private final FirstAdmin firstAdmin;
    private final Authenticator authenticator;
    private final List<ApiRoutes> routes;

    public AuthModule(Vertx vertx, Database db, Clock clock, ServerConfig config, OrgAdmin org, AuditLog audit) {
        if (config.passwordIterations() < ServerConfig.OWASP_PBKDF2_ITERATIONS) {
            LOG.warn("password hashing below OWASP cost: {} PBKDF2 iterations (fine for tests, never for production)",
                config.passwordIterations());
        }
        this.sessions = new Sessions(db, clock, config.sessionIdleTimeout(), config.sessionAbsoluteTimeout());
        this.tokens = new ApiTokens(db, clock);
        this.credentials = new Credentials(vertx, db, new Passwords(config.passwordIterations()), audit, clock);
        this.throttle = new LoginThrottle(db, clock);
        this.firstAdmin = new FirstAdmin(db, org, credentials, clock);
        this.authenticator = new SessionAuthenticator(db, org.directory(), sessions, tokens);
        this.routes = List.of(
            new AuthRoutes(db, org.directory(), sessions, credentials, throttle, audit, config.secureCookies()),
            new AccountRoutes(db, org.directory(), tokens, credentials, sessions, clock),
            new SetupRoutes(firstAdmin));
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public List<ApiRoutes> routes() {
        return routes;
    }

    public Credentials credentials() {
        return credentials;
    }

    public FirstAdmin firstAdmin() {
        return firstAdmin;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** Housekeeping: expired sessions and stale throttle rows. */
    public Future<Void> purge() {
        return sessions.purge().compose(n -> throttle.purge()).mapEmpty();
    }
}
