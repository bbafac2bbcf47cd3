package com.sealflow.server.flowapi;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What approver resolution asks of the org directory; adapted from the platform's {@code org.Directory}
 * when it is wired, and an in-memory company in tests.
 */
public interface OrgLookup {

    /** A person as resolution needs them. */
    record Person(String id, String name, String departmentId, Set<String> roles) {
    }

    Future<Optional<Person>> user(SqlClient c, String id);

    Future<List<Person>> withRole(SqlClient c, String role);

    /** The applicant's department head at {@code level} (1 = own department; a head's level 1 is the head above). */
    Future<Optional<Person>> departmentHead(SqlClient c, String userId, int level);

    /** Heads from level 1 up to {@code upToLevel}, nearest first. */
    Future<List<Person>> headsChain(SqlClient c, String userId, int upToLevel);

    Future<Map<String, String>> names(SqlClient c, Collection<String> ids);
}
