package com.sealflow.simulator.fleet;

import com.sealflow.protocol.keys.Ed25519Keys;
import com.sealflow.simulator.people.PersonSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Devices per server node: enrols N devices through the real API (code, public key), connects them all to the
 * server's broker with their own credentials, lets them idle while sampling the server's CPU and memory, and, when
 * asked, waits for the broker to go away and come back and times how long until every device is connected again
 * (each reconnects with the agent's backoff: 1 s doubling to 30 s, with jitter).
 */
public final class IdleFleet {

    /** What to run. {@code restartSignal}: a file created when the idle phase is over, for a script to restart the server. */
    public record Options(String server, String admin, String adminPassword, int devices, Path credentialsFile, Duration idle,
                          Integer serverPid, boolean awaitRestart, Path restartSignal, Duration reconnectDeadline) {
    }

    private final Options options;
    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger connected = new AtomicInteger();

    public IdleFleet(Options options) {
        this.options = options;
    }

    public boolean run(PrintStream out) throws Exception {
        try {
            long t0 = System.nanoTime();
            Enrolled enrolled = enrol(out);
            out.printf(Locale.ROOT, "enrolled: %d devices (%d new) in %.1f s; broker %s:%d%n", enrolled.devices().size(), enrolled.fresh(),
                secondsSince(t0), enrolled.host(), enrolled.port());
            NetClient client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(10_000));
            List<IdleDevice> fleet = new ArrayList<>();
            enrolled.devices().forEach(c -> fleet.add(new IdleDevice(vertx, c)));
            t0 = System.nanoTime();
            connectAll(client, enrolled, fleet);
            out.printf(Locale.ROOT, "connected: %d/%d in %.1f s%n", connected.get(), fleet.size(), secondsSince(t0));
            boolean ok = connected.get() == fleet.size();
            ok &= idle(out, fleet.size());
            if (options.awaitRestart()) {
                ok &= restart(out, client, enrolled, fleet);
            }
            fleet.forEach(IdleDevice::close);
            return ok;
        } finally {
            vertx.close().await();
        }
    }

    private record Enrolled(List<IdleDevice.Credentials> devices, int fresh, String host, int port) {
    }

    private Enrolled enrol(PrintStream out) throws Exception {
        List<IdleDevice.Credentials> known = new ArrayList<>();
        String broker = null;
        if (options.credentialsFile() != null && Files.exists(options.credentialsFile())) {
            for (String line : Files.readAllLines(options.credentialsFile())) {
                String[] f = line.split(",", 4);
                if (f.length == 4) {
                    broker = f[0];
                    known.add(new IdleDevice.Credentials(f[1], f[2], f[3]));
                }
            }
        }
        int missing = Math.max(0, options.devices() - known.size());
        if (missing > 0) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            PersonSession admin = new PersonSession(http, options.server());
            admin.login(options.admin(), options.adminPassword());
            String tag = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<IdleDevice.Credentials>> made = new ArrayList<>();
            for (int i = 0; i < missing; i++) {
                String serial = "IDLE-" + tag + "-" + i;
                made.add(pool.submit(() -> enrolOne(admin, http, serial, lines)));
            }
            for (var f : made) {
                known.add(f.get());
            }
            pool.shutdown();
            broker = lines.isEmpty() ? broker : lines.get(0).split(",", 2)[0];
            if (options.credentialsFile() != null) {
                Files.write(options.credentialsFile(), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
        URI url = URI.create(broker.replace("tcp://", "mqtt://"));
        return new Enrolled(known.subList(0, options.devices()), missing, url.getHost(), url.getPort());
    }

    private IdleDevice.Credentials enrolOne(PersonSession admin, HttpClient http, String serial, List<String> lines) throws Exception {
        JsonObject device = PersonSession.expect(admin.post("/api/devices",
            new JsonObject().put("serialNo", serial).put("kind", "SEAL_DEVICE").put("location", "load test")), "device " + serial).json();
        String id = device.getString("id");
        JsonObject code = PersonSession.expect(admin.post("/api/devices/" + id + "/enrolment-code", new JsonObject()), "code").json();
        PersonSession agent = new PersonSession(http, options.server());
        String publicKey = Ed25519Keys.publicKeyToBase64(Ed25519Keys.generate().getPublic());
        JsonObject enrolled = PersonSession.expect(agent.post("/api/device/v1/enroll", new JsonObject().put("code", code.getString("code"))
            .put("publicKey", publicKey).put("firmware", "idle-1")), "enrol").json();
        JsonObject mqtt = enrolled.getJsonObject("mqtt");
        IdleDevice.Credentials c = new IdleDevice.Credentials(enrolled.getString("deviceId"), mqtt.getString("username"),
            mqtt.getString("password"));
        lines.add(mqtt.getString("url") + "," + c.deviceId() + "," + c.username() + "," + c.password());
        return c;
    }

    private void connectAll(NetClient client, Enrolled enrolled, List<IdleDevice> fleet) {
        int batch = 250;
        for (int i = 0; i < fleet.size(); i += batch) {
            List<Future<Void>> wave = new ArrayList<>();
            for (IdleDevice d : fleet.subList(i, Math.min(fleet.size(), i + batch))) {
                d.onLost(() -> {
                    connected.decrementAndGet();
                    reconnect(client, enrolled, d, 0);
                });
                wave.add(d.connect(client, enrolled.host(), enrolled.port()).onSuccess(v -> connected.incrementAndGet())
                    .onFailure(e -> reconnect(client, enrolled, d, 0)));
            }
            Future.join(wave).recover(e -> Future.succeededFuture()).await();
        }
    }

    private void reconnect(NetClient client, Enrolled enrolled, IdleDevice d, int attempt) {
        long base = Math.min(30_000L, 1_000L << Math.min(attempt, 5));
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        vertx.setTimer(delay, t -> d.connect(client, enrolled.host(), enrolled.port())
            .onSuccess(v -> connected.incrementAndGet())
            .onFailure(e -> reconnect(client, enrolled, d, attempt + 1)));
    }

    private boolean idle(PrintStream out, int size) throws Exception {
        long[] before = serverCpuTicks();
        long t0 = System.nanoTime();
        Thread.sleep(options.idle().toMillis());
        long[] after = serverCpuTicks();
        double seconds = secondsSince(t0);
        if (before != null && after != null) {
            double cpu = (after[0] - before[0]) / 100.0 / seconds * 100;
            out.printf(Locale.ROOT, "idle %.0f s with %d/%d connected: server CPU %.1f %% of one core, server RSS %d MB%n", seconds,
                connected.get(), size, cpu, after[1] / 1024);
        } else {
            out.printf(Locale.ROOT, "idle %.0f s with %d/%d connected (no --server-pid: server CPU not sampled)%n", seconds,
                connected.get(), size);
        }
        return connected.get() == size;
    }

    private boolean restart(PrintStream out, NetClient client, Enrolled enrolled, List<IdleDevice> fleet) throws Exception {
        if (options.restartSignal() != null) {
            Files.writeString(options.restartSignal(), "restart now\n");
        }
        out.println("waiting for the broker to restart …");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (connected.get() > fleet.size() / 10 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long lostAt = System.nanoTime();
        AtomicLong allBackAt = new AtomicLong();
        long limit = lostAt + options.reconnectDeadline().toNanos();
        while (System.nanoTime() < limit) {
            if (connected.get() == fleet.size()) {
                allBackAt.set(System.nanoTime());
                break;
            }
            Thread.sleep(50);
        }
        if (allBackAt.get() == 0) {
            out.printf(Locale.ROOT, "reconnect storm: only %d/%d back within %d s%n", connected.get(), fleet.size(),
                options.reconnectDeadline().toSeconds());
            return false;
        }
        out.printf(Locale.ROOT, "reconnect storm: all %d back %.1f s after the broker went away%n", fleet.size(),
            (allBackAt.get() - lostAt) / 1e9);
        return true;
    }

    /** utime+stime in clock ticks and VmRSS in kB of the server process, or null when unknown. */
    private long[] serverCpuTicks() throws IOException {
        if (options.serverPid() == null) {
            return null;
        }
        String stat = Files.readString(Path.of("/proc/" + options.serverPid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + options.serverPid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new long[] {ticks, rss};
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
