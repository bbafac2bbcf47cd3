package com.sealflow.simulator.people;

import com.sealflow.simulator.load.Latencies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many people at once through the real HTTP API (session cookie, CSRF header and all): employees apply for a seal
 * and follow their requests, department heads work through their to-do lists and approve. For each step of
 * concurrent people it prints operations per second and p50/p99/p99.9 per operation. Log-ins are timed apart:
 * password hashing is slow on purpose.
 */
public final class PeopleLoad {

    /** What to run; {@code expectP99Millis} applies to the step with {@code expectAtPeople} people. */
    public record Options(String server, String adminUsername, String adminPassword, List<Integer> steps, Duration duration,
                          Duration think, Double expectP99Millis, int expectAtPeople) {
    }

    /** The figures of one step. */
    public record StepResult(int people, double opsPerSecond, long errors, long serverErrors, long approvals, long submitted,
                             Map<String, Latencies> perOperation) {
    }

    private static final String PASSWORD = "Load-test-2026!";
    private static final List<String> OPERATIONS = List.of("list-mine", "submit", "detail", "todo", "approve", "me");

    private final Options options;
    private final List<StepResult> results = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();

    private long serverPid;
    private Duration loginRamp = Duration.ZERO;
    private Duration startSpread = Duration.ZERO;

    public PeopleLoad(Options options) {
        this.options = options;
    }

    /** Also print the server's CPU per operation for each step ({@code pid} of a server on this machine; 0: don't). */
    public PeopleLoad measureServer(long pid) {
        this.serverPid = pid;
        return this;
    }

    /** Spread each step's log-ins evenly over {@code ramp} instead of all at once. */
    public PeopleLoad rampLogins(Duration ramp) {
        this.loginRamp = ramp == null ? Duration.ZERO : ramp;
        return this;
    }

    /**
     * Let each person begin at a random moment within {@code spread} after the step starts, and at a random point of
     * their apply/follow cycle, instead of everyone at once with an application: offices do not press "submit" in the
     * same second. Default zero: all start together, the first round of every employee an application (a burst).
     */
    public PeopleLoad spreadStart(Duration spread) {
        this.startSpread = spread == null ? Duration.ZERO : spread;
        return this;
    }

    /** Runs every step and prints the figures; false when a server error happened or the expectation failed. */
    public boolean run(PrintStream out) throws Exception {
        PersonSession admin = new PersonSession(http, options.server());
        admin.login(options.adminUsername(), options.adminPassword());
        String sealId = PeopleOrg.sealForOther(admin);
        int maxGroups = options.steps().stream().mapToInt(n -> (n + PeopleOrg.GROUP_SIZE - 1) / PeopleOrg.GROUP_SIZE).max().orElse(1);
        String tag = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        long t0 = System.nanoTime();
        List<PeopleOrg.Group> groups = PeopleOrg.create(admin, maxGroups, tag, PASSWORD);
        out.printf(Locale.ROOT, "set-up: %d people in %d departments in %.1f s%n", maxGroups * PeopleOrg.GROUP_SIZE, maxGroups,
            (System.nanoTime() - t0) / 1e9);
        boolean ok = true;
        for (int people : options.steps()) {
            StepResult r = step(groups.subList(0, (people + PeopleOrg.GROUP_SIZE - 1) / PeopleOrg.GROUP_SIZE), sealId, out);
            print(r, out);
            results.add(r);
            ok &= r.serverErrors() == 0;
            if (options.expectP99Millis() != null && r.people() == options.expectAtPeople()) {
                double worst = worstP99(r);
                boolean met = worst <= options.expectP99Millis();
                out.printf(Locale.ROOT, "expectation p99 <= %.0f ms at %d people: worst p99 %.1f ms -> %s%n",
                    options.expectP99Millis(), people, worst, met ? "MET" : "MISSED");
                ok &= met;
            }
        }
        return ok;
    }

    /** The figures of the steps run so far. */
    public List<StepResult> results() {
        return List.copyOf(results);
    }

    static double worstP99(StepResult r) {
        return r.perOperation().entrySet().stream().filter(e -> !e.getKey().equals("login") && e.getValue().count() > 0)
            .mapToDouble(e -> e.getValue().percentileMillis(0.99)).max().orElse(Double.NaN);
    }

    private StepResult step(List<PeopleOrg.Group> groups, String sealId, PrintStream out) throws Exception {
        Map<String, Latencies> lat = new ConcurrentHashMap<>();
        lat.put("login", new Latencies());
        OPERATIONS.forEach(op -> lat.put(op, new Latencies()));
        AtomicLong errors = new AtomicLong();
        AtomicLong serverErrors = new AtomicLong();
        AtomicLong approvals = new AtomicLong();
        AtomicLong submitted = new AtomicLong();
        List<Person> people = new ArrayList<>();
        for (PeopleOrg.Group g : groups) {
            people.add(new Person(g.head(), true));
            g.members().forEach(m -> people.add(new Person(m, false)));
        }
        Map<String, String> samples = new ConcurrentHashMap<>();
        Counters counters = new Counters(lat, errors, serverErrors, approvals, submitted, samples);
        // everyone logs in first (slow hashing, timed on its own), then all start together
        CountDownLatch loggedIn = new CountDownLatch(people.size());
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Person p = people.get(i);
            long delayMs = loginRamp.toMillis() * i / people.size();
            Start start = startSpread.isZero() ? new Start(0, 0)
                : new Start(ThreadLocalRandom.current().nextLong(startSpread.toMillis() + 1), ThreadLocalRandom.current().nextInt(3));
            Thread t = new Thread(() -> p.live(http, options, sealId, counters, loggedIn, go, window, delayMs, start),
                "person-" + p.username);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        loggedIn.await();
        CpuMeter cpu = CpuMeter.start(serverPid);
        window[0] = System.nanoTime();
        window[1] = window[0] + options.duration().toNanos();
        go.countDown();
        for (Thread t : threads) {
            t.join(options.duration().toMillis() + 60_000);
        }
        long total = OPERATIONS.stream().mapToLong(op -> lat.get(op).count()).sum();
        double seconds = options.duration().toNanos() / 1e9;
        samples.keySet().forEach(e -> out.println("  error: " + e));
        out.println("  steady state: " + cpu.summary(total, seconds));
        return new StepResult(people.size(), total / seconds, errors.get(), serverErrors.get(), approvals.get(), submitted.get(), lat);
    }

