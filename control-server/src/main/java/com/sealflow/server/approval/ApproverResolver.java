package com.sealflow.server.approval;

import com.sealflow.server.approval.model.ApproverSpec;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SPI implemented by the org directory and the seal module: turns ROLE, DEPT_HEAD {level, of}, DEPT_HEAD_CHAIN
 * {upToLevel} and SEAL_CUSTODIAN specs into user ids, in order (DEPT_HEAD_CHAIN: level 1 first). USERS, APPLICANT,
 * APPLICANT_SELECT and FORM_FIELD are resolved by the engine and never reach the resolver. An empty list is a valid
 * answer (the node's {@code onEmpty} applies). DEPT_HEAD level 1 of a department head is expected to be the head above.
 */
public interface ApproverResolver {

    Future<List<String>> resolve(ApproverSpec spec, ResolveContext context);

    /** Display names for simulation output; defaults to the ids. */
    default Future<Map<String, String>> displayNames(Collection<String> userIds) {
        Map<String, String> names = new LinkedHashMap<>();
        userIds.forEach(id -> names.put(id, id));
        return Future.succeededFuture(names);
    }

    /** As {@link #displayNames(Collection)}, read on {@code reads} (a connection the caller holds) where the names are read. */
    default Future<Map<String, String>> displayNames(SqlClient reads, Collection<String> userIds) {
        return displayNames(userIds);
    }
}
