package com.sealflow.server.org;

import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.db.Database;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports the organisation from two CSV texts, all or nothing: every row is checked first (422 listing every
 * bad row), then one transaction creates or updates departments (by {@code code}) and users (by
 * {@code username}); nothing is deleted.
 *
 * <pre>
 * departments: code,name,parentCode,headUsername
 * users:       username,name,departmentCode,roles,email,active     (roles separated by ';' or '|')
 * </pre>
 */
public final class OrgImport {

    static final List<String> DEPT_HEADER = List.of("code", "name", "parentCode", "headUsername");
    static final List<String> USER_HEADER = List.of("username", "name", "departmentCode", "roles", "email", "active");

    private final Database db;
    private final OrgAdmin admin;
    private final AuditLog audit;

    public OrgImport(Database db, OrgAdmin admin, AuditLog audit) {
        this.db = db;
        this.admin = admin;
        this.audit = audit;
    }

    record DeptRow(int row, String code, String name, String parentCode, String headUsername) {
    }

    record UserRow(int row, String username, String name, String departmentCode, Set<Role> roles, String email, boolean active) {
    }

    /** Completes with {@code {departments: {created, updated}, users: {created, updated}}}. */
    public Future<JsonObject> importCsv(String actorId, String departmentsCsv, String usersCsv) {
        List<JsonObject> errors = new ArrayList<>();
        List<DeptRow> depts = parseDepartments(departmentsCsv, errors);
        List<UserRow> users = parseUsers(usersCsv, errors);
        return db.inTransaction(tx -> OrgImportCheck.crossCheck(tx, admin.directory(), depts, users, errors).compose(existing -> {
            if (!errors.isEmpty()) {
                throw new ProblemException(422, "validation", "Validation failed",
                    errors.size() + " problem(s) in the import; nothing was imported", new io.vertx.core.json.JsonArray(errors));
            }
            return write(tx, actorId, depts, users, existing);
        }));
    }

    private Future<JsonObject> write(SqlConnection tx, String actorId, List<DeptRow> depts, List<UserRow> users,
                                     OrgImportCheck.Existing existing) {
        Map<String, String> deptIds = new HashMap<>(existing.deptIdByCode());
        Map<String, String> userIds = new HashMap<>(existing.userIdByUsername());
        int[] counts = new int[4];
        Future<?> f = Future.succeededFuture();
        // parents before children: the parent_id foreign key needs them; heads come after the users
        for (DeptRow d : OrgImportCheck.parentsFirst(depts)) {
            f = f.compose(v -> {
                String parentId = d.parentCode() == null ? null : deptIds.get(d.parentCode());
                String id = deptIds.get(d.code());
                String head = id == null ? null : existing.headIdByCode().get(d.code());
                OrgAdmin.DepartmentInput in = new OrgAdmin.DepartmentInput(d.code(), d.name(), parentId, head);
                Future<Department> saved = id == null
                    ? admin.createDepartment(tx, actorId, in) : admin.updateDepartment(tx, actorId, id, in);
                counts[id == null ? 0 : 1]++;
                return saved.map(dep -> deptIds.put(d.code(), dep.id()));
            });
        }
        for (UserRow u : users) {
            f = f.compose(v -> {
                String id = userIds.get(u.username());
                String deptId = u.departmentCode() == null ? null : deptIds.get(u.departmentCode());
                OrgAdmin.UserInput in = new OrgAdmin.UserInput(u.username(), u.name(), deptId, u.email(), u.active(), u.roles());
                Future<User> saved = id == null ? admin.createUser(tx, actorId, in) : admin.updateUser(tx, actorId, id, in);
                counts[id == null ? 2 : 3]++;
                return saved.map(user -> userIds.put(u.username(), user.id()));
            });
        }
        for (DeptRow d : depts) {
            f = f.compose(v -> db.execute(tx, "UPDATE departments SET head_id = $1 WHERE id = $2",
                d.headUsername() == null ? null : userIds.get(d.headUsername()), deptIds.get(d.code())));
        }
        return f.compose(v -> {
            JsonObject result = new JsonObject()
                .put("departments", new JsonObject().put("created", counts[0]).put("updated", counts[1]))
                .put("users", new JsonObject().put("created", counts[2]).put("updated", counts[3]));
            return audit.append(tx, actorId, "org.import", "org", null, result).map(seq -> result);
        });
    }

    static List<DeptRow> parseDepartments(String csv, List<JsonObject> errors) {
        List<DeptRow> out = new ArrayList<>();
        for (Map<String, String> r : rows("departments", csv, DEPT_HEADER, errors)) {
            int row = Integer.parseInt(r.get("#"));
            out.add(new DeptRow(row, blankToNull(r.get("code")), blankToNull(r.get("name")), blankToNull(r.get("parentCode")),
                blankToNull(r.get("headUsername"))));
        }
        return out;
    }

    static List<UserRow> parseUsers(String csv, List<JsonObject> errors) {
        List<UserRow> out = new ArrayList<>();
        for (Map<String, String> r : rows("users", csv, USER_HEADER, errors)) {
            int row = Integer.parseInt(r.get("#"));
            Set<Role> roles = EnumSet.noneOf(Role.class);
            String rolesText = Optional.ofNullable(r.get("roles")).orElse("");
            for (String name : rolesText.split("[;|]")) {
                if (name.isBlank()) {
                    continue;
                }
                Role role = Role.parse(name);
                if (role == null) {
                    errors.add(error("users", row, "roles", "unknown role " + name.trim()));
                } else {
                    roles.add(role);
                }
            }
            String active = Optional.ofNullable(r.get("active")).orElse("").trim().toLowerCase(Locale.ROOT);
            if (!active.isEmpty() && !Set.of("true", "false", "1", "0", "yes", "no").contains(active)) {
                errors.add(error("users", row, "active", "active must be true or false"));
            }
            out.add(new UserRow(row, blankToNull(r.get("username")), blankToNull(r.get("name")), blankToNull(r.get("departmentCode")),
                roles, blankToNull(r.get("email")), active.isEmpty() || Set.of("true", "1", "yes").contains(active)));
        }
        return out;
    }

    private static List<Map<String, String>> rows(String file, String csv, List<String> header, List<JsonObject> errors) {
        List<Map<String, String>> out = new ArrayList<>();
        if (csv == null || csv.isBlank()) {
            return out;
        }
        List<List<String>> rows;
        try {
            rows = Csv.parse(csv);
        } catch (IllegalArgumentException e) {
            errors.add(error(file, 0, null, e.getMessage()));
            return out;
        }
        List<String> head = rows.get(0).stream().map(String::trim).toList();
        if (!head.containsAll(header.subList(0, 2))) {
            errors.add(error(file, 0, null, "the header must name the columns " + String.join(",", header)));
            return out;
        }
        for (int i = 1; i < rows.size(); i++) {
            Map<String, String> m = new HashMap<>();
            for (int c = 0; c < head.size() && c < rows.get(i).size(); c++) {
                m.put(head.get(c), rows.get(i).get(c).trim());
            }
            m.put("#", Integer.toString(i));
            out.add(m);
        }
        return out;
    }

    static JsonObject error(String file, int row, String column, String message) {
        String pointer = "/" + file + "/" + row + (column == null ? "" : "/" + column);
        return new JsonObject().put("pointer", pointer).put("file", file).put("row", row).put("column", column)
            .put("message", message);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
