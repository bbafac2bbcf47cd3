package com.sealflow.server.auth;

import com.sealflow.server.db.Database;
import com.sealflow.server.org.Directory;
import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.JsonBody;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Replies;
import com.sealflow.server.web.Role;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;

/**
 * A person's own credentials: personal API tokens ({@code /api/me/tokens}) and password change; and the
 * admin's password reset ({@code PUT /api/users/{id}/password}). Token management needs a browser session:
 * a leaked token cannot mint more tokens.
 */
final class AccountRoutes implements ApiRoutes {

    private final Database db;
    private final Directory directory;
    private final ApiTokens tokens;
    private final Credentials credentials;
    private final Sessions sessions;
    private final Clock clock;

    AccountRoutes(Database db, Directory directory, ApiTokens tokens, Credentials credentials, Sessions sessions, Clock clock) {
        this.db = db;
        this.directory = directory;
        this.tokens = tokens;
        this.credentials = credentials;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public void mount(Router r) {
        r.get("/api/me/tokens").handler(Access.requireAuth()).handler(ctx -> tokens.list(CurrentUser.of(ctx).id())
            .onSuccess(l -> Replies.json(ctx, 200, l)).onFailure(ctx::fail));
        r.post("/api/me/tokens").handler(Access.requireAuth()).handler(this::createToken);
        r.delete("/api/me/tokens/:id").handler(Access.requireAuth()).handler(this::revokeToken);
        r.post("/api/me/password").handler(Access.requireAuth()).handler(this::changeOwnPassword);
        r.put("/api/users/:id/password").handler(Access.requireRole(Role.ADMIN)).handler(this::setPassword);
    }

    private static CurrentUser sessionUser(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        if (me.method() != CurrentUser.AuthMethod.SESSION) {
            throw ProblemException.forbidden("manage API tokens and passwords from a logged-in browser session");
        }
        return me;
    }

    private void createToken(RoutingContext ctx) {
        CurrentUser me = sessionUser(ctx);
        JsonBody b = JsonBody.of(ctx);
        String name = b.string("name").trim();
        if (name.length() > 100) {
            throw ProblemException.invalidField("name", "name: at most 100 characters");
        }
        Long days = b.optLong("expiresInDays");
        if (days != null && (days < 1 || days > 3650)) {
            throw ProblemException.invalidField("expiresInDays", "expiresInDays: 1 to 3650");
        }
        Long expiresAt = days == null ? null : clock.millis() + Duration.ofDays(days).toMillis();
        tokens.create(me.id(), name, expiresAt).onSuccess(t -> Replies.created(ctx, t)).onFailure(ctx::fail);
    }

    private void revokeToken(RoutingContext ctx) {
        CurrentUser me = sessionUser(ctx);
        tokens.revoke(me.id(), ctx.pathParam("id")).map(ok -> {
            if (!ok) {
                throw ProblemException.notFound("token");
            }
            return ok;
        }).onSuccess(v -> Replies.noContent(ctx)).onFailure(ctx::fail);
    }

    private void changeOwnPassword(RoutingContext ctx) {
        CurrentUser me = sessionUser(ctx);
        JsonBody b = JsonBody.of(ctx);
        String current = b.string("currentPassword");
        String next = b.string("newPassword");
        Credentials.checkPolicy(next);
        credentials.storedHash(me.id()).compose(h -> credentials.verify(current, h)).compose(ok -> {
            if (!ok) {
                throw new ProblemException(403, "wrong-password", "Wrong password", "the current password is wrong");
            }
            return credentials.hash(next);
        }).compose(hash -> db.inTransaction(tx -> credentials.store(tx, me.id(), me.id(), hash)))
            .onSuccess(v -> Replies.noContent(ctx)).onFailure(ctx::fail);
    }

    /** An admin sets someone's password; that person's sessions end. */
    private void setPassword(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        String userId = ctx.pathParam("id");
        String password = JsonBody.of(ctx).string("password");
        Credentials.checkPolicy(password);
        directory.user(db.pool(), userId).compose(u -> {
            if (u.isEmpty()) {
                throw ProblemException.notFound("user " + userId);
            }
            return credentials.hash(password);
        }).compose(hash -> db.inTransaction(tx -> credentials.store(tx, me.id(), userId, hash)
                .compose(v -> sessions.deleteAllOf(tx, userId))))
            .onSuccess(v -> Replies.noContent(ctx)).onFailure(ctx::fail);
    }
}
