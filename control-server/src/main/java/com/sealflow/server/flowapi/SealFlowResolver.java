package com.sealflow.server.flowapi;

import com.sealflow.server.approval.ApproverResolver;
import com.sealflow.server.approval.ResolveContext;
import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.db.Database;
import com.sealflow.server.seal.SealService;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Resolves approver specs for the engine: roles and department heads from the org directory, SEAL_CUSTODIAN from the
 * seal registry (custodians then backups of the request's seals, fact {@code sealIds}, else {@code sealId}). Plugged
 * into the engine as its {@link ApproverResolver}.
 */
public final class SealFlowResolver implements ApproverResolver {

    private final Database db;
    private final OrgLookup org;
    private final SealService seals;

    public SealFlowResolver(Database db, OrgLookup org, SealService seals) {
        this.db = db;
        this.org = org;
        this.seals = seals;
    }

    @Override
    public Future<List<String>> resolve(ApproverSpec spec, ResolveContext context) {
        var client = context.client() == null ? db.pool() : context.client();
        String applicant = context.applicantId();
        Integer level = spec.level();
        Integer upTo = spec.upToLevel();
        return switch (spec.type()) {
            case ROLE -> spec.role() == null ? Future.succeededFuture(List.of())
                : org.withRole(client, spec.role()).map(l -> l.stream().map(OrgLookup.Person::id).toList());
            case DEPT_HEAD -> org.departmentHead(client, applicant, level == null ? 1 : level)
                .map(o -> o.map(p -> List.of(p.id())).orElse(List.of()));
            case DEPT_HEAD_CHAIN -> org.headsChain(client, applicant, upTo == null ? 1 : upTo)
                .map(l -> l.stream().map(OrgLookup.Person::id).distinct().toList());
            case SEAL_CUSTODIAN -> seals.custodiansOf(client, sealIds(context.facts()));
            default -> Future.succeededFuture(List.of());
        };
    }

    @Override
    public Future<Map<String, String>> displayNames(Collection<String> userIds) {
        return org.names(db.pool(), userIds);
    }

    @Override
    public Future<Map<String, String>> displayNames(SqlClient reads, Collection<String> userIds) {
        return org.names(reads, userIds);
    }

    private static List<String> sealIds(Map<String, Object> facts) {
        if (facts == null) {
            return List.of();
        }
        Object many = facts.get("sealIds");
        if (many instanceof Collection<?> c) {
            return c.stream().filter(x -> x != null).map(Object::toString).toList();
        }
        Object one = facts.get("sealId");
        return one == null ? List.of() : List.of(one.toString());
    }
}
