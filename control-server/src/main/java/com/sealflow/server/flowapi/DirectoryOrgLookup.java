package com.sealflow.server.flowapi;

import com.sealflow.server.org.Department;
import com.sealflow.server.org.Directory;
import com.sealflow.server.org.User;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link OrgLookup} over the platform's directory. One difference on purpose: the engine expects a department
 * head's own "level 1" head to be the head above (a head does not approve their own request), while the
 * directory counts levels from the user's own department; so for a head the chain starts one level higher.
 */
public final class DirectoryOrgLookup implements OrgLookup {

    private final Directory directory;

    public DirectoryOrgLookup(Directory directory) {
        this.directory = directory;
    }

    @Override
    public Future<Optional<Person>> user(SqlClient c, String id) {
        return directory.user(c, id).map(o -> o.filter(User::active).map(DirectoryOrgLookup::person));
    }

    @Override
    public Future<List<Person>> withRole(SqlClient c, String role) {
        Role r = Role.parse(role);
        if (r == null) {
            return Future.succeededFuture(List.of());
        }
        return directory.usersWithRole(c, r).map(l -> l.stream().map(DirectoryOrgLookup::person).toList());
    }

    @Override
    public Future<Optional<Person>> departmentHead(SqlClient c, String userId, int level) {
        return headsChain(c, userId, level).map(l -> l.size() >= level && level >= 1 ? Optional.of(l.get(level - 1)) : Optional.empty());
    }

    @Override
    public Future<List<Person>> headsChain(SqlClient c, String userId, int upToLevel) {
        return directory.user(c, userId).compose(u -> {
            if (u.isEmpty() || u.get().departmentId() == null) {
                return Future.succeededFuture(List.<Person>of());
            }
            return directory.chain(c, u.get().departmentId()).compose(depts -> {
                List<Department> above = new ArrayList<>(depts);
                if (!above.isEmpty() && userId.equals(above.get(0).headId())) {
                    above.remove(0);
                }
                List<String> heads = above.stream().limit(Math.max(0, upToLevel)).map(Department::headId).toList();
                List<String> present = heads.stream().filter(h -> h != null).toList();
                return directory.users(c, present).map(users -> {
                    Map<String, User> byId = users.stream().filter(User::active).collect(Collectors.toMap(User::id, x -> x, (a, b) -> a));
                    List<Person> out = new ArrayList<>();
                    for (String h : heads) {
                        if (h != null && byId.containsKey(h) && !h.equals(userId)) {
                            out.add(person(byId.get(h)));
                        }
                    }
                    return out;
                });
            });
        });
    }

    @Override
    public Future<Map<String, String>> names(SqlClient c, Collection<String> ids) {
        return directory.users(c, ids.stream().filter(x -> x != null).distinct().toList()).map(users -> {
            Map<String, String> out = new LinkedHashMap<>();
            ids.forEach(id -> out.put(id, id));
            users.forEach(u -> out.put(u.id(), u.name()));
            return out;
        });
    }

    private static Person person(User u) {
        return new Person(u.id(), u.name(), u.departmentId(), u.roles().stream().map(Enum::name).collect(Collectors.toSet()));
    }
}
