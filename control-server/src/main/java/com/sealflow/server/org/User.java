package com.sealflow.server.org;

import com.sealflow.server.web.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** A person in the organisation. Roles beyond EMPLOYEE grant powers (DESIGN §1). */
public record User(String id, String username, String name, String departmentId, String email, boolean active, Set<Role> roles) {

    public User {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public JsonObject toJson() {
        JsonArray r = new JsonArray();
        roles.stream().map(Enum::name).sorted().forEach(r::add);
        return new JsonObject().put("id", id).put("username", username).put("name", name)
            .put("departmentId", departmentId).put("email", email).put("active", active).put("roles", r);
    }

    /** {@code {id, name}}: how other resources refer to a person (approvers, assignees). */
    public JsonObject toRef() {
        return new JsonObject().put("id", id).put("name", name);
    }
}
