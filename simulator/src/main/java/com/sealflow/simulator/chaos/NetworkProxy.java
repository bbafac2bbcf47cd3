package com.sealflow.simulator.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A network link as a real TCP relay on loopback, between an agent and its broker or server, or between the
 * server and its database. Faults it injects:
 * <ul>
 * <li>{@link #cut()}: every connection dropped without a goodbye (the peer sees a dead client) and new ones
 * refused until {@link #restore()};</li>
 * <li>{@link #reset()}: every connection aborted with a TCP RST, new ones accepted at once;</li>
 * <li>{@link #stall(boolean)}: connections stay open but nothing flows (a half-dead link; bytes are held, as TCP
 * would retransmit them, and flow again when the stall ends);</li>
 * <li>{@link #delayMillis}, {@link #jitterMillis}: latency per relayed chunk;</li>
 * <li>{@link #dropRate}: the chance per chunk that the whole connection is dropped;</li>
 * <li>{@link #bytesPerSecond}: a slow link, each direction throttled to this rate;</li>
 * <li>{@link #target}: where new connections go (a restarted server on another port).</li>
 * </ul>
 * {@link #stats()} counts what it did, for tests to print.
 */
public final class NetworkProxy implements AutoCloseable {

    private volatile String targetHost;
    private volatile int targetPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean up = true;
    private volatile boolean stalled;
    private volatile boolean closed;
    private volatile long delayMillis;
    private volatile long jitterMillis;
    private volatile double dropRate;
    private volatile long bytesPerSecond;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong relayed = new AtomicLong();

    public NetworkProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "net-proxy-" + targetPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** What the proxy did so far. */
    public record Stats(long accepted, long refused, long dropped, long resets, long bytesRelayed) {
        @Override
        public String toString() {
            return String.format("%d connections accepted, %d refused, %d dropped, %d reset, %d bytes relayed",
                accepted, refused, dropped, resets, bytesRelayed);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public boolean up() {
        return up;
    }

    public Stats stats() {
        return new Stats(accepted.get(), refused.get(), dropped.get(), resets.get(), relayed.get());
    }

    /** Drops every connection (no RST, no FIN reaches the far end in time) and refuses new ones until restored. */
    public void cut() {
        up = false;
        closeAll(false);
    }

    public void restore() {
        up = true;
    }

    /** Aborts every open connection with a TCP RST; new connections are accepted as before. */
    public void reset() {
        resets.incrementAndGet();
        closeAll(true);
    }

    /** True: bytes stop flowing on every connection (held, not lost); false: they flow again. */
    public void stall(boolean on) {
        this.stalled = on;
    }

    /** New connections go to this address; open ones stay where they are. */
    public void target(String host, int port) {
        this.targetHost = host;
        this.targetPort = port;
    }

    /** Latency added to every chunk relayed (0 = none). */
    public void delayMillis(long millis) {
        this.delayMillis = Math.max(0, millis);
    }

    /** Random extra latency, 0..millis, per chunk. */
    public void jitterMillis(long millis) {
        this.jitterMillis = Math.max(0, millis);
    }

    /** Chance per relayed chunk that the whole connection is dropped (0..1). */
    public void dropRate(double rate) {
        this.dropRate = Math.max(0, Math.min(1, rate));
    }

    /** A slow link: each direction of each connection relays at most this many bytes a second (0 = unlimited). */
    public void bytesPerSecond(long rate) {
        this.bytesPerSecond = Math.max(0, rate);
    }

    /** Back to a clean link: no latency, drops, stall or throttle (cut state unchanged). */
    public void calm() {
        delayMillis = 0;
        jitterMillis = 0;
        dropRate = 0;
        bytesPerSecond = 0;
        stalled = false;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (!up) {
                    refused.incrementAndGet();
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket();
                try {
                    upstream.connect(new InetSocketAddress(targetHost, targetPort), 3000);
                } catch (IOException e) {
                    refused.incrementAndGet();
                    closeQuietly(client);
                    continue;
                }
                accepted.incrementAndGet();
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0 && up) {
                    if (dropRate > 0 && ThreadLocalRandom.current().nextDouble() < dropRate) {
                        dropped.incrementAndGet();
                        break;
                    }
                    long wait = delayMillis + (jitterMillis > 0 ? ThreadLocalRandom.current().nextLong(jitterMillis + 1) : 0);
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    while (stalled && up && !from.isClosed()) {
                        Thread.sleep(20);
                    }
                    write(out, buf, n);
                    relayed.addAndGet(n);
                }
            } catch (IOException e) {
                // one side went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "net-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Writes in slices paced to {@link #bytesPerSecond} (at least 10 slices a second). */
    private void write(OutputStream out, byte[] buf, int n) throws IOException, InterruptedException {
        int off = 0;
        while (off < n) {
            long rate = bytesPerSecond;
            int slice = rate == 0 ? n - off : (int) Math.max(1, Math.min(n - off, rate / 10));
            out.write(buf, off, slice);
            out.flush();
            off += slice;
            if (rate > 0) {
                Thread.sleep(Math.max(1, slice * 1000L / rate));
            }
        }
    }

    private void closeAll(boolean abort) {
        for (Socket s : open) {
            if (abort) {
                try {
                    s.setSoLinger(true, 0);
                } catch (IOException ignored) {
                    // already closed
                }
            }
            closeQuietly(s);
        }
        open.clear();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
