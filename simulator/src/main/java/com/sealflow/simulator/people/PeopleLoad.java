package com.sealflow.simulator.people;

import com.sealflow.simulator.load.Latencies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many people at once through the real HTTP API (session cookie, CSRF header and all): employees apply for a seal
 * and follow their requests, department heads work through their to-do lists and approve. For each step of
 * concurrent people it prints operations per second and p50/p99/p99.9 per operation. Log-ins are timed apart:
 * password hashing is slow on purpose. An optional warm-up lets the same people run their rounds unmeasured before the
 * measured window, so that the figures describe a server in steady state rather than its first requests.
 */
public final class PeopleLoad {

    /** What to run; {@code expectP99Millis} applies to the step with {@code expectAtPeople} people. */
    public record Options(String server, String adminUsername, String adminPassword, List<Integer> steps, Duration duration,
                          Duration think, Double expectP99Millis, int expectAtPeople) {
    }

    /** The figures of one step's measured window (log-ins included, timed apart). */
    public record StepResult(int people, double opsPerSecond, long errors, long serverErrors, long approvals, long submitted,
                             Map<String, Latencies> perOperation) {
    }

    /** The figures of one step's unmeasured warm-up: the cold start that the measured window leaves out. */
    public record WarmUp(int people, Duration length, double opsPerSecond, long errors, long serverErrors, String worstOperation,
                         double worstP99Millis) {
    }

    private static final String PASSWORD = "Load-test-2026!";
    /** The server log's time stamps without the zone, so that a script can compare them as text. */
    private static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final List<String> OPERATIONS = List.of("list-mine", "submit", "detail", "todo", "approve", "me");

    private final Options options;
    private final List<StepResult> results = new ArrayList<>();
    private final List<WarmUp> warmUps = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();

    private long serverPid;
    private Duration loginRamp = Duration.ZERO;
    private Duration startSpread = Duration.ZERO;
    private Duration warmUp = Duration.ZERO;

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

