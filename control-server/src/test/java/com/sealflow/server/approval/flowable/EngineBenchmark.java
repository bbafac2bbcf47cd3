package com.sealflow.server.approval.flowable;

import com.sealflow.server.approval.ActionResult;
import com.sealflow.server.approval.ApprovalCommand;
import com.sealflow.server.approval.ApprovalEngine;
import com.sealflow.server.approval.DemoRequests;
import com.sealflow.server.approval.FlowJson;
import com.sealflow.server.approval.StartCommand;
import com.sealflow.server.db.CpuMeter;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.DatabaseConfig;
import com.sealflow.server.db.Databases;
import com.sealflow.server.db.TestDatabases;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;

/**
 * SealFlow's engine against Flowable 8.0.0 on one embedded PostgreSQL server (a database each): a sequence of five
 * single-approver tasks, {@code threads} clients each starting an instance and approving its five tasks, one after
 * another. Prints completed instances per second and SQL statements per action (start or approve) for both, and the
 * ratio. Flowable runs two equivalent models: five plain user tasks, and SealFlow's BPMN export of the same flow.
 * Each engine is called the way its API is made to be called, with the same number of instances in flight: Flowable's
 * blocking API from {@code threads} client threads; SealFlow's asynchronous API from {@code threads} chains of futures
 * on the Vert.x event loops, as the server's HTTP handlers call it. A fourth line drives SealFlow from blocking client
 * threads too ({@code -Dbench.async=false} makes that the only way).
 *
 * <p>Run: {@code ./mvnw -B -pl control-server -am -Dskip.web=true -DskipTests -Pbench-engine test}; arguments
 * (system properties) {@code bench.threads} (4), {@code bench.warmup} (seconds per engine, 10), {@code bench.seconds}
 * (measured seconds per engine, 30, taken in 5 s slices round robin so that the machine's load drifts alike for all).
 */
public final class EngineBenchmark {

    static final int TASKS = 5;
    /** {@code -Dbench.async=false}: SealFlow's clients block on each action, as Flowable's do (also printed as a fourth line). */
    static final boolean ASYNC = Boolean.parseBoolean(System.getProperty("bench.async", "true"));
    private static Vertx VERTX;

    private EngineBenchmark() {
    }

    /** One engine under load: run one instance to its end; statements issued so far. */
    interface Subject {
        void runOneInstance(String client);

        /** Whether {@link #runOneInstanceAsync} is offered (engines with an asynchronous API). */
        default boolean async() {
            return false;
        }

        /** The same as a chain of futures, completed when the instance has ended. */
        default io.vertx.core.Future<Void> runOneInstanceAsync(String client) {
            throw new UnsupportedOperationException("blocking API only");
        }

        long statements();

        /** CPU spent by this JVM and by the engine's database backends. */
        CpuMeter meter();
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.threads", 4);
        int warmup = Integer.getInteger("bench.warmup", 10);
        int seconds = Integer.getInteger("bench.seconds", 30);
        System.out.printf("engine benchmark %s: %d threads, %d s warm-up, %d s measured, %d cores, load average %.2f%n",
            Instant.now(), threads, warmup, seconds, Runtime.getRuntime().availableProcessors(),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // bench.eventLoops: Vert.x event loops, one per core (Vert.x's default is two: with nothing that blocks on them, the
        // second per core only adds thread switches)
        int loops = Integer.getInteger("bench.eventLoops", Runtime.getRuntime().availableProcessors());
        Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(loops));
        DatabaseConfig sealflowDb = TestDatabases.postgresConfig();
        VERTX = vertx;
        Database db = Databases.open(vertx, sealflowDb);
        List<ProcessEngine> engines = new ArrayList<>();
        try {
            Subject sealflow = sealflow(db, new CpuMeter(sealflowDb));
            if (Boolean.getBoolean("bench.sealflowOnly")) {
                profileSealflow(sealflow, threads, warmup, seconds);
            } else {
                // throughput without the counting proxy; statements per action from twins with it, after the timed rounds
                DatabaseConfig plainDb = TestDatabases.postgresConfig();
                DatabaseConfig exportedDb = TestDatabases.postgresConfig();
                engines.add(flowableOn("plain", plainDb, threads, false));
                engines.add(flowableOn("export", exportedDb, threads, false));
                engines.add(flowableOn("plain-counted", TestDatabases.postgresConfig(), threads, true));
                engines.add(flowableOn("export-counted", TestDatabases.postgresConfig(), threads, true));
                List<String> names = List.of("SealFlow", "Flowable 8.0.0, 5 user tasks", "Flowable 8.0.0, SealFlow's BPMN export",
                    "SealFlow, blocking client threads");
                List<Subject> subjects = List.of(sealflow, flowable(engines.get(0), "five", plainBpmn(), Map.of(), new CpuMeter(plainDb)),
                    flowable(engines.get(1), "five-tasks", DemoRequests.bpmn(fiveTaskFlow()), exportVars(), new CpuMeter(exportedDb)),
                    blocking(sealflow));
                compare(names, subjects, List.of(sealflow, flowable(engines.get(2), "five", plainBpmn(), Map.of(), null),
                    flowable(engines.get(3), "five-tasks", DemoRequests.bpmn(fiveTaskFlow()), exportVars(), null), sealflow), threads,
                    warmup, seconds);
            }
        } finally {
            close(engines, db, vertx);
        }
        System.exit(0);
    }

