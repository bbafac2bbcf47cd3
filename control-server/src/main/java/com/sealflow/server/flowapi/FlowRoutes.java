package com.sealflow.server.flowapi;

import static com.sealflow.server.request.ApprovalProblems.guard;
import static com.sealflow.server.request.ApprovalProblems.reply;

import com.sealflow.server.approval.ApprovalEngine;
import com.sealflow.server.approval.FlowJson;
import com.sealflow.server.approval.FlowSummary;
import com.sealflow.server.approval.Simulation;
import com.sealflow.server.request.ApprovalProblems;
import com.sealflow.server.seal.DomainException;
import com.sealflow.server.seal.Fields;
import com.sealflow.server.web.Access;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.JsonBody;
import com.sealflow.server.web.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /api/flows}: everyone logged in reads flows; flow admins save drafts, publish and simulate for anyone. */
public final class FlowRoutes implements ApiRoutes {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    /** Simulation form entries that are request facts in their own right, not custom fields. */
    private static final Set<String> REQUEST_FACTS = Set.of("documentType", "sealType", "sealId", "sealIds", "copies", "takeOut");

    private final ApprovalEngine engine;
    private final ApplicantFacts applicants;

    public FlowRoutes(ApprovalEngine engine, ApplicantFacts applicants) {
        this.engine = engine;
        this.applicants = applicants;
    }

    @Override
    public void mount(Router r) {
        r.get("/api/flows").handler(Access.requireAuth()).handler(ctx ->
            reply(ctx, engine.flows(), 200, l -> new JsonArray(l.stream().map(FlowRoutes::summary).toList())));
        r.get("/api/flows/:key").handler(Access.requireAuth()).handler(ctx -> guard(ctx, () ->
            reply(ctx, engine.flow(key(ctx)).map(FlowJson::write), 200, JsonObject::new)));
        r.put("/api/flows/:key/draft").handler(Access.requireRole(Role.FLOW_ADMIN, Role.ADMIN)).handler(ctx -> guard(ctx, () -> {
            JsonObject body = JsonBody.of(ctx).json();
            String key = key(ctx);
            if (body.containsKey("key") && !key.equals(body.getValue("key"))) {
                throw DomainException.invalid("key", "must match the key in the path");
            }
            reply(ctx, engine.saveDraft(FlowJson.parse(body.copy().put("key", key).encode()), CurrentUser.of(ctx).id()), 200,
                FlowRoutes::summary);
        }));
        r.post("/api/flows/:key/publish").handler(Access.requireRole(Role.FLOW_ADMIN, Role.ADMIN)).handler(ctx -> guard(ctx, () ->
            reply(ctx, engine.publish(key(ctx), CurrentUser.of(ctx).id()), 200,
                v -> new JsonObject().put("key", v.key()).put("version", v.version()))));
        r.get("/api/flows/:key/versions/:v").handler(Access.requireAuth()).handler(ctx -> guard(ctx, () ->
            reply(ctx, engine.version(key(ctx), version(ctx)).map(FlowJson::write), 200, JsonObject::new)));
        r.get("/api/flows/:key/versions/:v/bpmn").handler(Access.requireAuth()).handler(ctx -> guard(ctx, () ->
            engine.exportBpmn(key(ctx), version(ctx))
                .onSuccess(xml -> ctx.response().putHeader("Content-Type", "application/xml; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + key(ctx) + "-v" + version(ctx) + ".bpmn\"").end(xml))
                .onFailure(e -> ctx.fail(ApprovalProblems.problem(e)))));
        r.post("/api/flows/:key/simulate").handler(Access.requireAuth()).handler(this::simulate);
    }

    @Override
    public String openApiFragment() {
        return "openapi/flow.json";
    }

    private void simulate(RoutingContext ctx) {
        guard(ctx, () -> {
            CurrentUser me = CurrentUser.of(ctx);
            Fields f = new Fields(JsonBody.of(ctx).json());
            Integer version = f.integer("version", false, 1, Integer.MAX_VALUE);
            String applicantId = f.text("applicantId", false, 64);
            JsonObject form = f.object("form");
            f.check();
            String applicant = applicantId == null ? me.id() : applicantId;
            if (!applicant.equals(me.id()) && !me.hasAnyRole(Role.FLOW_ADMIN, Role.ADMIN)) {
                throw DomainException.forbidden("only flow admins simulate for other applicants");
            }
            Map<String, Object> facts = facts(form == null ? new JsonObject() : form);
            reply(ctx, applicants.of(applicant).compose(a -> {
                facts.putAll(a);
                return engine.simulate(key(ctx), version, applicant, facts);
            }), 200, FlowRoutes::simulation);
        });
    }

    /** Form values as facts: request facts by name, {@code amount} as a decimal, every value also as {@code form.<key>}. */
    static Map<String, Object> facts(JsonObject form) {
        Map<String, Object> facts = new HashMap<>();
        for (Map.Entry<String, Object> e : form.getMap().entrySet()) {
            Object v = e.getValue() instanceof JsonArray a ? a.getList() : e.getValue();
            if ("amount".equals(e.getKey()) && v != null) {
                try {
                    facts.put("amount", new BigDecimal(v.toString()));
                } catch (NumberFormatException ex) {
                    throw DomainException.invalid("form.amount", "must be a decimal amount");
                }
            } else if (REQUEST_FACTS.contains(e.getKey())) {
                facts.put(e.getKey(), v);
            }
            facts.put("form." + e.getKey(), v);
        }
        return facts;
    }

    private static JsonObject simulation(Simulation s) {
        JsonArray path = new JsonArray();
        for (Simulation.Step step : s.path()) {
            JsonArray approvers = new JsonArray();
            step.approvers().forEach(u -> approvers.add(new JsonObject().put("id", u.id()).put("name", u.name())));
            JsonArray branches = new JsonArray();
            if (step.branches() != null) {
                step.branches().forEach(b -> branches.add(new JsonObject().put("branchId", b.branchId()).put("name", b.name())
                    .put("taken", b.taken()).put("reason", b.reason())));
            }
            path.add(new JsonObject().put("nodeId", step.nodeId()).put("name", step.name()).put("type", String.valueOf(step.type()))
                .put("mode", step.mode() == null ? null : String.valueOf(step.mode())).put("approvers", approvers)
                .put("branches", branches).put("note", step.note()));
        }
        return new JsonObject().put("flowKey", s.flowKey()).put("version", s.version()).put("path", path);
    }

    private static JsonObject summary(FlowSummary s) {
        return new JsonObject().put("key", s.key()).put("name", s.name()).put("latestVersion", s.latestVersion())
            .put("hasDraft", s.hasDraft()).put("draftUpdatedAt", s.draftUpdatedAt());
    }

    private static String key(RoutingContext ctx) {
        String key = ctx.pathParam("key");
        if (key == null || !KEY.matcher(key).matches()) {
            throw DomainException.notFound("flow");
        }
        return key;
    }

    private static int version(RoutingContext ctx) {
        try {
            int v = Integer.parseInt(ctx.pathParam("v"));
            if (v < 1) {
                throw DomainException.notFound("flow version");
            }
            return v;
        } catch (NumberFormatException e) {
            throw DomainException.notFound("flow version");
        }
    }
}
