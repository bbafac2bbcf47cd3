package com.sealflow.server.org;

import com.sealflow.server.db.Database;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The org tables' SQL. Every method takes the client to run on: the pool, or the caller's transaction. */
final class OrgStore {

    static final String USER_COLUMNS = "id, username, name, department_id, email, active";
    static final String DEPT_COLUMNS = "id, code, name, parent_id, head_id";

    private final Database db;

    OrgStore(Database db) {
        this.db = db;
    }

    Database db() {
        return db;
    }

    Future<List<User>> users(SqlClient c, String where, Object... params) {
        return db.execute(c, "SELECT " + USER_COLUMNS + " FROM users " + where, params).compose(rs -> withRoles(c, rs));
    }

    /**
     * The columns of a user and its roles in a statement that joins {@code users u LEFT JOIN user_roles r ON r.user_id =
     * u.id}: one row per role, the role null when the user has none beyond EMPLOYEE.
     */
    static final String JOINED_USER_COLUMNS = "u.id AS id, u.username AS username, u.name AS name, "
        + "u.department_id AS department_id, u.email AS email, u.active AS active, r.role AS role";

    /** One user with its roles, in one statement. */
    Future<Optional<User>> user(SqlClient c, String id) {
        return db.execute(c, "SELECT " + JOINED_USER_COLUMNS + " FROM users u LEFT JOIN user_roles r ON r.user_id = u.id "
            + "WHERE u.id = $1", id).map(OrgStore::joinedUser);
    }

    /** The user in rows read with {@link #JOINED_USER_COLUMNS}; empty when no row carries one (a LEFT JOIN that found none). */
    static Optional<User> joinedUser(Iterable<Row> rows) {
        Row first = null;
        Set<Role> roles = EnumSet.of(Role.EMPLOYEE);
        for (Row r : rows) {
            if (r.getString("id") == null) {
                continue;
            }
            first = first == null ? r : first;
            Role role = Role.parse(r.getString("role"));
            if (role != null) {
                roles.add(role);
            }
        }
        return first == null ? Optional.empty() : Optional.of(user(first, roles));
    }

    private static User user(Row r, Set<Role> roles) {
        return new User(r.getString("id"), r.getString("username"), r.getString("name"), r.getString("department_id"),
            r.getString("email"), r.getInteger("active") != 0, roles);
    }

    Future<List<User>> usersByIds(SqlClient c, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return users(c, "WHERE id IN (" + placeholders(1, ids.size()) + ")", ids.toArray());
    }

    Future<List<Department>> departments(SqlClient c, String where, Object... params) {
        return db.execute(c, "SELECT " + DEPT_COLUMNS + " FROM departments " + where, params).map(rs -> {
            List<Department> out = new ArrayList<>();
            for (Row r : rs) {
                out.add(new Department(r.getString("id"), r.getString("code"), r.getString("name"),
                    r.getString("parent_id"), r.getString("head_id")));
            }
            return out;
        });
    }

    Future<Void> setRoles(SqlClient c, String userId, Set<Role> roles) {
        Future<?> f = db.execute(c, "DELETE FROM user_roles WHERE user_id = $1", userId);
        for (Role r : roles) {
            f = f.compose(v -> db.execute(c, "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)", userId, r.name()));
        }
        return f.mapEmpty();
    }

    private Future<List<User>> withRoles(SqlClient c, RowSet<Row> rs) {
        List<Row> rows = new ArrayList<>();
        rs.forEach(rows::add);
        if (rows.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        List<String> ids = rows.stream().map(r -> r.getString("id")).toList();
        return db.execute(c, "SELECT user_id, role FROM user_roles WHERE user_id IN (" + placeholders(1, ids.size()) + ")",
                ids.toArray())
            .map(roleRows -> {
                Map<String, Set<Role>> roles = new HashMap<>();
                for (Row r : roleRows) {
                    Role role = Role.parse(r.getString("role"));
                    if (role != null) {
                        roles.computeIfAbsent(r.getString("user_id"), k -> EnumSet.noneOf(Role.class)).add(role);
                    }
                }
                List<User> out = new ArrayList<>(rows.size());
                for (Row r : rows) {
                    Set<Role> rr = roles.getOrDefault(r.getString("id"), EnumSet.noneOf(Role.class));
                    rr.add(Role.EMPLOYEE);
                    out.add(user(r, rr));
                }
                return out;
            });
    }

    static String placeholders(int from, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ", ").append('$').append(from + i);
        }
        return sb.toString();
    }
}
