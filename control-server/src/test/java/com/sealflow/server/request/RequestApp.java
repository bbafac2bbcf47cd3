package com.sealflow.server.request;

import com.sealflow.server.MutableClock;
import com.sealflow.server.Platform;
import com.sealflow.server.TestHttp;
import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.auth.AuthModule;
import com.sealflow.server.config.ConfigSource;
import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import com.sealflow.server.demo.DemoCompany;
import com.sealflow.server.demo.DemoSeeds;
import com.sealflow.server.file.FileRoutes;
import com.sealflow.server.file.FileService;
import com.sealflow.server.flowapi.SealFlowModule;
import com.sealflow.server.notify.LiveEvents;
import com.sealflow.server.notify.Notifications;
import com.sealflow.server.org.OrgAdmin;
import com.sealflow.server.org.User;
import com.sealflow.server.seal.SealService;
import com.sealflow.server.web.ApiRouter;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.Health;
import com.sealflow.server.web.HttpVerticle;
import com.sealflow.server.web.Idempotency;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server built the way {@code SealFlowServer} builds it: the platform (org directory, audit, auth,
 * idempotency, problem+json), the demo company, and {@link SealFlowModule} (seals, requests, engine, routes, demo
 * seals and flows). Tests act as a demo user by username in the {@code X-Test-User} header (the platform's session
 * login is tested by the platform); every {@link SealActionDue} and {@link SealActionCancelled} is recorded.
 */
public final class RequestApp implements AutoCloseable {

    public final Vertx vertx = Vertx.vertx();
    public final MutableClock clock = new MutableClock();
    public final Database db;
    public final SealFlowModule module;
    public final SealService seals;
    public final RequestService requests;
    public final FileService files;
    public final AuditLog audit;
    public final List<SealActionDue> due = new CopyOnWriteArrayList<>();
    public final List<SealActionCancelled> cancelled = new CopyOnWriteArrayList<>();
    public final Map<String, String> sealIds = new HashMap<>();
    /** username → user id, and back. */
    public final Map<String, String> ids = new HashMap<>();
    public final Map<String, String> usernames = new HashMap<>();
    private final Map<String, CurrentUser> users = new HashMap<>();
    private final HttpVerticle http;

    public RequestApp(Dialect dialect) throws Exception {
        Path dataDir = Files.createTempDirectory("sealflow-req-");
        Map<String, String> env = new HashMap<>();
        env.put("SEALFLOW_DATA_DIR", dataDir.toString());
        env.put("SEALFLOW_PASSWORD_ITERATIONS", "1000");
        ServerConfig config = ServerConfig.load(ConfigSource.ofValues(env));
        db = TestDatabases.open(vertx, dialect);
        audit = new AuditLog(db, clock);
        audit.start(vertx);
        OrgAdmin org = new OrgAdmin(db, audit, clock);
        AuthModule auth = new AuthModule(vertx, db, clock, config, org, audit);
        DemoSeeds demoSeeds = new DemoSeeds();
        LiveEvents live = new LiveEvents(vertx);
        files = new FileService(vertx, db, audit, clock, dataDir);
        Platform platform = new Platform(vertx, config, clock, db, new Health(), audit, org.directory(), files,
            new Notifications(db, clock, live), live, demoSeeds);
        module = SealFlowModule.create(new SealFlowModule.Deps(platform.vertx(), platform.db(), platform.clock(),
            platform.directory(), platform.audit(), platform.files(), platform.notifications(), platform.demoSeeds()));
        seals = module.seals();
        requests = module.requests();
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
        demoSeeds.registerFirst(new DemoCompany(db, org, auth.credentials()));
        demoSeeds.runAll().await(60, TimeUnit.SECONDS);
        for (DemoCompany.Person p : DemoCompany.USERS) {
            User u = org.directory().userByUsername(db.pool(), p.username()).await(10, TimeUnit.SECONDS).orElseThrow();
            ids.put(p.username(), u.id());
            usernames.put(u.id(), p.username());
            users.put(p.username(), new CurrentUser(u.id(), u.username(), u.name(), u.departmentId(), u.roles(),
                CurrentUser.AuthMethod.TOKEN));
        }
        List<ApiRoutes> modules = new ArrayList<>(auth.routes());
        modules.add(new FileRoutes(files, db, config.maxFileBytes()));
        modules.addAll(module.routes());
        Path uploads = Files.createDirectories(dataDir.resolve("uploads"));
        var router = ApiRouter.create(vertx, new ApiRouter.Settings(config.maxBodyBytes(), uploads, false, false),
            ctx -> {
                String who = ctx.request().getHeader("X-Test-User");
                return who == null ? auth.authenticator().authenticate(ctx) : Future.succeededFuture(users.get(who));
            }, new Idempotency(db, clock), new Health(), modules);
        http = new HttpVerticle(router, "127.0.0.1", 0, Duration.ofSeconds(1));
        vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
        seals.list(null, null, null, null, null).await(10, TimeUnit.SECONDS).forEach(s -> sealIds.put(s.code(), s.id()));
    }

    /** A client acting as this demo user. */
    public TestHttp as(String username) {
        return new TestHttp("http://127.0.0.1:" + http.actualPort()).header("X-Test-User", username);
    }

    public TestHttp anonymous() {
        return new TestHttp("http://127.0.0.1:" + http.actualPort());
    }

    public String seal(String code) {
        return sealIds.get(code);
    }

    public String id(String username) {
        return ids.get(username);
    }

    /** The demo user as the routes see them (what {@code X-Test-User} stands for). */
    public CurrentUser user(String username) {
        return users.get(username);
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(20, TimeUnit.SECONDS);
    }
}
