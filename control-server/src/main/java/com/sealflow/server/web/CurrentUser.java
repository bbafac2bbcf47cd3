package com.sealflow.server.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, resolved once per request by the platform (session cookie or API token) and put in the
 * routing context. Handlers read it with {@link #of(RoutingContext)}.
 */
public record CurrentUser(String id, String username, String name, String departmentId, Set<Role> roles,
                          AuthMethod method) {

    static final String KEY = "sealflow.currentUser";

    /** How the caller proved who they are; only cookie sessions need CSRF protection. */
    public enum AuthMethod { SESSION, TOKEN }

    public CurrentUser {
        roles = Set.copyOf(roles);
    }

    /** The caller, or a 401 problem when nobody is logged in. */
    public static CurrentUser of(RoutingContext ctx) {
        return find(ctx).orElseThrow(ProblemException::unauthorized);
    }

    public static Optional<CurrentUser> find(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(KEY));
    }

    public static void set(RoutingContext ctx, CurrentUser user) {
        ctx.put(KEY, user);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Role... any) {
        return Arrays.stream(any).anyMatch(roles::contains);
    }

    /** The {@code GET /api/me} shape. */
    public JsonObject toJson() {
        JsonArray r = new JsonArray();
        roles.stream().map(Enum::name).sorted().forEach(r::add);
        return new JsonObject().put("id", id).put("username", username).put("name", name)
            .put("departmentId", departmentId).put("roles", r);
    }
}
