package com.sealflow.server.flowapi;

import com.sealflow.server.approval.ApprovalEngine;
import com.sealflow.server.approval.FlowJson;
import com.sealflow.server.seal.Actor;
import com.sealflow.server.seal.SealService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The demo company's seals and flows (DESIGN §7), installed at demo start. Idempotent: a flow that has a published
 * version and a seal whose code exists are left alone, so restarts and several nodes change nothing.
 */
public final class DemoSetup {

    private static final Actor SYSTEM = new Actor("system", null, Set.of("ADMIN"));

    private final ApprovalEngine engine;
    private final SealService seals;

    public DemoSetup(ApprovalEngine engine, SealService seals) {
        this.engine = engine;
        this.seals = seals;
    }

    /** {@code userIds}: demo username → user id (wushi, zhengyi, sunba, zhoujiu are needed). */
    public Future<Void> install(Map<String, String> userIds) {
        return publishFlows(userIds).compose(v -> registerSeals(userIds));
    }

    Future<Void> publishFlows(Map<String, String> userIds) {
        return engine.flows().compose(existing -> {
            Future<Void> chain = Future.succeededFuture();
            for (String json : List.of(DemoFlows.sealUse(userIds), DemoFlows.takeOut(userIds))) {
                String key = new JsonObject(json).getString("key");
                boolean published = existing.stream().anyMatch(f -> f.key().equals(key) && f.latestVersion() > 0);
                if (!published) {
                    chain = chain.compose(v -> engine.saveDraft(FlowJson.parse(json), SYSTEM.id()))
                        .compose(s -> engine.publish(key, SYSTEM.id())).mapEmpty();
                }
            }
            return chain;
        });
    }

    Future<Void> registerSeals(Map<String, String> userIds) {
        Function<String, String> id = name -> {
            String v = userIds.get(name);
            if (v == null) {
                throw new IllegalArgumentException("demo user " + name + " is missing");
            }
            return v;
        };
        List<JsonObject> demo = List.of(
            seal("GZ-001", "公章", "OFFICIAL", id.apply("wushi"), "CAB-01", 1, "3101150000001", List.of()),
            seal("HT-001", "合同专用章", "CONTRACT", id.apply("wushi"), "CAB-01", 2, "3101150000002", List.of("CONTRACT", "AGREEMENT")),
            seal("FR-001", "法定代表人章", "LEGAL_REP", id.apply("wushi"), "CAB-01", 3, "3101150000003", List.of()),
            seal("CW-001", "财务专用章", "FINANCE", id.apply("zhengyi"), "SD-01", null, "3101150000004",
                List.of("FINANCIAL_STATEMENT", "INVOICE", "CERTIFICATE", "OTHER")),
            seal("FP-001", "发票专用章", "INVOICE", id.apply("zhengyi"), "SD-02", null, "3101150000005", List.of("INVOICE")));
        return seals.list(SYSTEM, null, null, null, null).compose(existing -> {
            Future<Void> chain = Future.succeededFuture();
            for (JsonObject s : demo) {
                if (existing.stream().noneMatch(e -> e.code().equals(s.getString("code")))) {
                    chain = chain.compose(v -> seals.register(SYSTEM, s).mapEmpty());
                }
            }
            return chain;
        });
    }

    private static JsonObject seal(String code, String name, String type, String custodian, String device, Integer slot,
                                   String filing, List<String> allowed) {
        return new JsonObject().put("code", code).put("name", name).put("type", type).put("custodianId", custodian)
            .put("deviceId", device).put("slot", slot).put("filingCode", filing).put("allowedDocumentTypes", new JsonArray(allowed));
    }
}