    private static void close(List<ProcessEngine> engines, Database db, Vertx vertx) throws Exception {
        for (ProcessEngine e : engines) {
            e.close();
        }
        db.close().await(30, TimeUnit.SECONDS);
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    /** The timed rounds of every subject, then statements per action from {@code counted} (twins behind the proxy). */
    private static void compare(List<String> names, List<Subject> subjects, List<Subject> counted, int threads, int warmup,
                                int seconds) throws InterruptedException {
        for (Subject s : subjects) {
            run(s, threads, warmup, () -> 0);
        }
        // round robin in slices, so that a change in the machine's load touches every engine alike
        int slices = Math.max(1, seconds / 5);
        long[][] totals = new long[subjects.size()][4];
        for (int slice = 0; slice < slices; slice++) {
            for (int i = 0; i < subjects.size(); i++) {
                long[] m = measure(subjects.get(i), threads, Math.max(1, seconds / slices));
                for (int k = 0; k < m.length; k++) {
                    totals[i][k] += m[k];
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            long[] t = totals[i];
            long[] c = countStatements(counted.get(i));
            Result r = new Result(t[0] / (t[1] / 1e9), c[1] / (double) (c[0] * (TASKS + 1)), (t[2] / 1e6 + t[3]) / t[0]);
            results.add(r);
            System.out.printf("%-40s %8.1f completed instances/s  %5.1f SQL statements per action  (%d instances in %.1f s)"
                + "  CPU per instance: client JVM %.2f ms + PostgreSQL %.2f ms%n", names.get(i), r.perSecond(),
                r.statementsPerAction(), t[0], t[1] / 1e9, t[2] / 1e6 / t[0], t[3] / (double) t[0]);
        }
        System.out.printf("ratio SealFlow / Flowable (5 user tasks): %.1fx instances/s; statements per action %.1f vs %.1f%n",
            results.get(0).perSecond() / results.get(1).perSecond(), results.get(0).statementsPerAction(),
            results.get(1).statementsPerAction());
        System.out.printf("ratio SealFlow / Flowable (BPMN export): %.1fx instances/s%n",
            results.get(0).perSecond() / results.get(2).perSecond());
        System.out.printf("CPU per instance, Flowable / SealFlow: %.1fx (5 user tasks), %.1fx (BPMN export)%n",
            results.get(1).cpuMillis() / results.get(0).cpuMillis(), results.get(2).cpuMillis() / results.get(0).cpuMillis());
        System.out.printf("with blocking client threads, SealFlow / Flowable (5 user tasks): %.1fx instances/s, CPU per instance %.1fx%n",
            results.get(3).perSecond() / results.get(1).perSecond(), results.get(1).cpuMillis() / results.get(3).cpuMillis());
        System.out.printf("load average at the end %.2f%n",
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** {@code cpuMillis}: CPU per completed instance, client JVM plus the engine's database backends. */
    record Result(double perSecond, double statementsPerAction, double cpuMillis) {
    }

    /** {@code -Dbench.sealflowOnly=true}: SealFlow alone (for a profiler attached to this JVM); no ratio. */
    private static void profileSealflow(Subject s, int threads, int warmup, int seconds) throws InterruptedException {
        run(s, threads, warmup, () -> 0);
        System.out.println("measuring SealFlow alone");
        long[] m = measure(s, threads, seconds);
        System.out.println("measured");
        System.out.printf("%-40s %8.1f completed instances/s  (%d instances in %.1f s)  CPU per instance: client JVM %.2f ms"
            + " + PostgreSQL %.2f ms%n", "SealFlow", m[0] / (m[1] / 1e9), m[0], m[1] / 1e9, m[2] / 1e6 / m[0], m[3] / (double) m[0]);
    }

    private static ProcessEngine flowableOn(String name, DatabaseConfig c, int threads, boolean count) {
        return FlowableEngines.postgres(name, c.url(), c.user(), c.password(), threads * 2, count);
    }

    /** Instances run and statements issued by 20 instances after 5 unmeasured ones, on one thread. */
    static long[] countStatements(Subject s) {
        for (int i = 0; i < 5; i++) {
            s.runOneInstance("count");
        }
        long before = s.statements();
        for (int i = 0; i < 20; i++) {
            s.runOneInstance("count");
        }
        return new long[] {20, s.statements() - before};
    }

    /** One measured slice: instances completed, nanoseconds, JVM CPU nanoseconds, database backend CPU milliseconds. */
    static long[] measure(Subject s, int threads, int seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long[] cpu = s.meter().now();
        long start = System.nanoTime();
        run(s, threads, seconds, done::incrementAndGet);
        long nanos = System.nanoTime() - start;
        long[] cpuAfter = s.meter().now();
        return new long[] {done.get(), nanos, cpuAfter[0] - cpu[0], cpuAfter[1] - cpu[1]};
    }

    private static void run(Subject s, int threads, int seconds, LongSupplier onDone) throws InterruptedException {
        if (ASYNC && s.async()) {
            runAsync(s, threads, seconds, onDone);
            return;
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < threads; i++) {
            String client = "c" + i;
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        s.runOneInstance(client);
                        onDone.getAsLong();
                    }
                } catch (RuntimeException | Error e) {
                    errors.add(e);
                }
            }, "bench-" + client);
            clients.add(t);
            t.start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : clients) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("a client failed", errors.get(0));
        }
    }

