package com.sealflow.server.flowapi;

import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.db.Database;
import com.sealflow.server.demo.DemoSeeds;
import com.sealflow.server.file.FileService;
import com.sealflow.server.notify.Notifications;
import com.sealflow.server.org.Directory;
import com.sealflow.server.approval.ApprovalEngine;
import com.sealflow.server.demo.DemoCompany;
import com.sealflow.server.demo.DemoSeed;
import com.sealflow.server.org.User;
import com.sealflow.server.request.EngineApprovals;
import com.sealflow.server.request.RequestQueries;
import com.sealflow.server.request.RequestRoutes;
import com.sealflow.server.request.RequestService;
import com.sealflow.server.seal.HttpGlue;
import com.sealflow.server.seal.SealChanged;
import com.sealflow.server.seal.SealRoutes;
import com.sealflow.server.seal.SealService;
import com.sealflow.server.web.ApiRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires seals, requests, the approval engine and their HTTP routes from the platform, in one place so
 * {@code SealFlowServer.features} adds: {@code SealFlowModule m = SealFlowModule.create(new SealFlowModule.Deps(p.vertx(),
 * p.db(), p.clock(), p.directory(), p.audit(), p.files(), p.notifications(), p.demoSeeds()));
 * features.addAll(m.routes());}.
 * The device module then calls {@code m.requests().setSealActionListener(...)}, {@code m.queries().setEvidence(...)}
 * and {@code m.seals().addListener(...)}.
 */
public final class SealFlowModule {

    private static final Logger LOG = LoggerFactory.getLogger(SealFlowModule.class);
    /** Request numbers follow the company's calendar day. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final long TIMER_MS = 1000;

    private final SealService seals;
    private final ApprovalEngine engine;
    private final RequestService requests;
    private final RequestQueries queries;
    private final List<ApiRoutes> routes;

    private SealFlowModule(SealService seals, ApprovalEngine engine, RequestService requests, RequestQueries queries,
                           List<ApiRoutes> routes) {
        this.seals = seals;
        this.engine = engine;
        this.requests = requests;
        this.queries = queries;
        this.routes = routes;
    }

    /** What the module needs from the platform (the root package's {@code Platform} record, unpacked). */
    public record Deps(Vertx vertx, Database db, Clock clock, Directory directory, AuditLog audit, FileService files,
                       Notifications notifications, DemoSeeds demoSeeds) {
    }

    public static SealFlowModule create(Deps p) {
        OrgLookup org = new DirectoryOrgLookup(p.directory());
        SealService seals = new SealService(p.db(), ids -> p.directory().users(p.db().pool(), ids).map(found -> {
            var known = found.stream().filter(User::active).map(User::id).collect(Collectors.toSet());
            return ids.stream().filter(id -> !known.contains(id)).collect(Collectors.toSet());
        }), p.clock());
        seals.addListener((conn, e) -> p.audit().append(conn, e.actorId(), "seal." + e.kind().name().toLowerCase(Locale.ROOT),
            "seal", e.after().id(), audit(e)).mapEmpty());
        SealFlowResolver resolver = new SealFlowResolver(p.db(), org, seals);
        ApprovalEngine engine = new ApprovalEngine(p.db(), resolver, p.clock());
        EngineApprovals approvals = new EngineApprovals(engine, resolver);
        RequestService requests = new RequestService(p.db(), seals, approvals, p.clock(), ZONE);
        engine.onEvent(requests.approvalEvents());
        engine.onEvent(new ApprovalNotices(p.notifications(), requests));
        requests.setAudit((conn, requestId, actorId, kind, detail) -> p.audit().append(conn, actorId == null ? "system" : actorId,
            "request." + kind.toLowerCase(Locale.ROOT), "request", requestId, detail).mapEmpty());
        requests.setAttachmentCheck((applicant, fileIds) -> {
            Set<String> refused = new HashSet<>();
            Future<Void> chain = Future.succeededFuture();
            for (String fileId : fileIds) {
                chain = chain.compose(v -> p.files().find(p.db().pool(), fileId).map(f -> {
                    if (f.isEmpty() || !applicant.equals(f.get().ownerId())) {
                        refused.add(fileId);
                    }
                    return null;
                }));
            }
            return chain.map(refused);
        });
        p.files().registerAccessPolicy((user, file) -> requests.access().mayReadFile(HttpGlue.actor(user), file.id()));
        RequestQueries queries = new RequestQueries(p.db(), seals, approvals, requests);
        List<ApiRoutes> routes = List.of(new SealRoutes(seals), new RequestRoutes(requests, queries),
            new FlowRoutes(engine, applicant -> org.user(p.db().pool(), applicant).map(o -> applicantFacts(o.orElse(null)))),
            new TaskRoutes(engine, requests, resolver));
        p.demoSeeds().register(new DemoSeed() {
            @Override
            public String name() {
                return "seals and flows";
            }

            @Override
            public Future<Void> seed() {
                return demoUserIds(p).compose(ids -> new DemoSetup(engine, seals).install(ids));
            }
        });
        // timers are claimed in the database, so every node may poll: each timeout still acts once
        p.vertx().setPeriodic(TIMER_MS, t -> engine.processDueTimers(100)
            .onFailure(e -> LOG.warn("approval timers failed: {}", e.toString())));
        return new SealFlowModule(seals, engine, requests, queries, routes);
    }

    private static Future<Map<String, String>> demoUserIds(Deps p) {
        Map<String, String> ids = new HashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (DemoCompany.Person person : DemoCompany.USERS) {
            chain = chain.compose(v -> p.directory().userByUsername(p.db().pool(), person.username())
                .map(u -> {
                    u.ifPresent(x -> ids.put(person.username(), x.id()));
                    return null;
                }));
        }
        return chain.map(ids);
    }

    private static Map<String, Object> applicantFacts(OrgLookup.Person person) {
        if (person == null) {
            throw com.sealflow.server.seal.DomainException.invalid("applicantId", "no such user");
        }
        Map<String, Object> facts = new HashMap<>();
        facts.put("applicant.departmentId", person.departmentId());
        facts.put("applicant.roles", List.copyOf(person.roles()));
        return facts;
    }

    private static JsonObject audit(SealChanged e) {
        return new JsonObject().put("code", e.after().code()).put("status", e.after().status().name())
            .put("before", e.before() == null ? null : e.before().status().name());
    }

    public List<ApiRoutes> routes() {
        return routes;
    }

    public SealService seals() {
        return seals;
    }

    public ApprovalEngine engine() {
        return engine;
    }

    public RequestService requests() {
        return requests;
    }

    public RequestQueries queries() {
        return queries;
    }
}