    /**
     * Before each step's measured window, let the same people run their rounds for {@code length} with the figures kept
     * apart (printed on one line, not in the step's results). Zero, the default: the window starts with everyone's
     * first request.
     */
    public PeopleLoad warmUp(Duration length) {
        if (length != null && length.isNegative()) {
            throw new IllegalArgumentException("warm-up cannot be negative: " + length);
        }
        this.warmUp = length == null ? Duration.ZERO : length;
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
            ok &= r.serverErrors() == 0 && warmUps.stream().allMatch(w -> w.serverErrors() == 0);
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

    /** The warm-ups of the steps run so far (none without a warm-up). */
    public List<WarmUp> warmUps() {
        return List.copyOf(warmUps);
    }

    static double worstP99(StepResult r) {
        return worstP99(r.perOperation()).getValue();
    }

    /** The operation (log-in left out) with the highest p99, and that p99 in ms; NaN without operations. */
    private static Map.Entry<String, Double> worstP99(Map<String, Latencies> perOperation) {
        return perOperation.entrySet().stream().filter(e -> !e.getKey().equals("login") && e.getValue().count() > 0)
            .map(e -> Map.entry(e.getKey(), e.getValue().percentileMillis(0.99))).max(Map.Entry.comparingByValue())
            .orElse(Map.entry("-", Double.NaN));
    }

    private StepResult step(List<PeopleOrg.Group> groups, String sealId, PrintStream out) throws Exception {
        List<Person> people = new ArrayList<>();
        for (PeopleOrg.Group g : groups) {
            people.add(new Person(g.head(), true));
            g.members().forEach(m -> people.add(new Person(m, false)));
        }
        Map<String, String> samples = new ConcurrentHashMap<>();
        Tally warm = new Tally();
        Tally measured = new Tally();
        AtomicReference<StepWindow> window = new AtomicReference<>();
        Counters counters = new Counters(window, warm, measured, samples);
        // everyone logs in first (slow hashing, timed on its own), then all start together
        CountDownLatch loggedIn = new CountDownLatch(people.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Person p = people.get(i);
            long delayMs = loginRamp.toMillis() * i / people.size();
            Start start = startSpread.isZero() ? new Start(0, 0)
                : new Start(ThreadLocalRandom.current().nextLong(startSpread.toMillis() + 1), ThreadLocalRandom.current().nextInt(3));
            Thread t = new Thread(() -> p.live(http, options, sealId, counters, loggedIn, go, delayMs, start),
                "person-" + p.username);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        loggedIn.await();
        CpuMeter cpu = CpuMeter.start(serverPid);
        StepWindow w = StepWindow.of(System.nanoTime(), warmUp, options.duration());
        window.set(w);
        go.countDown();
        if (w.hasWarmUp()) {
            Thread.sleep(Math.max(0, (w.measuredFrom() - System.nanoTime()) / 1_000_000));
            cpu = CpuMeter.start(serverPid);
        }
        Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        out.println("  measured window (UTC): " + WALL_CLOCK.format(from) + " to " + WALL_CLOCK.format(from.plus(options.duration())));
        for (Thread t : threads) {
            t.join(options.duration().toMillis() + 60_000);
        }
        double seconds = options.duration().toNanos() / 1e9;
        samples.keySet().forEach(e -> out.println("  error: " + e));
        if (w.hasWarmUp()) {
            // printed once the step is over: the warm-up's slowest operations may finish inside the measured window
            WarmUp figures = warm.warmUp(people.size(), warmUp);
            warmUps.add(figures);
            out.printf(Locale.ROOT, "  warm-up %s (not measured): %.1f operations/s, worst p99 %.1f ms (%s), %d errors"
                + " (%d server errors)%n", warmUp, figures.opsPerSecond(), figures.worstP99Millis(), figures.worstOperation(),
                figures.errors(), figures.serverErrors());
        }
        out.println("  steady state: " + cpu.summary(measured.operations(), seconds));
        return measured.result(people.size(), seconds);
    }

    private static void print(StepResult r, PrintStream out) {
        out.printf(Locale.ROOT, "%n== %d people: %.1f operations/s, %d submitted, %d approved, %d errors (%d server errors)%n",
            r.people(), r.opsPerSecond(), r.submitted(), r.approvals(), r.errors(), r.serverErrors());
        Map<String, Latencies> ordered = new LinkedHashMap<>();
        ordered.put("login", r.perOperation().get("login"));
        OPERATIONS.forEach(op -> ordered.put(op, r.perOperation().get(op)));
        ordered.forEach((op, l) -> out.printf(Locale.ROOT, "  %-10s %s%n", op, l.summary()));
    }

    /** The tallies of one phase of a step (warm-up or measured window). */
    record Tally(Map<String, Latencies> lat, AtomicLong errors, AtomicLong serverErrors, AtomicLong approvals, AtomicLong submitted) {
        Tally() {
            this(new ConcurrentHashMap<>(), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
            lat.put("login", new Latencies());
            OPERATIONS.forEach(op -> lat.put(op, new Latencies()));
        }

        long operations() {
            return OPERATIONS.stream().mapToLong(op -> lat.get(op).count()).sum();
        }

        StepResult result(int people, double seconds) {
            return new StepResult(people, operations() / seconds, errors.get(), serverErrors.get(), approvals.get(), submitted.get(), lat);
        }

        WarmUp warmUp(int people, Duration length) {
            Map.Entry<String, Double> worst = worstP99(lat);
            return new WarmUp(people, length, operations() / (length.toNanos() / 1e9), errors.get(), serverErrors.get(), worst.getKey(),
                worst.getValue());
        }
    }

    /** Shared tallies of one step: an operation counts in the phase it started in (log-ins in the measured one). */
    record Counters(AtomicReference<StepWindow> window, Tally warm, Tally measured, Map<String, String> samples) {

        /** The tally of an operation started at {@code nanos}. */
        Tally at(long nanos) {
            StepWindow w = window.get();
            return w == null || w.measures(nanos) ? measured : warm;
        }

        boolean open() {
            return window.get().open(System.nanoTime());
        }

        void record(String op, long startNanos, PersonSession.Reply reply) {
            Tally tally = at(startNanos);
            tally.lat().get(op).add(System.nanoTime() - startNanos);
            if (!reply.ok()) {
                failed(tally, op, "HTTP " + reply.status() + " " + reply.body());
                if (reply.status() >= 500) {
                    tally.serverErrors().incrementAndGet();
                }
            }
        }

        /** Counts an error at this moment's phase and keeps the first few distinct ones to print. */
        void failed(String op, String what) {
            failed(at(System.nanoTime()), op, what);
        }

        private void failed(Tally tally, String op, String what) {
            tally.errors().incrementAndGet();
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

        void live(HttpClient http, Options o, String sealId, Counters c, CountDownLatch loggedIn, CountDownLatch go, long delayMs,
                  Start start) {
            PersonSession s = new PersonSession(http, o.server());
            try {
                Thread.sleep(delayMs);
                long t = System.nanoTime();
                s.login(username, PASSWORD);
                c.measured().lat().get("login").add(System.nanoTime() - t);
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
                while (c.open()) {
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
                    c.at(t).submitted().incrementAndGet();
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
                c.at(t).approvals().incrementAndGet();
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