    /**
     * {@code -Dbench.async=true}: each of the {@code clients} is a chain of futures on its own Vert.x event loop (as the
     * server's HTTP handlers call the engine) instead of a thread blocking on every action; same number in flight.
     */
    private static void runAsync(Subject s, int clients, int seconds, LongSupplier onDone) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(clients);
        List<String> deployments = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < clients; i++) {
            String client = "c" + i;
            // a verticle per client: each gets its own context, the event loops taken in turn
            deployments.add(VERTX.deployVerticle(new io.vertx.core.AbstractVerticle() {
                @Override
                public void start() {
                    loop(s, client, stop, onDone, errors, ended);
                }
            }).await());
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        ended.await();
        for (String id : deployments) {
            VERTX.undeploy(id).await();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("a client failed", errors.get(0));
        }
    }

    private static void loop(Subject s, String client, AtomicBoolean stop, LongSupplier onDone, List<Throwable> errors,
                             java.util.concurrent.CountDownLatch ended) {
        if (stop.get()) {
            ended.countDown();
            return;
        }
        s.runOneInstanceAsync(client).onComplete(ar -> {
            if (ar.failed()) {
                errors.add(ar.cause());
                ended.countDown();
                return;
            }
            onDone.getAsLong();
            loop(s, client, stop, onDone, errors, ended);
        });
    }

    /** start → a1 … a5 (one approver each: u1 … u5) → end. */
    static String fiveTaskFlow() {
        StringBuilder json = new StringBuilder("{\"key\": \"five-tasks\", \"name\": \"five tasks\", \"root\": {\"id\": \"start\", "
            + "\"type\": \"START\", \"name\": \"start\"");
        for (int i = 1; i <= TASKS; i++) {
            json.append(", \"next\": {\"id\": \"a").append(i).append("\", \"type\": \"APPROVAL\", \"name\": \"a").append(i)
                .append("\", \"approvers\": {\"type\": \"USERS\", \"userIds\": [\"u").append(i).append("\"]}");
        }
        return json.append("}".repeat(TASKS + 1)).append('}').toString();
    }

    static Subject sealflow(Database db, CpuMeter meter) {
        ApprovalEngine engine = new ApprovalEngine(db, DemoRequests.demoOrg(), Clock.systemUTC());
        engine.saveDraft(FlowJson.parse(fiveTaskFlow()), "admin").await();
        engine.publish("five-tasks", "admin").await();
        AtomicLong ids = new AtomicLong();
        return new Subject() {
            @Override
            public void runOneInstance(String client) {
                ActionResult r = engine.start(new StartCommand("five-tasks", "b" + ids.incrementAndGet(), client, Map.of(), null)).await();
                for (int i = 0; i < TASKS; i++) {
                    r = engine.execute(new ApprovalCommand.Approve(r.newTaskIds().get(0), "u" + (i + 1), null), null).await();
                }
            }

            @Override
            public boolean async() {
                return true;
            }

            @Override
            public io.vertx.core.Future<Void> runOneInstanceAsync(String client) {
                io.vertx.core.Future<ActionResult> r = engine.start(new StartCommand("five-tasks", "b" + ids.incrementAndGet(), client,
                    Map.of(), null));
                for (int i = 0; i < TASKS; i++) {
                    String user = "u" + (i + 1);
                    r = r.compose(x -> engine.execute(new ApprovalCommand.Approve(x.newTaskIds().get(0), user, null), null));
                }
                return r.mapEmpty();
            }

            @Override
            public long statements() {
                return engine.statementCount();
            }

            @Override
            public CpuMeter meter() {
                return meter;
            }
        };
    }

    /** The same engine driven by blocking client threads only. */
    static Subject blocking(Subject s) {
        return new Subject() {
            @Override
            public void runOneInstance(String client) {
                s.runOneInstance(client);
            }

            @Override
            public long statements() {
                return s.statements();
            }

            @Override
            public CpuMeter meter() {
                return s.meter();
            }
        };
    }

    private static Map<String, Object> exportVars() {
        Map<String, Object> vars = new java.util.HashMap<>();
        for (int i = 1; i <= TASKS; i++) {
            vars.put("approvers_a" + i, new ArrayList<>(List.of("u" + i)));
        }
        return vars;
    }

    static String plainBpmn() {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<definitions xmlns="
            + "\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:flowable=\"http://flowable.org/bpmn\" targetNamespace=\"bench\">"
            + "<process id=\"five\" isExecutable=\"true\"><startEvent id=\"start\"/>");
        String prev = "start";
        for (int i = 1; i <= TASKS; i++) {
            x.append("<userTask id=\"a").append(i).append("\" flowable:assignee=\"u").append(i).append("\"/>");
            x.append("<sequenceFlow id=\"f").append(i).append("\" sourceRef=\"").append(prev).append("\" targetRef=\"a").append(i)
                .append("\"/>");
            prev = "a" + i;
        }
        return x.append("<endEvent id=\"end\"/><sequenceFlow id=\"f_end\" sourceRef=\"").append(prev)
            .append("\" targetRef=\"end\"/></process></definitions>").toString();
    }

    /** {@code vars}: the start variables the model needs (the export: who approves each node). */
    static Subject flowable(ProcessEngine engine, String processKey, String bpmn, Map<String, Object> vars, CpuMeter meter) {
        FlowableEngines.deploy(engine, processKey + ".bpmn20.xml", bpmn);
        TaskService tasks = engine.getTaskService();
        return new Subject() {
            @Override
            public void runOneInstance(String client) {
                String id = engine.getRuntimeService().startProcessInstanceByKey(processKey, vars).getId();
                for (int i = 0; i < TASKS; i++) {
                    Task t = tasks.createTaskQuery().processInstanceId(id).singleResult();
                    tasks.complete(t.getId(), Map.of("approved", true));
                }
            }

            @Override
            public long statements() {
                return FlowableEngines.statements(engine);
            }

            @Override
            public CpuMeter meter() {
                return meter;
            }
        };
    }
}
