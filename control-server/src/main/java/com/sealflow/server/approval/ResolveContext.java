package com.sealflow.server.approval;

import io.vertx.sqlclient.SqlClient;
import java.util.Map;

/**
 * What a resolver knows when it resolves an approver spec: the applicant, the instance's facts (e.g. {@code sealIds}
 * for SEAL_CUSTODIAN) and the connection of the running transaction (the pool during simulation), so a resolver that
 * reads its own module's tables sees the same snapshot.
 */
public record ResolveContext(String applicantId, Map<String, Object> facts, SqlClient client) {
}
