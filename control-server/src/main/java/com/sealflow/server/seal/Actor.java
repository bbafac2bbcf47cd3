package com.sealflow.server.seal;

import java.util.Set;

/** Who is acting, as the seal and request modules need to know it: id, department and roles. */
public record Actor(String id, String departmentId, Set<String> roles) {

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean hasAny(String... anyOf) {
        for (String r : anyOf) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** The registry is managed by seal admins and system admins. */
    public boolean sealAdmin() {
        return hasAny("SEAL_ADMIN", "ADMIN");
    }
}
