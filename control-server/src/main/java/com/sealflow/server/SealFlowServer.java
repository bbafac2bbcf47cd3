package com.sealflow.server;

import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.audit.AuditRoutes;
import com.sealflow.server.auth.AuthModule;
import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Databases;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.demo.DemoCompany;
import com.sealflow.server.demo.DemoSeeds;
import com.sealflow.server.device.BrokerAtLaunch;
import com.sealflow.server.file.FileRoutes;
import com.sealflow.server.file.FileService;
import com.sealflow.server.notify.LiveEvents;
import com.sealflow.server.notify.NotifyModule;
import com.sealflow.server.notify.NotifyRoutes;
import com.sealflow.server.org.OrgAdmin;
import com.sealflow.server.org.OrgImport;
import com.sealflow.server.org.OrgRoutes;
import com.sealflow.server.web.ApiRouter;
import com.sealflow.server.web.ApiRoutes;
import com.sealflow.server.web.Health;
import com.sealflow.server.web.HttpMetricsGuard;
import com.sealflow.server.web.HttpVerticle;
import com.sealflow.server.web.Idempotency;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running control server: Vert.x, the database, the modules and the HTTP verticle. {@link #start} blocks
 * until the server listens (call it from main or a test, never from an event loop).
 *
 * <p>Adding a feature module: build it from {@link Platform} in {@link #features}, return its
 * {@link ApiRoutes}, and register its demo seed with {@code platform.demoSeeds()}.
 */
public final class SealFlowServer {

    private static final Logger LOG = LoggerFactory.getLogger(SealFlowServer.class);
    private static final long HOUSEKEEPING_MS = 60_000;

    private final Platform platform;
    private final HttpVerticle http;
    private final String deploymentId;
    private final String setupPath;
    private final NotifyRoutes notifyRoutes;
    private final Features features;
    private NotifyModule notify;
    private volatile AutoCloseable demoDevices;

    private SealFlowServer(Platform platform, HttpVerticle http, String deploymentId, String setupPath, NotifyRoutes notifyRoutes,
                           Features features) {
        this.platform = platform;
        this.http = http;
        this.deploymentId = deploymentId;
        this.setupPath = setupPath;
        this.notifyRoutes = notifyRoutes;
        this.features = features;
    }

    public static SealFlowServer start(ServerConfig config, Clock clock) {
        long t0 = System.nanoTime();
        // Flyway runs beside Vert.x's (and its metrics') start, and on a new database the first admin's password hash
        // beside both (AdminHashAtLaunch); the embedded broker starts on its own threads from here (BrokerAtLaunch)
        // and is awaited only when the server connects to it (Features.start)
        CompletableFuture<AdminHashAtLaunch> migrated = CompletableFuture.supplyAsync(() -> {
            AdminHashAtLaunch adminHash = AdminHashAtLaunch.beginIfNeeded(config);
            Databases.migrate(config.database());
            return adminHash;
        }, r -> new Thread(r, "sealflow-migrations").start());
        BrokerAtLaunch broker = BrokerAtLaunch.begin(config);
        Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
                .setJvmMetricsEnabled(true)
                .setEnabled(true)))
            .withMetrics(HttpMetricsGuard.around(new MicrometerMetricsFactory()))
            .build();
        long tVertx = System.nanoTime();
        try {
            Path uploads = config.dataDir().resolve("tmp").resolve("uploads");
            createDirectories(uploads);
            AdminHashAtLaunch adminHash = join(migrated);
            Database db = Databases.connect(vertx, config.database());
            long tDb = System.nanoTime();
            Health health = new Health();
            health.register("database", () -> db.execute("SELECT 1"));
            AuditLog audit = new AuditLog(db, clock);
            audit.start(vertx);
            OrgAdmin orgAdmin = new OrgAdmin(db, audit, clock);
            LiveEvents live = new LiveEvents(vertx);
            NotifyModule notify = NotifyModule.create(vertx, config, clock, db, orgAdmin.directory(), audit, live);
            Platform platform = new Platform(vertx, config, clock, db, health, audit, orgAdmin.directory(),
                new FileService(vertx, db, audit, clock, config.dataDir()), notify.notifications(), live, new DemoSeeds());
            Idempotency idempotency = new Idempotency(db, clock);
            AuthModule auth = new AuthModule(vertx, db, clock, config, orgAdmin, audit);
            // the first admin's password hash is slow on purpose (and slower while the JIT is cold): begun at launch on
            // a new database, otherwise on the hashing pool while the modules are built and the broker awaited; done
            // before HTTP opens. The demo company makes its own admin, so with it the first admin comes after the seeds
            Future<String> firstAdmin = config.demo() ? null
                : auth.firstAdmin().ensure(config.adminUsername(), config.adminPassword(), adminHash.made(vertx));
            NotifyRoutes notifyRoutes = new NotifyRoutes(vertx, platform.notifications());

            List<ApiRoutes> modules = new ArrayList<>(auth.routes());
            modules.add(new OrgRoutes(db, orgAdmin, new OrgImport(db, orgAdmin, audit)));
            modules.add(new AuditRoutes(audit));
            modules.add(new FileRoutes(platform.files(), db, config.maxFileBytes()));
            modules.add(notifyRoutes);
            modules.add(notify.routes());
            Features features = Features.create(platform, broker);
            features.wireNotify(notify);
            modules.addAll(features.routes());

            if (config.demo()) {
                platform.demoSeeds().registerFirst(new DemoCompany(db, orgAdmin, auth.credentials()));
                platform.demoSeeds().runAll().await(60, TimeUnit.SECONDS);
            }
            long tSeed = System.nanoTime();
            if (firstAdmin == null) {
                firstAdmin = auth.firstAdmin().ensure(config.adminUsername(), config.adminPassword());
            }
            // the server's MQTT link connects (and the relays start) while the router is built
            CompletableFuture<Void> linked = CompletableFuture.runAsync(() -> {
                features.start();
                notify.start();
            }, r -> new Thread(r, "sealflow-link").start());
            Router router = ApiRouter.create(vertx,
                new ApiRouter.Settings(config.maxBodyBytes(), uploads, config.secureCookies(), true),
                auth.authenticator(), idempotency, health, modules);
            long tRouter = System.nanoTime();
            join(linked);
            long tLinked = System.nanoTime();
            String setupPath = firstAdmin.await(120, TimeUnit.SECONDS);
            long tAdmin = System.nanoTime();
            // an HTTP event loop per core on PostgreSQL; on SQLite one: with the readers beside the one writer, a loop
            // per core measured no lower p99 nor CPU per operation for 100 people (docs/benchmarks.md, 2026-11-28), as
            // every write still queues for the writer
            int httpInstances = db.dialect() == Dialect.POSTGRES ? Runtime.getRuntime().availableProcessors() : 1;
            HttpVerticle.Deployed deployed = HttpVerticle.deploy(vertx, router, config.httpHost(), config.httpPort(),
                config.shutdownGrace(), httpInstances).await(30, TimeUnit.SECONDS);
            HttpVerticle http = deployed.first();
            String id = deployed.deploymentId();
            vertx.setPeriodic(HOUSEKEEPING_MS, t -> idempotency.purge().compose(n -> auth.purge())
                .onFailure(e -> LOG.warn("housekeeping failed", e)));
            SealFlowServer server = new SealFlowServer(platform, http, id, setupPath, notifyRoutes, features);
            server.notify = notify;
            if (config.demo() && config.demoDevices()) {
                server.demoDevices = DemoDevicesLauncher.start(platform, features.devices(), server.url());
            }
            Banner.print(server.url(), config, setupPath);
            long tEnd = System.nanoTime();
            LOG.info("started in {} ms: vert.x+metrics {} ms, database+migrations {} ms, modules+seeds {} ms, router {} ms, "
                    + "broker+link after the router {} ms, first admin {} ms, http {} ms", ms(t0, tEnd), ms(t0, tVertx), ms(tVertx, tDb),
                ms(tDb, tSeed), ms(tSeed, tRouter), ms(tRouter, tLinked), ms(tLinked, tAdmin), ms(tAdmin, tEnd));
            return server;
        } catch (Exception e) {
            vertx.close();
            broker.stopAfterFailedStart();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("start-up failed", e);
        }
    }

    /** The value of a step run beside the main thread; its own exception if it failed. */
    private static <T> T join(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    public int port() {
        return http.actualPort();
    }

    /** The HTTP router with every mounted route (tests walk it). */
    public Router router() {
        return http.router();
    }

    public String url() {
        return "http://localhost:" + port();
    }

    /** {@code /setup?token=...} when the server started without any admin, else null. */
    public String setupPath() {
        return setupPath;
    }

    public Platform platform() {
        return platform;
    }

    /** The device module (benchmarks observe the event intake through its sink). */
    public com.sealflow.server.device.DeviceModule devices() {
        return features.devices();
    }

    /** The evidence module (benchmarks wrap its intake to time each event's commit). */
    public com.sealflow.server.evidence.EvidenceModule evidence() {
        return features.evidence();
    }

    /** Graceful stop: readiness goes DOWN, no new connections, requests in flight drain, then the pool closes. */
    public void stopAndWait() {
        long grace = platform.config().shutdownGrace().toMillis();
        try {
            platform.health().markShuttingDown();
            if (demoDevices != null) {
                demoDevices.close();
            }
            notifyRoutes.closeStreams();
            platform.vertx().undeploy(deploymentId).await(grace + 5000, TimeUnit.MILLISECONDS);
            features.stop();
            if (notify != null) {
                notify.stop();
            }
            platform.db().close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("unclean shutdown", e);
        } finally {
            try {
                platform.vertx().close().await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("vert.x did not close", e);
            }
            LOG.info("SealFlow control server stopped");
        }
    }
}
