package com.sealflow.server.evidence;

import com.sealflow.server.SealFlowServer;
import com.sealflow.server.device.broker.EmbeddedBroker;
import com.sealflow.server.device.broker.MqttLink;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where events wait between a device's publish and the server's intake, sampled every 20 ms during a run: publishes
 * the broker received but has not yet sent on (its own counters; the server is the only subscriber to events), the
 * messages the server's link has in hand (delivered, not yet acknowledged), and whether the link's Paho callback
 * thread was busy.
 */
final class LinkProbe implements AutoCloseable {

    private record Sample(long nanos, long waitingInBroker, int inHand, boolean callbackBusy) {
    }

    private final EmbeddedBroker broker;
    private final MqttLink link;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    LinkProbe(SealFlowServer server) {
        this.broker = server.devices().broker();
        this.link = server.devices().link();
        this.thread = new Thread(this::loop, "link-probe");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        while (running) {
            long[] counts = broker == null ? new long[] {0, 0} : broker.publishCounts();
            boolean busy = false;
            for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (t != null && t.getThreadName().startsWith("MQTT Call: sealflow-server-")
                    && t.getThreadState() == Thread.State.RUNNABLE) {
                    busy = true;
                }
            }
            synchronized (samples) {
                samples.add(new Sample(System.nanoTime(), counts[0] - counts[1], link.inHand(), busy));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Prints the samples from {@code fromNanos} on, one line per {@code everyMs}, and the whole window's summary. */
    void print(long fromNanos, long everyMs) {
        List<Sample> s;
        synchronized (samples) {
            s = samples.stream().filter(x -> x.nanos() >= fromNanos).toList();
        }
        if (s.isEmpty()) {
            return;
        }
        System.out.println("  where events wait (sampled every 20 ms): t s | waiting in the broker | in the server link's hands "
            + "(not yet acknowledged) | link callback thread busy");
        long maxBroker = 0;
        int maxHand = 0;
        int busy = 0;
        long bucket = -1;
        long backlogged = 0;
        long handWhileBacklogged = 0;
        long emptyWhileBacklogged = 0;
        for (Sample x : s) {
            if (x.waitingInBroker() > 0) {
                backlogged++;
                handWhileBacklogged += x.inHand();
                emptyWhileBacklogged += x.inHand() == 0 ? 1 : 0;
            }
            maxBroker = Math.max(maxBroker, x.waitingInBroker());
            maxHand = Math.max(maxHand, x.inHand());
            busy += x.callbackBusy() ? 1 : 0;
            long b = (x.nanos() - fromNanos) / 1_000_000 / everyMs;
            if (b != bucket) {
                bucket = b;
                System.out.printf(Locale.ROOT, "    %5.1f | %6d | %5d | %s%n", (x.nanos() - fromNanos) / 1e9, x.waitingInBroker(),
                    x.inHand(), x.callbackBusy() ? "busy" : "idle");
            }
        }
        System.out.printf(Locale.ROOT, "  where events wait, summary: max %d waiting in the broker, max %d in the link's hands, link "
            + "callback thread busy in %.0f %% of %d samples%n", maxBroker, maxHand, 100.0 * busy / s.size(), s.size());
        System.out.printf(Locale.ROOT, "  while events waited in the broker (%d samples): the link held %.1f on average, none in %d%n",
            backlogged, backlogged == 0 ? 0.0 : (double) handWhileBacklogged / backlogged, emptyWhileBacklogged);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