    private static void print(StepResult r, PrintStream out) {
        out.printf(Locale.ROOT, "%n== %d people: %.1f operations/s, %d submitted, %d approved, %d errors (%d server errors)%n",
            r.people(), r.opsPerSecond(), r.submitted(), r.approvals(), r.errors(), r.serverErrors());
        Map<String, Latencies> ordered = new LinkedHashMap<>();
        ordered.put("login", r.perOperation().get("login"));
        OPERATIONS.forEach(op -> ordered.put(op, r.perOperation().get(op)));
        ordered.forEach((op, l) -> out.printf(Locale.ROOT, "  %-10s %s%n", op, l.summary()));
    }

    /** Shared tallies of one step. */
    record Counters(Map<String, Latencies> lat, AtomicLong errors, AtomicLong serverErrors, AtomicLong approvals, AtomicLong submitted,
                    Map<String, String> samples) {
        void record(String op, long startNanos, PersonSession.Reply reply) {
            lat.get(op).add(System.nanoTime() - startNanos);
            if (!reply.ok()) {
                failed(op, "HTTP " + reply.status() + " " + reply.body());
                if (reply.status() >= 500) {
                    serverErrors.incrementAndGet();
                }
            }
        }

        /** Counts an error and keeps the first few distinct ones to print. */
        void failed(String op, String what) {
            errors.incrementAndGet();
            String shortened = what.length() > 160 ? what.substring(0, 160) + "…" : what;
            if (samples.size() < 8) {
                samples.putIfAbsent(op + ": " + shortened, op);
            }
        }
    }

    /** When one person begins after the step's start, and at which round of their cycle (round 0: an application). */
    private record Start(long delayMs, int round) {
    }

    /** One person: logs in, then applies (members) or approves (heads) until the step ends, with think time between. */
    private record Person(String username, boolean head) {

        void live(HttpClient http, Options o, String sealId, Counters c, CountDownLatch loggedIn, CountDownLatch go, long[] window,
                  long delayMs, Start start) {
            PersonSession s = new PersonSession(http, o.server());
            try {
                Thread.sleep(delayMs);
                long t = System.nanoTime();
                s.login(username, PASSWORD);
                c.lat().get("login").add(System.nanoTime() - t);
            } catch (Exception e) {
                c.failed("login", String.valueOf(e.getMessage()));
                loggedIn.countDown();
                return;
            }
            loggedIn.countDown();
            try {
                go.await();
                Thread.sleep(start.delayMs());
                int round = start.round();
                while (System.nanoTime() < window[1]) {
                    think(o.think());
                    if (head) {
                        headRound(s, c);
                    } else {
                        memberRound(s, c, sealId, round++);
                    }
                }
                s.post("/api/auth/logout", new JsonObject());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                c.failed("session", e.toString());
            }
        }

        private void memberRound(PersonSession s, Counters c, String sealId, int round) throws Exception {
            long t = System.nanoTime();
            PersonSession.Reply mine = s.get("/api/requests?scope=mine&page=1&size=20");
            c.record("list-mine", t, mine);
            if (round % 3 == 0) {
                JsonObject body = new JsonObject().put("type", "SEAL_USE").put("sealIds", new JsonArray().add(sealId))
                    .put("documentType", "OTHER").put("documentName", "压测文件 " + username + " #" + round).put("copies", 1)
                    .put("reason", "并发压测").put("amount", "1000.00").put("form", new JsonObject())
                    .put("fileIds", new JsonArray()).put("submit", true);
                t = System.nanoTime();
                PersonSession.Reply created = s.post("/api/requests", body);
                c.record("submit", t, created);
                if (created.ok()) {
                    c.submitted().incrementAndGet();
                    t = System.nanoTime();
                    c.record("detail", t, s.get("/api/requests/" + created.json().getString("id")));
                }
            } else {
                t = System.nanoTime();
                c.record("me", t, s.get("/api/me"));
            }
        }

        private void headRound(PersonSession s, Counters c) throws Exception {
            long t = System.nanoTime();
            PersonSession.Reply todo = s.get("/api/tasks?status=pending&page=1&size=5");
            c.record("todo", t, todo);
            if (!todo.ok()) {
                return;
            }
            JsonArray items = todo.json().getJsonArray("items", new JsonArray());
            if (items.isEmpty()) {
                return;
            }
            String taskId = items.getJsonObject(0).getString("id");
            t = System.nanoTime();
            PersonSession.Reply approved = s.post("/api/tasks/" + taskId + "/approve", new JsonObject().put("comment", "同意"));
            c.record("approve", t, approved);
            if (approved.ok()) {
                c.approvals().incrementAndGet();
            }
        }

        private static void think(Duration think) throws InterruptedException {
            long ms = think.toMillis();
            if (ms > 0) {
                Thread.sleep(ms / 2 + ThreadLocalRandom.current().nextLong(ms + 1));
            }
        }
    }
}
