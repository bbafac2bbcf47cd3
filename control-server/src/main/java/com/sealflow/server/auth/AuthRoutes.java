package com.sealflow.server.auth;

import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.db.Database;
import com.sealflow.server.org.Directory;
import com.sealflow.server.org.User;
import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.Csrf;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.JsonBody;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Replies;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** {@code /api/auth/csrf}, {@code /api/auth/login}, {@code /api/auth/logout}, {@code /api/me}. */
final class AuthRoutes implements ApiRoutes {

    static final String SESSION_KEY = "sealflow.session";

    private final Database db;
    private final Directory directory;
    private final Sessions sessions;
    private final Credentials credentials;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final boolean secureCookies;

    AuthRoutes(Database db, Directory directory, Sessions sessions, Credentials credentials, LoginThrottle throttle,
               AuditLog audit, boolean secureCookies) {
        this.db = db;
        this.directory = directory;
        this.sessions = sessions;
        this.credentials = credentials;
        this.throttle = throttle;
        this.audit = audit;
        this.secureCookies = secureCookies;
    }

    @Override
    public void mount(Router r) {
        r.get("/api/auth/csrf").handler(this::csrf);
        r.post("/api/auth/login").handler(Csrf.requireDoubleSubmit()).handler(this::login);
        r.post("/api/auth/logout").handler(this::logout);
        r.get("/api/me").handler(Access.requireAuth()).handler(ctx -> Replies.ok(ctx, CurrentUser.of(ctx).toJson()));
    }

    @Override
    public String openApiFragment() {
        return "openapi/auth.json";
    }

    private void csrf(RoutingContext ctx) {
        Sessions.Session s = ctx.get(SESSION_KEY);
        String token = s != null ? s.csrfToken() : Csrf.newToken();
        Csrf.issue(ctx, token, secureCookies);
        Replies.ok(ctx, new JsonObject().put("token", token).put("headerName", Csrf.HEADER));
    }

    private void login(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        String username = body.string("username").trim();
        String password = body.string("password");
        String key = LoginThrottle.key(username, ctx.request().remoteAddress().hostAddress());
        throttle.lockedFor(key).compose(wait -> {
            if (wait > 0) {
                ctx.response().putHeader("Retry-After", Long.toString((wait + 999) / 1000));
                throw new ProblemException(429, "too-many-attempts", "Too many failed logins",
                    "try again in " + ((wait + 999) / 1000) + " s");
            }
            return directory.userByUsername(db.pool(), username);
        }).compose(user -> check(user, password)).compose(user -> {
            if (user == null) {
                return throttle.failure(key)
                    .compose(v -> audit.appendAlone(new AuditLog.Entry(null, "auth.login.failed", "user", null,
                        new JsonObject().put("username", username).put("ip", ctx.request().remoteAddress().hostAddress()))))
                    .compose(v -> Future.failedFuture(new ProblemException(401, "invalid-credentials", "Login failed",
                        "wrong username or password")));
            }
            return throttle.success(key).compose(v -> startSession(ctx, user));
        }).onSuccess(me -> Replies.ok(ctx, me)).onFailure(ctx::fail);
    }

    /** The user when active and the password matches; the hash is checked even for unknown users (timing). */
    private Future<User> check(Optional<User> user, String password) {
        Future<String> stored = user.isPresent() ? credentials.storedHash(user.get().id()) : Future.succeededFuture(null);
        return stored.compose(hash -> credentials.verify(password, hash).compose(ok -> {
            if (!ok || user.isEmpty() || !user.get().active()) {
                return Future.succeededFuture(null);
            }
            if (!credentials.passwords().needsRehash(hash)) {
                return Future.succeededFuture(user.get());
            }
            // the cost went up since this hash was made: upgrade it while we know the password
            String id = user.get().id();
            return credentials.hash(password).compose(h -> db.inTransaction(tx -> credentials.store(tx, id, id, h)))
                .map(v -> user.get());
        }));
    }

    /** Rotation: whatever session the browser had ends, and a fresh id and CSRF token are issued. */
    private Future<JsonObject> startSession(RoutingContext ctx, User user) {
        Cookie old = ctx.request().getCookie(Sessions.COOKIE);
        String csrf = Csrf.newToken();
        return sessions.deleteByCookie(old == null ? null : old.getValue())
            .compose(v -> db.inTransaction(tx -> sessions.create(tx, user.id(), csrf)
                .compose(id -> audit.append(tx, user.id(), "auth.login", "user", user.id(),
                    new JsonObject().put("ip", ctx.request().remoteAddress().hostAddress())).map(id))))
            .map(id -> {
                ctx.response().addCookie(Cookie.cookie(Sessions.COOKIE, id).setPath("/").setHttpOnly(true)
                    .setSameSite(CookieSameSite.LAX).setSecure(secureCookies));
                Csrf.issue(ctx, csrf, secureCookies);
                CurrentUser me = SessionAuthenticator.toCurrent(Optional.of(user), CurrentUser.AuthMethod.SESSION);
                CurrentUser.set(ctx, me);
                return me.toJson();
            });
    }

    private void logout(RoutingContext ctx) {
        Sessions.Session s = ctx.get(SESSION_KEY);
        Future<Void> done = s == null ? Future.succeededFuture()
            : db.inTransaction(tx -> db.execute(tx, "DELETE FROM sessions WHERE id_hash = $1", s.idHash())
                .compose(v -> audit.append(tx, s.userId(), "auth.logout", "user", s.userId(), new JsonObject())).mapEmpty());
        done.onSuccess(v -> {
            ctx.response().addCookie(Cookie.cookie(Sessions.COOKIE, "").setPath("/").setMaxAge(0).setHttpOnly(true));
            Replies.noContent(ctx);
        }).onFailure(ctx::fail);
    }
}
