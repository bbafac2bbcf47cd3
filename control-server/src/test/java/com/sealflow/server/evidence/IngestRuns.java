package com.sealflow.server.evidence;

import com.sealflow.server.SealFlowServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The benchmark's runs: steady ingest (with or without photos) and offline replay beside live devices. */
final class IngestRuns {

    private static double warmUpSeconds = 3;
    /** The last steady run's process CPU (first press to last commit and upload) and its presses, for the all-in figure. */
    static double runCpuMillis;
    static long runPresses;

    private IngestRuns() {
    }

    /** Presses at a fixed rate over the fleet (open loop), after a short warm-up at the same rate. */
    static boolean steady(Map<String, String> o, SealFlowServer server, IngestLoad load, BenchPhotos photos, List<BenchDevice> all)
        throws Exception {
        boolean withPhotos = photos != null;
        warmUpSeconds = Double.parseDouble(o.getOrDefault("warm-up", "3"));
        int n = Integer.parseInt(o.getOrDefault("devices", withPhotos ? "20" : "50"));
        double rate = Double.parseDouble(o.getOrDefault("rate", withPhotos ? "200" : "5000"));
        double seconds = Double.parseDouble(o.getOrDefault("seconds", withPhotos ? "20" : "10"));
        double target = withPhotos ? 200 : 5000;
        List<BenchDevice> devices = IngestBench.enrol("http://127.0.0.1:" + server.port(), withPhotos ? "IP" : "IM", n);
        all.addAll(devices);
        connect(devices);
        if (withPhotos) {
            load.startUploaders(devices, 2);
        }
        int warm = (int) Math.ceil(rate * warmUpSeconds / n);
        int measured = (int) Math.ceil(rate * seconds / n);
        List<List<BenchDevice.Press>> journals = sign(devices, photos, warm + measured);
        System.out.printf(Locale.ROOT, "  %d devices connected, %d presses signed; %.0f s warm-up, then %.0f s at %.0f presses/s%n", n,
            n * (warm + measured), warmUpSeconds, seconds, rate);
        IngestLoad.Group warmUp = new IngestLoad.Group("warm-up");
        IngestLoad.Group steady = new IngestLoad.Group(withPhotos ? "presses with photos" : "press events (metadata)");
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime() + 200_000_000L;
        long measuredStart = start + (long) warm * n * interval;
        long cpu0 = processCpuNanos();
        Instant firstPress = Instant.now().plusMillis(200);
        CpuSplit split = new CpuSplit();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            BenchDevice d = devices.get(k);
            List<BenchDevice.Press> journal = journals.get(k);
            long offset = k * interval;
            threads.add(start(() -> {
                load.drive(d, journal.subList(0, warm), start + offset, n * interval, () -> warmUp);
                load.drive(d, journal.subList(warm, journal.size()), measuredStart + offset, n * interval, () -> steady);
            }));
        }
        join(threads);
        boolean drained = load.drain(List.of(warmUp, steady), withPhotos, Duration.ofMinutes(5));
        // wall clock, to cut a flight recording to the timed phase
        System.out.println("  timed phase (first press to the last commit" + (withPhotos ? " and upload" : "") + "): " + firstPress
            + " to " + Instant.now());
        report(steady, measuredStart, withPhotos, target, "target " + (int) target + "/s");
        double cpu = (processCpuNanos() - cpu0) / 1e6;
        runCpuMillis = cpu;
        runPresses = (long) n * (warm + measured);
        System.out.printf(Locale.ROOT, "  process CPU from the first press to the last commit%s: %.1f s, %.2f ms per press (server, "
            + "broker and the devices' sending, all in this JVM)%n", withPhotos ? " and upload" : "", cpu / 1000,
            cpu / (n * (warm + measured)));
        split.print((long) n * (warm + measured));
        return drained;
    }

    /** CPU time of this JVM (all threads). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    /**
     * Devices offline with a journal of presses and photos reconnect and replay it as fast as they can, while live
     * devices keep pressing at a steady rate; the live events' latency during the replay is measured.
     */
    static boolean replay(Map<String, String> o, SealFlowServer server, IngestLoad load, BenchPhotos photos, List<BenchDevice> all)
        throws Exception {
        int liveN = Integer.parseInt(o.getOrDefault("live-devices", "10"));
        double liveRate = Double.parseDouble(o.getOrDefault("live-rate", "20"));
        int replayN = Integer.parseInt(o.getOrDefault("devices", "20"));
        int journalSize = Integer.parseInt(o.getOrDefault("journal", "100"));
        // as the edge agent replays (replay.rate-per-second, replay.window; --replay-window 0: no window);
        // --replay-rate 0: back to back with 64 in flight each, uploads started once the event is in
        double replayRate = Double.parseDouble(o.getOrDefault("replay-rate", "20"));
        int window = Integer.parseInt(o.getOrDefault("replay-window", "16"));
        String base = "http://127.0.0.1:" + server.port();
        List<BenchDevice> live = IngestBench.enrol(base, "IL", liveN);
        List<BenchDevice> offline = IngestBench.enrol(base, "IR", replayN);
        all.addAll(live);
        all.addAll(offline);
        connect(live);
        load.startUploaders(live, 2);
        load.startUploaders(offline, 2);
        int liveEach = (int) Math.ceil(liveRate * 180 / liveN);
        List<List<BenchDevice.Press>> liveJournals = sign(live, photos, Math.min(liveEach, 2000));
        List<List<BenchDevice.Press>> journals = sign(offline, photos, journalSize);
        if (replayRate > 0) {
            load.pace(offline, window > 0 ? window : Integer.MAX_VALUE);
        }
        System.out.printf(Locale.ROOT, "  %d live devices at %.0f presses/s; %d devices offline with %d journaled presses+photos each "
            + "(%d in all), replayed %s%n", liveN, liveRate, replayN, journalSize, replayN * journalSize, replayRate > 0
            ? String.format(Locale.ROOT, "as the agent does: %.0f/s each, at most %s unconfirmed", replayRate, window > 0 ? window : "any")
            : "back to back (64 in flight each)");
        IngestLoad.Group liveBefore = new IngestLoad.Group("live before the replay");
        IngestLoad.Group liveDuring = new IngestLoad.Group("live during the replay");
        IngestLoad.Group liveAfter = new IngestLoad.Group("live after the replay");
        IngestLoad.Group replay = new IngestLoad.Group("replay");
        AtomicReference<IngestLoad.Group> liveGroup = new AtomicReference<>(liveBefore);
        long interval = (long) (1e9 / liveRate);
        long start = System.nanoTime() + 200_000_000L;
        List<Thread> liveThreads = new ArrayList<>();
        for (int k = 0; k < liveN; k++) {
            BenchDevice d = live.get(k);
            List<BenchDevice.Press> journal = liveJournals.get(k);
            long offset = k * interval;
            liveThreads.add(start(() -> load.drive(d, journal, start + offset, liveN * interval, liveGroup::get)));
        }
        Thread.sleep((long) (warmUpSeconds * 1000) + 200);
        LinkProbe probe = new LinkProbe(server);
        long replayStart = System.nanoTime();
        CpuSplit split = new CpuSplit();
        liveGroup.set(liveDuring);
        List<Thread> replayThreads = new ArrayList<>();
        for (int k = 0; k < replayN; k++) {
            BenchDevice d = offline.get(k);
            List<BenchDevice.Press> journal = journals.get(k);
            replayThreads.add(start(() -> {
                try {
                    d.connect();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot connect " + d.id, e);
                }
                load.drive(d, journal, System.nanoTime(), replayRate > 0 ? (long) (1e9 / replayRate) : 0, () -> replay);
            }));
        }
        join(replayThreads);
        long total = (long) replayN * journalSize;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long seen = -1;
        long seenAt = System.nanoTime();
        while ((replay.ingested.get() < total || replay.uploaded.get() + load.uploadErrors.get() < total) && System.nanoTime() < deadline
            && System.nanoTime() - seenAt < 30_000_000_000L) {
            if (replay.ingested.get() + replay.uploaded.get() != seen) {
                seen = replay.ingested.get() + replay.uploaded.get();
                seenAt = System.nanoTime();
            }
            Thread.sleep(20);
        }
        liveGroup.set(liveAfter);
        probe.close();
        Thread.sleep(2000);
        liveAfter.stopped = true;
        join(liveThreads);
        boolean drained = load.drain(List.of(liveBefore, liveDuring, liveAfter, replay), true, Duration.ofMinutes(5));
        report(replay, replayStart, true, 200, "target 200/s");
        report(liveBefore, start, true, liveRate, "offered " + (int) liveRate + "/s");
        report(liveDuring, replayStart, true, liveRate, "offered " + (int) liveRate + "/s");
        split.print(replay.ingested.get() + liveDuring.ingested.get() + liveAfter.ingested.get());
        probe.print(replayStart, 250);
        double p99 = liveDuring.ingest.percentileMillis(0.99);
        System.out.printf(Locale.ROOT, "  live events during the replay: publish -> committed p99 %.0f ms (target <= 2000 ms: %s, "
            + "ratio %.2f)%n", p99, p99 <= 2000 ? "met" : "MISSED", 2000 / p99);
        return drained;
    }

    private static void report(IngestLoad.Group g, long from, boolean withPhotos, double target, String what) {
        double seconds = (g.lastDoneNanos.get() - from) / 1e9;
        long done = withPhotos ? g.uploaded.get() : g.ingested.get();
        double rate = done / seconds;
        System.out.printf(Locale.ROOT, "  %s: %d published, %d committed, %d photos stored in %.1f s: %.1f/s (%s, ratio %.2f)%n", g.name,
            g.published.get(), g.ingested.get(), g.uploaded.get(), seconds, rate, what, rate / target);
        System.out.println("    publish -> broker PUBACK      " + g.puback.summary());
        System.out.println("    publish -> server committed   " + g.ingest.summary());
        System.out.println("      of which publish -> intake  " + g.handed.summary());
        if (withPhotos) {
            System.out.println("    photo upload -> 2xx           " + g.upload.summary());
            System.out.println("    publish -> photo 2xx          " + g.confirmed.summary());
            System.out.printf(Locale.ROOT, "    upload attempts answered 404 (event not stored yet, retried after a pause): %d%n",
                g.notYet.get());
            System.out.printf(Locale.ROOT, "      the event not yet at the intake when answered %d; "
                + "at the intake, not committed, when sent %d; committed before sent %d%n",
                g.notYetBeforeIntake.get(), g.notYetInIntake.get(), g.notYetAfterCommit.get());
        }
    }

    private static void connect(List<BenchDevice> devices) throws Exception {
        for (BenchDevice d : devices) {
            d.connect();
        }
    }

    /** Each device signs its own journal (in parallel over devices; before the timed phase). */
    private static List<List<BenchDevice.Press>> sign(List<BenchDevice> devices, BenchPhotos photos, int each) {
        return devices.parallelStream().map(d -> {
            List<BenchDevice.Press> list = new ArrayList<>(each);
            for (int i = 0; i < each; i++) {
                list.add(d.sign(photos));
            }
            return list;
        }).toList();
    }

    private static Thread start(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }
}
