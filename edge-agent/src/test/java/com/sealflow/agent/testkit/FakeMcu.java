package com.sealflow.agent.testkit;

import com.sealflow.agent.device.DeviceTransport;
import com.sealflow.protocol.link.LinkConfig;
import com.sealflow.protocol.link.LinkEndpoint;
import com.sealflow.protocol.link.LinkEvent;
import com.sealflow.protocol.serial.AuthMethod;
import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.LockState;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.ProtocolVersions;
import com.sealflow.protocol.serial.SessionEndReason;
import com.sealflow.protocol.serial.UnlockMac;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A scripted device MCU speaking the real protocol (the protocol's {@link LinkEndpoint}) over any byte transport: a
 * pty opened with jSerialComm, or a TCP socket. It verifies UNLOCK MACs and counters as firmware would, keeps the
 * session, and lets a test press, authenticate and end sessions. {@link #onAnswer} sees each ACK/NACK as it arrives.
 */
public final class FakeMcu implements AutoCloseable {

    private static final int OFFERS = 20;
    private final DeviceTransport port;
    private final String deviceId;
    private final byte[] linkKey;
    private final LinkEndpoint endpoint;
    private final Map<Integer, CompletableFuture<LinkEvent>> pending = new ConcurrentHashMap<>();
    private final List<Message.Unlock> unlocks = new CopyOnWriteArrayList<>();
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final CompletableFuture<Message.Hello> hostHello = new CompletableFuture<>();
    private volatile Consumer<LinkEvent> onAnswer = e -> { };
    private volatile boolean running = true;
    private long lastUnlockCounter;
    private long pressCounter = 100;
    private long sessionId;
    private int remaining;
    private int used;
    private int heartbeats;
    private volatile boolean silent;
    private volatile boolean provisionedWithOtherKey;

    public FakeMcu(DeviceTransport port, String deviceId, byte[] linkKey) {
        this.port = port;
        this.deviceId = deviceId;
        this.linkKey = linkKey.clone();
        this.endpoint = new LinkEndpoint(LinkConfig.DEFAULT, () -> System.nanoTime() / 1_000_000L, this::handle);
        this.thread = new Thread(this::loop, "fake-mcu-" + deviceId);
        this.thread.setDaemon(true);
    }

    public FakeMcu start() throws IOException {
        if (!port.isOpen()) {
            port.open();
        }
        thread.start();
        send(hello());
        return this;
    }

    private Message.Hello hello() {
        return new Message.Hello(deviceId, "mcu-test-1.0", pressCounter, Message.Hello.CAP_PIN_PAD | Message.Hello.CAP_PRESS_SENSOR,
                0, lastUnlockCounter, ProtocolVersions.SUPPORTED);
    }

    private synchronized ErrorCode handle(Message m) {
        received.add(m);
        if (m instanceof Message.Hello h) {
            hostHello.complete(h);
            if (!silent) {
                endpoint.send(hello());
            }
            return ErrorCode.OK;
        }
        if (m instanceof Message.Unlock u) {
            if (provisionedWithOtherKey || !UnlockMac.verify(linkKey, deviceId, u)) {
                return ErrorCode.BAD_MAC;
            }
            if (u.unlockCounter() <= lastUnlockCounter) {
                return ErrorCode.REPLAYED;
            }
            if (sessionId != 0) {
                return ErrorCode.BUSY;
            }
            lastUnlockCounter = u.unlockCounter();
            sessionId = u.sessionId();
            remaining = u.presses();
            used = 0;
            unlocks.add(u);
            return ErrorCode.OK;
        }
        if (m instanceof Message.Heartbeat) {
            heartbeats++;
            if (!silent) {
                endpoint.send(new Message.Status(sessionId == 0 ? LockState.LOCKED : LockState.UNLOCKED, sessionId, remaining, 0,
                        false, false, pressCounter));
            }
            return ErrorCode.OK;
        }
        if (m instanceof Message.Lock) {
            sessionId = 0;
            return ErrorCode.OK;
        }
        return ErrorCode.OK;
    }

    /** Custodian types a PIN on the keypad. */
    public CompletableFuture<LinkEvent> auth(String pin) {
        return send(new Message.Auth(AuthMethod.PIN, pin));
    }

    /**
     * The press sensor confirms a stamp. Inside a session with presses left it counts; once the granted presses are
     * used the mechanism is locked, so a further press can only be forced: reported with session 0, as firmware does.
     */
    public synchronized CompletableFuture<LinkEvent> press() {
        pressCounter++;
        if (sessionId != 0 && remaining > 0) {
            remaining--;
            used++;
            return offer(new Message.Press(sessionId, pressCounter, remaining));
        }
        return offer(new Message.Press(0, pressCounter, 0));
    }

    /** A faulty or tampered MCU: reports a press in its session although the grant is used up. */
    public synchronized CompletableFuture<LinkEvent> pressBeyondGrant() {
        pressCounter++;
        used++;
        return offer(new Message.Press(sessionId, pressCounter, 0));
    }

    /** The MCU did not restart with the agent: it still holds the session it was unlocked for. */
    public synchronized FakeMcu holdingSession(long session, int left, int usedSoFar, long unlockCounter) {
        sessionId = session;
        remaining = left;
        used = usedSoFar;
        lastUnlockCounter = unlockCounter;
        return this;
    }

    public synchronized int remaining() {
        return remaining;
    }

    public synchronized int used() {
        return used;
    }

    public synchronized long lastUnlockCounter() {
        return lastUnlockCounter;
    }

    /** Offers an old PRESS again as a new frame, as firmware does with a press it never saw ACKed before a link reset. */
    public CompletableFuture<LinkEvent> reoffer(long sessionId, long counter) {
        return offer(new Message.Press(sessionId, counter, 0));
    }

    public synchronized CompletableFuture<LinkEvent> endSession(SessionEndReason reason) {
        long s = sessionId;
        sessionId = 0;
        return offer(new Message.SessionEnd(s, reason, used));
    }

    /** An MCU provisioned with another link key: every UNLOCK fails its MAC check. */
    public void otherLinkKey(boolean on) {
        provisionedWithOtherKey = on;
    }

    /** A hung MCU application: no STATUS for HEARTBEAT, no HELLO for HELLO (its link layer still ACKs). */
    public void silent(boolean on) {
        silent = on;
    }

    public synchronized int heartbeats() {
        return heartbeats;
    }

    public synchronized long sessionId() {
        return sessionId;
    }

    /** Firmware keeps its press counter in flash: a rebooted MCU continues from where it was. */
    public synchronized FakeMcu startingAt(long counter) {
        pressCounter = counter;
        return this;
    }

    public synchronized long pressCounter() {
        return pressCounter;
    }

    public List<Message.Unlock> unlocks() {
        return List.copyOf(unlocks);
    }

    public List<Message> received() {
        return List.copyOf(received);
    }

    public Message.Hello awaitHostHello() throws Exception {
        return hostHello.get(60, TimeUnit.SECONDS);
    }

    public void onAnswer(Consumer<LinkEvent> c) {
        this.onAnswer = c;
    }

    /**
     * Evidence frames (PRESS, SESSION_END) stay in firmware's outbox until the host ACKs them: when the link gives up
     * (a host busy for longer than the retransmit budget, e.g. a JVM just started), the frame is offered again.
     */
    private CompletableFuture<LinkEvent> offer(Message m) {
        return offer(m, OFFERS);
    }

    private CompletableFuture<LinkEvent> offer(Message m, int left) {
        return send(m).thenCompose(ev -> ev instanceof LinkEvent.GaveUp && left > 1 && running ? offer(m, left - 1)
                : CompletableFuture.completedFuture(ev));
    }

    private synchronized CompletableFuture<LinkEvent> send(Message m) {
        CompletableFuture<LinkEvent> f = new CompletableFuture<>();
        int seq = endpoint.send(m);
        if (seq == 0) {
            f.complete(null);
        } else {
            pending.put(seq, f);
        }
        flush();
        return f;
    }

    private void loop() {
        byte[] buf = new byte[512];
        while (running) {
            try {
                int n = port.read(buf);
                if (n < 0) {
                    return;
                }
                synchronized (this) {
                    if (n > 0) {
                        endpoint.receive(buf, 0, n);
                    }
                    endpoint.tick();
                    for (LinkEvent ev : endpoint.takeEvents()) {
                        onAnswer.accept(ev);
                        CompletableFuture<LinkEvent> f = pending.remove(ev.seq());
                        if (f != null) {
                            f.complete(ev);
                        }
                    }
                    flush();
                }
            } catch (IOException e) {
                return; // the host went away (a killed agent resets the connection): the line is dead
            }
        }
    }

    private void flush() {
        for (byte[] chunk : endpoint.takeOutgoing()) {
            try {
                port.write(chunk);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        port.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
