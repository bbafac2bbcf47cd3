package com.sealflow.server.auth;

import com.sealflow.server.db.Database;
import com.sealflow.server.org.Directory;
import com.sealflow.server.org.User;
import com.sealflow.server.web.Authenticator;
import com.sealflow.server.web.Csrf;
import com.sealflow.server.web.CurrentUser;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Resolves the caller: {@code Authorization: Bearer sfp_...} (personal API token) or the session cookie.
 * Other bearer schemes (device tokens) are left to the routes that own them. Deactivated users are nobody.
 */
final class SessionAuthenticator implements Authenticator {

    private final Database db;
    private final Directory directory;
    private final Sessions sessions;
    private final ApiTokens tokens;

    SessionAuthenticator(Database db, Directory directory, Sessions sessions, ApiTokens tokens) {
        this.db = db;
        this.directory = directory;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    @Override
    public Future<CurrentUser> authenticate(RoutingContext ctx) {
        String authz = ctx.request().getHeader("Authorization");
        if (authz != null && authz.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String secret = authz.substring(7).trim();
            if (secret.startsWith(ApiTokens.PREFIX)) {
                return tokens.resolve(secret).compose(userId -> user(userId, CurrentUser.AuthMethod.TOKEN));
            }
            return Future.succeededFuture(null);
        }
        Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
        if (cookie == null) {
            return Future.succeededFuture(null);
        }
        // the session, its user and the user's roles in one read; its writes come after
        return db.reading(conn -> sessions.find(conn, cookie.getValue()))
            .compose(found -> sessions.settle(found).map(s -> {
                if (s == null) {
                    return null;
                }
                Csrf.bindSessionToken(ctx, s.csrfToken());
                ctx.put(AuthRoutes.SESSION_KEY, s);
                return toCurrent(found.user(), CurrentUser.AuthMethod.SESSION);
            }));
    }

    private Future<CurrentUser> user(String userId, CurrentUser.AuthMethod method) {
        if (userId == null) {
            return Future.succeededFuture(null);
        }
        return directory.user(db.pool(), userId).map(u -> toCurrent(u, method));
    }

    static CurrentUser toCurrent(Optional<User> u, CurrentUser.AuthMethod method) {
        return u.filter(User::active)
            .map(x -> new CurrentUser(x.id(), x.username(), x.name(), x.departmentId(), x.roles(), method))
            .orElse(null);
    }
}
