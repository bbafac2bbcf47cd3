package com.sealflow.server.org;

import com.sealflow.server.db.Database;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only questions about people and departments: what the approval engine's approver resolver, auth and
 * the other modules ask. Every method takes the {@link SqlClient} to read with: pass your transaction's
 * connection when inside one (the pool reads outside the transaction: it would not see the transaction's own
 * writes), or {@code db.pool()} otherwise.
 *
 * <p>Levels count departments upwards: level 1 is the user's own department, 2 its parent, and so on.
 */
public final class Directory {

    /** Departments deeper than this are treated as a broken (cyclic) tree. */
    static final int MAX_DEPTH = 64;

    private final OrgStore store;

    public Directory(Database db) {
        this.store = new OrgStore(db);
    }

    Directory(OrgStore store) {
        this.store = store;
    }

    public Future<Optional<User>> user(SqlClient c, String id) {
        return store.user(c, id);
    }

    /**
     * For a statement that reads something else together with its user: the user's columns, to select over {@code users u
     * LEFT JOIN user_roles r ON r.user_id = u.id} joined to it (one row per role); {@link #joinedUser} makes the user.
     */
    public static final String JOINED_USER_COLUMNS = OrgStore.JOINED_USER_COLUMNS;

    /** The user in rows selected with {@link #JOINED_USER_COLUMNS}; empty when they carry none. */
    public static Optional<User> joinedUser(Iterable<Row> rows) {
        return OrgStore.joinedUser(rows);
    }

    public Future<Optional<User>> userByUsername(SqlClient c, String username) {
        return store.users(c, "WHERE username = $1", username).map(l -> l.stream().findFirst());
    }

    /** The users with these ids that exist, in the order asked. */
    public Future<List<User>> users(SqlClient c, Collection<String> ids) {
        return store.usersByIds(c, ids).map(found -> {
            Map<String, User> byId = new LinkedHashMap<>();
            found.forEach(u -> byId.put(u.id(), u));
            List<User> out = new ArrayList<>();
            ids.stream().distinct().forEach(id -> Optional.ofNullable(byId.get(id)).ifPresent(out::add));
            return out;
        });
    }

    /** Active users holding the role (EMPLOYEE: every active user). */
    public Future<List<User>> usersWithRole(SqlClient c, Role role) {
        if (role == Role.EMPLOYEE) {
            return store.users(c, "WHERE active = 1 ORDER BY username");
        }
        return store.users(c, "WHERE active = 1 AND id IN (SELECT user_id FROM user_roles WHERE role = $1) ORDER BY username",
            role.name());
    }

    public Future<Optional<Department>> department(SqlClient c, String id) {
        return store.departments(c, "WHERE id = $1", id).map(l -> l.stream().findFirst());
    }

    public Future<List<Department>> departments(SqlClient c) {
        return store.departments(c, "ORDER BY code");
    }

    public Future<Optional<Department>> departmentOf(SqlClient c, String userId) {
        return user(c, userId).compose(u -> u.isEmpty() || u.get().departmentId() == null
            ? Future.succeededFuture(Optional.empty())
            : department(c, u.get().departmentId()));
    }

    /**
     * The head of the department {@code level} steps up from the user's own (1 = own department's head).
     * Empty when the tree is not that deep or that department has no (active) head.
     */
    public Future<Optional<User>> departmentHead(SqlClient c, String userId, int level) {
        return user(c, userId).compose(u -> u.isEmpty() || u.get().departmentId() == null
            ? Future.succeededFuture(Optional.empty())
            : departmentHeadAbove(c, u.get().departmentId(), level));
    }

    /** Like {@link #departmentHead} but starting from a department (level 1 = that department's head). */
    public Future<Optional<User>> departmentHeadAbove(SqlClient c, String departmentId, int level) {
        if (level < 1) {
            return Future.succeededFuture(Optional.empty());
        }
        return chain(c, departmentId).compose(depts -> {
            if (depts.size() < level || depts.get(level - 1).headId() == null) {
                return Future.succeededFuture(Optional.<User>empty());
            }
            return user(c, depts.get(level - 1).headId()).map(h -> h.filter(User::active));
        });
    }

    /**
     * The heads from the user's department up to {@code upToLevel} levels (DEPT_HEAD_CHAIN), nearest first,
     * skipping vacant departments and repeats (one person heading two levels appears once).
     */
    public Future<List<User>> headsChain(SqlClient c, String userId, int upToLevel) {
        return user(c, userId).compose(u -> {
            if (u.isEmpty() || u.get().departmentId() == null) {
                return Future.succeededFuture(List.<User>of());
            }
            return chain(c, u.get().departmentId()).compose(depts -> {
                List<String> headIds = depts.stream().limit(Math.max(0, upToLevel)).map(Department::headId)
                    .filter(h -> h != null).distinct().toList();
                return users(c, headIds).map(l -> l.stream().filter(User::active).toList());
            });
        });
    }

    /** The department and its ancestors, nearest first. */
    public Future<List<Department>> chain(SqlClient c, String departmentId) {
        List<Department> out = new ArrayList<>();
        return climb(c, departmentId, out).map(v -> out);
    }

    private Future<Void> climb(SqlClient c, String id, List<Department> out) {
        if (id == null || out.size() >= MAX_DEPTH) {
            return Future.succeededFuture();
        }
        return department(c, id).compose(d -> {
            if (d.isEmpty() || out.stream().anyMatch(x -> x.id().equals(id))) {
                return Future.succeededFuture();
            }
            out.add(d.get());
            return climb(c, d.get().parentId(), out);
        });
    }

    /** Directory search by username or name (case-insensitive substring), active users first. */
    public Future<List<User>> search(SqlClient c, String q, String departmentId, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("WHERE 1 = 1");
        if (q != null && !q.isBlank()) {
            String like = "%" + q.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
            where.append(" AND (LOWER(username) LIKE $1 ESCAPE '\\' OR LOWER(name) LIKE $2 ESCAPE '\\')");
        }
        if (departmentId != null && !departmentId.isBlank()) {
            params.add(departmentId);
            where.append(" AND department_id = $").append(params.size());
        }
        where.append(" ORDER BY active DESC, username LIMIT ").append(limit);
        return store.users(c, where.toString(), params.toArray());
    }
}
