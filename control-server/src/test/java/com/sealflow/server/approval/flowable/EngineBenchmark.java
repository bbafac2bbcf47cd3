package com.sealflow.server.approval.flowable;

import com.sealflow.server.approval.ActionResult;
import com.sealflow.server.approval.ApprovalCommand;
import com.sealflow.server.approval.ApprovalEngine;
import com.sealflow.server.approval.DemoRequests;
import com.sealflow.server.approval.FlowJson;
import com.sealflow.server.approval.StartCommand;
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
 *
 * <p>Run: {@code ./mvnw -B -pl control-server -am -Dskip.web=true -DskipTests -Pbench-engine test}; arguments
 * (system properties) {@code bench.threads} (4), {@code bench.warmup} (seconds per engine, 10), {@code bench.seconds}
 * (measured seconds per engine, 30, taken in 5 s slices round robin so that the machine's load drifts alike for all).
 */
public final class EngineBenchmark {

    static final int TASKS = 5;

    private EngineBenchmark() {
    }

    /** One engine under load: run one instance to its end; statements issued so far. */
    interface Subject {
        void runOneInstance(String client);

        long statements();
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.threads", 4);
        int warmup = Integer.getInteger("bench.warmup", 10);
        int seconds = Integer.getInteger("bench.seconds", 30);
        System.out.printf("engine benchmark %s: %d threads, %d s warm-up, %d s measured, %d cores, load average %.2f%n",
            Instant.now(), threads, warmup, seconds, Runtime.getRuntime().availableProcessors(),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Vertx vertx = Vertx.vertx();
        Database db = Databases.open(vertx, TestDatabases.postgresConfig());
        // throughput without the counting proxy; statements per action from twins with it, after the timed rounds
        ProcessEngine plain = flowableOn("plain", threads, false);
        ProcessEngine exported = flowableOn("export", threads, false);
        ProcessEngine plainCounted = flowableOn("plain-counted", threads, true);
        ProcessEngine exportCounted = flowableOn("export-counted", threads, true);
        try {
            List<String> names = List.of("SealFlow", "Flowable 8.0.0, 5 user tasks", "Flowable 8.0.0, SealFlow's BPMN export");
            List<Subject> subjects = List.of(sealflow(db), flowable(plain, "five", plainBpmn(), Map.of()),
                flowable(exported, "five-tasks", DemoRequests.bpmn(fiveTaskFlow()), exportVars()));
            for (Subject s : subjects) {
                run(s, threads, warmup, () -> 0);
            }
            // round robin in slices, so that a change in the machine's load touches every engine alike
            int slices = Math.max(1, seconds / 5);
            long[][] totals = new long[subjects.size()][2];
            for (int slice = 0; slice < slices; slice++) {
                for (int i = 0; i < subjects.size(); i++) {
                    long[] m = measure(subjects.get(i), threads, Math.max(1, seconds / slices));
                    for (int k = 0; k < 2; k++) {
                        totals[i][k] += m[k];
                    }
                }
            }
            List<Subject> counted = List.of(subjects.get(0), flowable(plainCounted, "five", plainBpmn(), Map.of()),
                flowable(exportCounted, "five-tasks", DemoRequests.bpmn(fiveTaskFlow()), exportVars()));
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < subjects.size(); i++) {
                long[] t = totals[i];
                long[] c = countStatements(counted.get(i));
                Result r = new Result(t[0] / (t[1] / 1e9), c[1] / (double) (c[0] * (TASKS + 1)));
                results.add(r);
                System.out.printf("%-40s %8.1f completed instances/s  %5.1f SQL statements per action  (%d instances in %.1f s)%n",
                    names.get(i), r.perSecond(), r.statementsPerAction(), t[0], t[1] / 1e9);
            }
            System.out.printf("ratio SealFlow / Flowable (5 user tasks): %.1fx instances/s; statements per action %.1f vs %.1f%n",
                results.get(0).perSecond() / results.get(1).perSecond(), results.get(0).statementsPerAction(),
                results.get(1).statementsPerAction());
            System.out.printf("ratio SealFlow / Flowable (BPMN export): %.1fx instances/s%n",
                results.get(0).perSecond() / results.get(2).perSecond());
            System.out.printf("load average at the end %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            for (ProcessEngine e : List.of(plain, exported, plainCounted, exportCounted)) {
                e.close();
            }
            db.close().await(30, TimeUnit.SECONDS);
            vertx.close().await(30, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    record Result(double perSecond, double statementsPerAction) {
    }

    private static ProcessEngine flowableOn(String name, int threads, boolean count) {
        DatabaseConfig c = TestDatabases.postgresConfig();
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

    /** One measured slice: instances completed, nanoseconds. */
    static long[] measure(Subject s, int threads, int seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        run(s, threads, seconds, done::incrementAndGet);
        return new long[] {done.get(), System.nanoTime() - start};
    }

    private static void run(Subject s, int threads, int seconds, LongSupplier onDone) throws InterruptedException {
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

    static Subject sealflow(Database db) {
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
            public long statements() {
                return engine.statementCount();
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
    static Subject flowable(ProcessEngine engine, String processKey, String bpmn, Map<String, Object> vars) {
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
        };
    }
}
