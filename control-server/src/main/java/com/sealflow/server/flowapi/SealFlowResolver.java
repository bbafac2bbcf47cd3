package com.sealflow.server.flowapi;

import com.sealflow.server.approval.ApproverResolver;
import com.sealflow.server.approval.ResolveContext;
import com.sealflow.server.db.Database;
import com.sealflow.server.seal.SealService;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Resolves approver specs for the engine: roles and department heads from the org directory, SEAL_CUSTODIAN from the
 * seal registry (custodians then backups of the request's seals, fact {@code sealIds}, else {@code sealId}). Plugged
 * into the engine as its {@link ApproverResolver} by {@link #asEngineResolver()}.
 */
public final class SealFlowResolver {

    private final Database db;
    private final OrgLookup org;
    private final SealService seals;

    public SealFlowResolver(Database db, OrgLookup org, SealService seals) {
        this.db = db;
        this.org = org;
        this.seals = seals;
    }

    public ApproverResolver asEngineResolver() {
        return EngineModel.resolver(this);
    }

    /** {@code spec}: the engine's approver spec by component (type, role, level, upToLevel, …). */
    public Future<List<String>> resolve(Map<String, Object> spec, ResolveContext context) {
        var client = context.client() == null ? db.pool() : context.client();
        String applicant = context.applicantId();
        String type = String.valueOf(spec.get("type"));
        Integer level = spec.get("level") instanceof Integer l ? l : null;
        Integer upTo = spec.get("upToLevel") instanceof Integer u ? u : null;
        return switch (type) {
            case "ROLE" -> spec.get("role") == null ? Future.succeededFuture(List.of())
                : org.withRole(client, String.valueOf(spec.get("role"))).map(l -> l.stream().map(OrgLookup.Person::id).toList());
            case "DEPT_HEAD" -> org.departmentHead(client, applicant, level == null ? 1 : level)
                .map(o -> o.map(p -> List.of(p.id())).orElse(List.of()));
            case "DEPT_HEAD_CHAIN" -> org.headsChain(client, applicant, upTo == null ? 1 : upTo)
                .map(l -> l.stream().map(OrgLookup.Person::id).distinct().toList());
            case "SEAL_CUSTODIAN" -> seals.custodiansOf(client, sealIds(context.facts()));
            default -> Future.succeededFuture(List.of());
        };
    }

    public Future<Map<String, String>> displayNames(Collection<String> userIds) {
        return org.names(db.pool(), userIds);
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
