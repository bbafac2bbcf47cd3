package com.sealflow.server.org;

import com.sealflow.server.db.Database;
import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.JsonBody;
import com.sealflow.server.web.Paging;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Replies;
import com.sealflow.server.web.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The directory ({@code /api/users}, {@code /api/departments}) for everyone logged in; changes and CSV import for admins. */
public final class OrgRoutes implements ApiRoutes {

    private final Database db;
    private final Directory directory;
    private final OrgAdmin admin;
    private final OrgImport importer;

    public OrgRoutes(Database db, OrgAdmin admin, OrgImport importer) {
        this.db = db;
        this.directory = admin.directory();
        this.admin = admin;
        this.importer = importer;
    }

    @Override
    public void mount(Router r) {
        r.get("/api/users").handler(Access.requireAuth()).handler(this::searchUsers);
        r.get("/api/users/:id").handler(Access.requireAuth()).handler(this::getUser);
        r.post("/api/users").handler(Access.requireRole(Role.ADMIN)).handler(this::createUser);
        r.patch("/api/users/:id").handler(Access.requireRole(Role.ADMIN)).handler(this::updateUser);
        r.get("/api/departments").handler(Access.requireAuth()).handler(ctx -> directory.departments(db.pool())
            .onSuccess(l -> Replies.json(ctx, 200, new JsonArray(l.stream().map(Department::toJson).toList())))
            .onFailure(ctx::fail));
        r.post("/api/departments").handler(Access.requireRole(Role.ADMIN)).handler(this::createDepartment);
        r.patch("/api/departments/:id").handler(Access.requireRole(Role.ADMIN)).handler(this::updateDepartment);
        r.post("/api/org/import").handler(Access.requireRole(Role.ADMIN)).handler(this::importOrg);
    }

    @Override
    public String openApiFragment() {
        return "openapi/org.json";
    }

    private void searchUsers(RoutingContext ctx) {
        int limit = Paging.intParam(ctx, "limit", 50);
        if (limit < 1 || limit > 500) {
            throw ProblemException.invalidField("limit", "limit must be between 1 and 500");
        }
        directory.search(db.pool(), ctx.request().getParam("q"), ctx.request().getParam("departmentId"), limit)
            .onSuccess(l -> Replies.json(ctx, 200, new JsonArray(l.stream().map(User::toJson).toList())))
            .onFailure(ctx::fail);
    }

    private void getUser(RoutingContext ctx) {
        directory.user(db.pool(), ctx.pathParam("id"))
            .map(u -> u.orElseThrow(() -> ProblemException.notFound("user")))
            .onSuccess(u -> Replies.ok(ctx, u.toJson()))
            .onFailure(ctx::fail);
    }

    private void createUser(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        OrgAdmin.UserInput in = userInput(JsonBody.of(ctx), null);
        db.inTransaction(tx -> admin.createUser(tx, me.id(), in))
            .onSuccess(u -> Replies.created(ctx, u.toJson())).onFailure(ctx::fail);
    }

    private void updateUser(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        JsonBody body = JsonBody.of(ctx);
        String id = ctx.pathParam("id");
        db.inTransaction(tx -> directory.user(tx, id).compose(existing -> {
            User u = existing.orElseThrow(() -> ProblemException.notFound("user " + id));
            return admin.updateUser(tx, me.id(), id, userInput(body, u));
        })).onSuccess(u -> Replies.ok(ctx, u.toJson())).onFailure(ctx::fail);
    }

    /** A full input from the body; for PATCH, fields absent from the body keep the existing values. */
    static OrgAdmin.UserInput userInput(JsonBody b, User existing) {
        Set<Role> roles;
        if (b.has("roles") || existing == null) {
            roles = EnumSet.noneOf(Role.class);
            for (String name : b.strings("roles")) {
                Role role = Role.parse(name);
                if (role == null) {
                    throw ProblemException.validation(List.of(new ProblemException.FieldError("roles", "unknown role " + name)));
                }
                roles.add(role);
            }
        } else {
            roles = EnumSet.copyOf(existing.roles());
        }
        roles.remove(Role.EMPLOYEE);
        return new OrgAdmin.UserInput(
            pick(b, "username", existing == null ? null : existing.username()),
            pick(b, "name", existing == null ? null : existing.name()),
            pick(b, "departmentId", existing == null ? null : existing.departmentId()),
            pick(b, "email", existing == null ? null : existing.email()),
            b.json().containsKey("active") ? Boolean.TRUE.equals(b.optBoolean("active")) : existing == null || existing.active(),
            roles);
    }

    private void createDepartment(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        JsonBody b = JsonBody.of(ctx);
        OrgAdmin.DepartmentInput in = new OrgAdmin.DepartmentInput(b.optString("code"), b.optString("name"),
            b.optString("parentId"), b.optString("headId"));
        db.inTransaction(tx -> admin.createDepartment(tx, me.id(), in))
            .onSuccess(d -> Replies.created(ctx, d.toJson())).onFailure(ctx::fail);
    }

    private void updateDepartment(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        JsonBody b = JsonBody.of(ctx);
        String id = ctx.pathParam("id");
        db.inTransaction(tx -> directory.department(tx, id).compose(existing -> {
            Department d = existing.orElseThrow(() -> ProblemException.notFound("department " + id));
            OrgAdmin.DepartmentInput in = new OrgAdmin.DepartmentInput(pick(b, "code", d.code()), pick(b, "name", d.name()),
                pick(b, "parentId", d.parentId()), pick(b, "headId", d.headId()));
            return admin.updateDepartment(tx, me.id(), id, in);
        })).onSuccess(d -> Replies.ok(ctx, d.toJson())).onFailure(ctx::fail);
    }

    private void importOrg(RoutingContext ctx) {
        CurrentUser me = CurrentUser.of(ctx);
        JsonBody b = JsonBody.of(ctx);
        importer.importCsv(me.id(), b.optString("departments"), b.optString("users"))
            .onSuccess(result -> Replies.ok(ctx, result)).onFailure(ctx::fail);
    }

    /** The body's value when the field is present (null clears it), else the fallback. */
    private static String pick(JsonBody b, String field, String fallback) {
        return b.json().containsKey(field) ? b.optString(field) : fallback;
    }
}
