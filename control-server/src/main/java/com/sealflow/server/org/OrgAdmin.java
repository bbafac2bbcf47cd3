package com.sealflow.server.org;

import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.ProblemException.FieldError;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Changes to the organisation (admin CRUD, demo seed, first-admin setup). Each method runs in the caller's
 * transaction, validates (422 with {@code errors[]}) and writes an audit row.
 */
public final class OrgAdmin {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,63}");
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final OrgStore store;
    private final Directory directory;
    private final AuditLog audit;
    private final Clock clock;

    public OrgAdmin(Database db, AuditLog audit, Clock clock) {
        this.store = new OrgStore(db);
        this.directory = new Directory(store);
        this.audit = audit;
        this.clock = clock;
    }

    /** What a department should be; {@code id} null to create one. */
    public record DepartmentInput(String code, String name, String parentId, String headId) {
    }

    /** What a user should be. */
    public record UserInput(String username, String name, String departmentId, String email, boolean active, Set<Role> roles) {
    }

    public Directory directory() {
        return directory;
    }

    public Future<Department> createDepartment(SqlConnection tx, String actorId, DepartmentInput in) {
        String id = Ids.newId();
        return validate(tx, id, in).compose(v -> {
            long now = clock.millis();
            return store.db().execute(tx, "INSERT INTO departments (id, code, name, parent_id, head_id, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7)", id, in.code(), in.name(), in.parentId(), in.headId(), now, now);
        }).compose(v -> audit.append(tx, actorId, "org.department.create", "department", id, depJson(in)))
            .map(v -> new Department(id, in.code(), in.name(), in.parentId(), in.headId()));
    }

    public Future<Department> updateDepartment(SqlConnection tx, String actorId, String id, DepartmentInput in) {
        return directory.department(tx, id).compose(existing -> {
            if (existing.isEmpty()) {
                throw ProblemException.notFound("department " + id);
            }
            return validate(tx, id, in);
        }).compose(v -> store.db().execute(tx, "UPDATE departments SET code = $1, name = $2, parent_id = $3, head_id = $4,"
                + " updated_at = $5 WHERE id = $6", in.code(), in.name(), in.parentId(), in.headId(), clock.millis(), id))
            .compose(v -> audit.append(tx, actorId, "org.department.update", "department", id, depJson(in)))
            .map(v -> new Department(id, in.code(), in.name(), in.parentId(), in.headId()));
    }

    private Future<Void> validate(SqlConnection tx, String id, DepartmentInput in) {
        List<FieldError> errors = new ArrayList<>();
        if (in.code() == null || !CODE.matcher(in.code()).matches()) {
            errors.add(new FieldError("code", "code: 1-64 letters, digits, '.', '_' or '-'"));
        }
        if (in.name() == null || in.name().isBlank() || in.name().length() > 100) {
            errors.add(new FieldError("name", "name is required (at most 100 characters)"));
        }
        if (id.equals(in.parentId())) {
            errors.add(new FieldError("parentId", "a department cannot be its own parent"));
        }
        if (!errors.isEmpty()) {
            return Future.failedFuture(ProblemException.validation(errors));
        }
        Future<?> codeFree = store.departments(tx, "WHERE code = $1 AND id <> $2", in.code(), id).map(l -> {
            if (!l.isEmpty()) {
                errors.add(new FieldError("code", "code " + in.code() + " is taken"));
            }
            return null;
        });
        Future<?> parentOk = in.parentId() == null ? Future.succeededFuture() : directory.chain(tx, in.parentId()).map(chain -> {
            if (chain.isEmpty()) {
                errors.add(new FieldError("parentId", "no such department"));
            } else if (chain.stream().anyMatch(d -> d.id().equals(id))) {
                errors.add(new FieldError("parentId", "the parent is inside this department: that would make a cycle"));
            }
            return null;
        });
        Future<?> headOk = in.headId() == null ? Future.succeededFuture() : directory.user(tx, in.headId()).map(u -> {
            if (u.isEmpty()) {
                errors.add(new FieldError("headId", "no such user"));
            }
            return null;
        });
        return codeFree.compose(v -> parentOk).compose(v -> headOk).compose(v -> errors.isEmpty()
            ? Future.succeededFuture() : Future.failedFuture(ProblemException.validation(errors)));
    }

    public Future<User> createUser(SqlConnection tx, String actorId, UserInput in) {
        String id = Ids.newId();
        return validate(tx, id, in).compose(v -> {
            long now = clock.millis();
            return store.db().execute(tx, "INSERT INTO users (id, username, name, department_id, email, active, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", id, in.username(), in.name(), in.departmentId(), in.email(),
                in.active() ? 1 : 0, now, now);
        }).compose(v -> store.setRoles(tx, id, in.roles()))
            .compose(v -> audit.append(tx, actorId, "org.user.create", "user", id, userJson(in)))
            .compose(v -> directory.user(tx, id)).map(u -> u.orElseThrow());
    }

    public Future<User> updateUser(SqlConnection tx, String actorId, String id, UserInput in) {
        return directory.user(tx, id).compose(existing -> {
            if (existing.isEmpty()) {
                throw ProblemException.notFound("user " + id);
            }
            return validate(tx, id, in);
        }).compose(v -> store.db().execute(tx, "UPDATE users SET username = $1, name = $2, department_id = $3, email = $4,"
                + " active = $5, updated_at = $6 WHERE id = $7", in.username(), in.name(), in.departmentId(), in.email(),
                in.active() ? 1 : 0, clock.millis(), id))
            .compose(v -> store.setRoles(tx, id, in.roles()))
            .compose(v -> audit.append(tx, actorId, "org.user.update", "user", id, userJson(in)))
            .compose(v -> directory.user(tx, id)).map(u -> u.orElseThrow());
    }

    private Future<Void> validate(SqlConnection tx, String id, UserInput in) {
        List<FieldError> errors = new ArrayList<>();
        if (in.username() == null || !USERNAME.matcher(in.username()).matches()) {
            errors.add(new FieldError("username", "username: 2-64 letters, digits, '.', '_' or '-'"));
        }
        if (in.name() == null || in.name().isBlank() || in.name().length() > 100) {
            errors.add(new FieldError("name", "name is required (at most 100 characters)"));
        }
        if (in.email() != null && !EMAIL.matcher(in.email()).matches()) {
            errors.add(new FieldError("email", "not an email address"));
        }
        if (!errors.isEmpty()) {
            return Future.failedFuture(ProblemException.validation(errors));
        }
        Future<?> free = store.users(tx, "WHERE username = $1 AND id <> $2", in.username(), id).map(l -> {
            if (!l.isEmpty()) {
                errors.add(new FieldError("username", "username " + in.username() + " is taken"));
            }
            return null;
        });
        Future<?> dept = in.departmentId() == null ? Future.succeededFuture() : directory.department(tx, in.departmentId()).map(d -> {
            if (d.isEmpty()) {
                errors.add(new FieldError("departmentId", "no such department"));
            }
            return null;
        });
        return free.compose(v -> dept).compose(v -> errors.isEmpty()
            ? Future.succeededFuture() : Future.failedFuture(ProblemException.validation(errors)));
    }

    static JsonObject depJson(DepartmentInput in) {
        return new JsonObject().put("code", in.code()).put("name", in.name()).put("parentId", in.parentId()).put("headId", in.headId());
    }

    static JsonObject userJson(UserInput in) {
        return new JsonObject().put("username", in.username()).put("name", in.name()).put("departmentId", in.departmentId())
            .put("email", in.email()).put("active", in.active())
            .put("roles", new io.vertx.core.json.JsonArray(in.roles().stream().map(Enum::name).sorted().toList()));
    }

    static Set<Role> roles(Set<Role> in) {
        return in == null || in.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(in);
    }
}
