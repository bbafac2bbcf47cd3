package com.sealflow.server.request;

import com.sealflow.server.TestHttp;
import com.sealflow.server.MutableClock;
import com.sealflow.server.approval.ApprovalEngine;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import com.sealflow.server.flowapi.DemoSetup;
import com.sealflow.server.flowapi.FlowRoutes;
import com.sealflow.server.flowapi.OrgLookup;
import com.sealflow.server.flowapi.SealFlowResolver;
import com.sealflow.server.flowapi.TaskRoutes;
import com.sealflow.server.seal.SealRoutes;
import com.sealflow.server.seal.SealService;
import com.sealflow.server.web.ApiRouter;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.Health;
import com.sealflow.server.web.HttpVerticle;
import com.sealflow.server.web.Idempotency;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real HTTP server with the platform's router (body limits, problem+json, idempotency) and the seal, request, flow
 * and task modules on a fresh database, the demo company (in memory, callers named by the {@code X-Test-User} header)
 * and the demo seals and flows installed. Records every {@link SealActionDue} and {@link SealActionCancelled}.
 */
public final class RequestApp implements AutoCloseable {

    public final Vertx vertx = Vertx.vertx();
    public final MutableClock clock = new MutableClock();
    public final TestOrg org = new TestOrg();
    public final Database db;
    public final SealService seals;
    public final ApprovalEngine engine;
    public final RequestService requests;
    public final List<SealActionDue> due = new CopyOnWriteArrayList<>();
    public final List<SealActionCancelled> cancelled = new CopyOnWriteArrayList<>();
    public final Map<String, String> sealIds = new HashMap<>();
    private final HttpVerticle http;

    public RequestApp(Dialect dialect) throws Exception {
        db = TestDatabases.open(vertx, dialect);
        seals = new SealService(db, ids -> Future.succeededFuture(ids.stream().filter(id -> !org.people.containsKey(id))
            .collect(Collectors.toSet())), clock);
        SealFlowResolver resolver = new SealFlowResolver(db, org, seals);
        engine = new ApprovalEngine(db, resolver, clock);
        requests = new RequestService(db, seals, new EngineApprovals(engine, resolver), clock, ZoneId.of("Asia/Shanghai"));
        engine.onEvent(requests.approvalEvents());
        requests.setSealActionListener(new SealActionListener() {
            @Override
            public Future<Void> sealActionDue(SqlConnection conn, SealActionDue d) {
                due.add(d);
                return Future.succeededFuture();
            }

            @Override
            public Future<Void> sealActionCancelled(SqlConnection conn, SealActionCancelled c) {
                cancelled.add(c);
                return Future.succeededFuture();
            }
        });
        RequestQueries queries = new RequestQueries(db, seals, new EngineApprovals(engine, resolver), requests);
        List<ApiRoutes> modules = List.of(new SealRoutes(seals), new RequestRoutes(requests, queries),
            new FlowRoutes(engine, applicant -> org.user(null, applicant).map(p -> {
                Map<String, Object> facts = new HashMap<>();
                p.ifPresent(x -> {
                    facts.put("applicant.departmentId", x.departmentId());
                    facts.put("applicant.roles", List.copyOf(x.roles()));
                });
                return facts;
            })), new TaskRoutes(engine, requests, resolver));
        Path uploads = Files.createTempDirectory("sealflow-uploads-");
        var router = ApiRouter.create(vertx, new ApiRouter.Settings(256 * 1024, uploads, false, false),
            ctx -> Future.succeededFuture(user(ctx.request().getHeader("X-Test-User"))), new Idempotency(db, clock), new Health(), modules);
        http = new HttpVerticle(router, "127.0.0.1", 0, Duration.ofSeconds(1));
        vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
        new DemoSetup(engine, seals).install(org.ids()).await(30, TimeUnit.SECONDS);
        seals.list(null, null, null, null, null).await(10, TimeUnit.SECONDS).forEach(s -> sealIds.put(s.code(), s.id()));
    }

    private CurrentUser user(String id) {
        OrgLookup.Person p = id == null ? null : org.people.get(id);
        if (p == null) {
            return null;
        }
        Set<Role> roles = new HashSet<>();
        p.roles().forEach(r -> roles.add(Role.valueOf(r)));
        roles.add(Role.EMPLOYEE);
        return new CurrentUser(p.id(), p.id(), p.name(), p.departmentId(), roles, CurrentUser.AuthMethod.TOKEN);
    }

    /** A client acting as this demo user. */
    public TestHttp as(String userId) {
        return new TestHttp("http://127.0.0.1:" + http.actualPort()).header("X-Test-User", userId);
    }

    public String seal(String code) {
        return sealIds.get(code);
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(20, TimeUnit.SECONDS);
    }
}
