package com.sealflow.agent.device;

import com.sealflow.protocol.link.LinkConfig;
import com.sealflow.protocol.link.LinkEndpoint;
import com.sealflow.protocol.link.LinkEvent;
import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.ProtocolVersions;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the protocol's {@link LinkEndpoint} over a {@link DeviceTransport} on one thread: reads, feeds, ticks,
 * writes; reopens the transport with backoff and sends HELLO on every (re)open. Messages from the MCU reach the
 * {@link Listener} synchronously, so its answer (ACK after the press is journaled) is what the MCU gets.
 */
public final class McuLink implements McuPort, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(McuLink.class);
    private static final long HEARTBEAT_MS = 1000;
    private static final long SILENCE_MS = 3000;

    /** Application side. {@link #onMessage} runs on the link thread, under the link lock. */
    public interface Listener {
        ErrorCode onMessage(Message message);

        void linkUp(Message.Hello device);

        void linkDown(String reason);
    }

    private final DeviceTransport transport;
    private final String deviceId;
    private final String firmware;
    private final LongSupplier monoMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, CompletableFuture<LinkEvent>> pending = new ConcurrentHashMap<>();
    private final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final LinkEndpoint endpoint;
    private volatile Listener listener;
    private volatile Message.Hello deviceHello;
    private volatile boolean running = true;
    private volatile String lastError = "";
    private long lastHelloAt;
    private long lastSentAt;

    public McuLink(DeviceTransport transport, String deviceId, String firmware, LinkConfig config) {
        this.transport = transport;
        this.deviceId = deviceId;
        this.firmware = firmware;
        this.monoMillis = () -> System.nanoTime() / 1_000_000L;
        this.endpoint = new LinkEndpoint(config, monoMillis, this::dispatch);
        this.thread = new Thread(this::loop, "mcu-link-" + deviceId);
        this.thread.setDaemon(true);
    }

    public void start(Listener l) {
        this.listener = l;
        thread.start();
    }

    @Override
    public Optional<Message.Hello> deviceHello() {
        return Optional.ofNullable(deviceHello);
    }

    public boolean isUp() {
        return transport.isOpen() && deviceHello != null;
    }

    public String lastError() {
        return lastError;
    }

    public String describe() {
        return transport.describe();
    }

    /**
     * Queues a message; for reliable types the future completes with the MCU's answer (or GaveUp). Never blocks:
     * when the link thread is busy (it may be inside a handler that waits for the caller's lock) the message goes
     * to an outbox the link thread drains after its current step.
     */
    @Override
    public CompletableFuture<LinkEvent> send(Message message) {
        CompletableFuture<LinkEvent> f = new CompletableFuture<>();
        outbox.add(new Outgoing(message, f));
        if (lock.tryLock()) {
            try {
                drainOutbox();
            } finally {
                lock.unlock();
            }
        }
        return f;
    }

    private void drainOutbox() {
        Outgoing o;
        while ((o = outbox.poll()) != null) {
            int seq = endpoint.send(o.message());
            if (seq == 0) {
                o.result().complete(null);
            } else {
                pending.put(seq, o.result());
            }
        }
        flush();
    }

    private record Outgoing(Message message, CompletableFuture<LinkEvent> result) {
    }

    private ErrorCode dispatch(Message m) {
        if (m instanceof Message.Hello hello) {
            if (hello.deviceId().isEmpty() || ProtocolVersions.negotiate(hello.protocolVersions()).isEmpty()) {
                lastError = "MCU HELLO unusable: " + hello;
                return ErrorCode.UNSUPPORTED_VERSION;
            }
            boolean first = deviceHello == null;
            deviceHello = hello;
            if (first || !hello.equals(deviceHello)) {
                LOG.info("MCU {} firmware {} up on {}", hello.deviceId(), hello.firmwareVersion(), transport.describe());
            }
            listener.linkUp(hello);
            return ErrorCode.OK;
        }
        return listener.onMessage(m);
    }

    private void loop() {
        byte[] buf = new byte[512];
        long backoffMs = 200;
        while (running) {
            if (!transport.isOpen()) {
                try {
                    transport.open();
                    backoffMs = 200;
                    lock.lock();
                    try {
                        endpoint.portReopened();
                        endpoint.send(hostHello());
                        lastHelloAt = monoMillis.getAsLong();
                        flush();
                    } finally {
                        lock.unlock();
                    }
                } catch (IOException e) {
                    lastError = e.getMessage();
                    sleep(backoffMs);
                    backoffMs = Math.min(backoffMs * 2, 5000);
                    continue;
                }
            }
            try {
                int n = transport.read(buf);
                if (n < 0) {
                    throw new IOException("device closed the link");
                }
                lock.lock();
                try {
                    if (n > 0) {
                        endpoint.receive(buf, 0, n);
                    }
                    endpoint.tick();
                    settle();
                    keepAlive(monoMillis.getAsLong());
                    drainOutbox();
                } finally {
                    lock.unlock();
                }
            } catch (IOException e) {
                down(e.getMessage());
            } catch (RuntimeException e) {
                lastError = e.toString();
                LOG.error("MCU link handler failed", e);
            }
        }
    }

    /**
     * PROTOCOL.md section 7: HEARTBEAT after 1 s without sending (the MCU locks a session after 5 s of silence);
     * HELLO again every 3 s until the MCU's HELLO; and the MCU counts as gone after 3 s without a frame from it.
     */
    private void keepAlive(long now) {
        if (deviceHello == null) {
            if (now - lastHelloAt >= SILENCE_MS) {
                endpoint.send(hostHello());
                lastHelloAt = now;
            }
        } else {
            long heard = endpoint.lastHeardMillis();
            if (heard >= 0 && now - heard > SILENCE_MS) {
                // the reason first: a reader that sees the link down must also see why
                lastError = "no frame from the MCU for " + (now - heard) + " ms";
                deviceHello = null;
                listener.linkDown(lastError);
                endpoint.send(hostHello());
                lastHelloAt = now;
            }
        }
        if (now - lastSentAt >= HEARTBEAT_MS) {
            endpoint.send(new Message.Heartbeat());
        }
    }

    private Message.Hello hostHello() {
        return new Message.Hello(deviceId, firmware, 0, 0, 0, 0, ProtocolVersions.SUPPORTED);
    }

    private void settle() {
        for (LinkEvent ev : endpoint.takeEvents()) {
            CompletableFuture<LinkEvent> f = pending.remove(ev.seq());
            if (f != null) {
                f.complete(ev);
            }
        }
    }

    private void flush() {
        for (byte[] chunk : endpoint.takeOutgoing()) {
            try {
                transport.write(chunk);
                lastSentAt = monoMillis.getAsLong();
            } catch (IOException e) {
                // the frame stays in flight and is retransmitted after the port is reopened
                lastError = e.getMessage();
                transport.close();
                return;
            }
        }
    }

    private void down(String reason) {
        lastError = reason;
        transport.close();
        deviceHello = null;
        if (running) {
            listener.linkDown(reason);
            sleep(200);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        transport.close();
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pending.values().forEach(f -> f.cancel(false));
    }
}
