package com.sealflow.simulator.mcu;

import com.sealflow.protocol.link.LinkConfig;
import com.sealflow.protocol.link.LinkEndpoint;
import com.sealflow.protocol.link.LinkEvent;
import com.sealflow.protocol.serial.AuthMethod;
import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.LockState;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.ProtocolVersions;
import com.sealflow.protocol.serial.SessionEndReason;
import com.sealflow.protocol.serial.TamperKind;
import com.sealflow.protocol.serial.UnlockMac;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The device side of the serial protocol, as the MCU firmware would run it. Thread-safe: the
 * transport thread feeds bytes, a ticker calls {@link #tick}, the panel and API call the actions.
 *
 * <p>State that a real MCU keeps in flash survives {@link #powerOff}: the press counter, the last
 * accepted unlock counter and the fact that a session was cut. Everything else (session, tamper
 * latch, unsent frames, link sequence numbers) is lost. Reliable frames go to the host one at a
 * time from an ordered outbox and are sent again after the link gives up, so a PRESS is repeated
 * until the host ACKs it; the host de-duplicates by seq and by press counter.
 */
public final class SimulatedMcu {

    private static final int LOG_SIZE = 40;
    private static final long HOST_LOST_MILLIS = 5_000;
    private static final int CAPABILITIES_SEAL = Message.Hello.CAP_PIN_PAD | Message.Hello.CAP_BADGE_READER
            | Message.Hello.CAP_PRESS_SENSOR | Message.Hello.CAP_TAMPER_SWITCH;
    private static final int CAPABILITIES_CABINET = Message.Hello.CAP_PIN_PAD | Message.Hello.CAP_BADGE_READER
            | Message.Hello.CAP_DOOR | Message.Hello.CAP_SLOTS | Message.Hello.CAP_TAMPER_SWITCH;

    private final McuSpec spec;
    private final LongSupplier clock;
    private final LinkConfig linkConfig;
    private final Deque<String> log = new ArrayDeque<>();
    private final boolean[] slots;
    private final List<Runnable> listeners = new ArrayList<>();
    // "flash"
    private long pressCounter;
    private long lastUnlockCounter;
    private Session cutSession;
    // physical
    private boolean doorOpen;
    // volatile
    private boolean powered = true;
    private Consumer<byte[]> wire;
    private LinkEndpoint link;
    private final ReliableOutbox outbox = new ReliableOutbox();
    private AckListener ackListener = (message, nanos) -> { };
    private Session session;
    private boolean tamperLatched;
    private String lastAuth = "NONE";
    private long forcedPresses;
    private long linkStartedAt;
    private boolean sensorsOverSerial = true;
    private boolean hostSendsHeartbeats;

    public SimulatedMcu(McuSpec spec, LongSupplier monotonicMillis) {
        this(spec, monotonicMillis, LinkConfig.DEFAULT, 0);
    }

    public SimulatedMcu(McuSpec spec, LongSupplier monotonicMillis, LinkConfig linkConfig, long initialPressCounter) {
        this.spec = spec;
        this.clock = monotonicMillis;
        this.linkConfig = linkConfig;
        this.pressCounter = initialPressCounter;
        this.slots = new boolean[spec.slotCount()];
        Arrays.fill(slots, true);
        this.link = newLink();
    }

    public McuSpec spec() {
        return spec;
    }

    /**
     * Whether door and slot sensors are reported in DOOR/SLOT frames (true) or wired to the
     * gateway's own GPIO (false, as in the simulator's cabinets, so each change is reported once).
     */
    public synchronized void sensorsOverSerial(boolean overSerial) {
        this.sensorsOverSerial = overSerial;
    }

    /** Called after any state change, outside the lock is not guaranteed: keep it short. */
    public synchronized void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** The transport connected: from now on frames go to {@code out}. Sends HELLO, as after boot. */
    public synchronized void attach(Consumer<byte[]> out) {
        this.wire = out;
        if (!powered) {
            return;
        }
        link.portReopened();
        sayHello();
        flush();
        changed("link up");
    }

    public synchronized void detach() {
        this.wire = null;
        changed("link down");
    }

    /** Bytes from the host. Ignored without power, as the UART is dead then. */
    public synchronized void receive(byte[] data, int offset, int length) {
        if (!powered) {
            return;
        }
        link.receive(data, offset, length);
        afterLinkWork();
    }

    /** Retransmits, session timeout. Call every few tens of milliseconds. */
    public synchronized void tick() {
        if (!powered) {
            return;
        }
        link.tick();
        long now = clock.getAsLong();
        if (session != null && now >= session.deadline) {
            endSession(SessionEndReason.TIME_LIMIT);
        }
        // Only a host known to send HEARTBEAT every second can be judged lost by its silence.
        if (session != null && hostSendsHeartbeats && now - lastHeard() > HOST_LOST_MILLIS) {
            endSession(SessionEndReason.HOST_LOST);
        }
        afterLinkWork();
    }

    // ---- actions of the person at the device ----

    /** Keypad PIN or badge: forwarded to the host, which decides and answers with UNLOCK. */
    public synchronized void auth(AuthMethod method, String credential) {
        requirePower();
        lastAuth = "SENT";
        enqueue(new Message.Auth(method, credential));
        changed("keypad " + method + " entered");
    }

    /** A press on the seal: inside a session it counts, outside it is forced (and reported as such). */
    public synchronized PressOutcome press() {
        requirePower();
        if (spec.cabinet()) {
            throw new McuRefusedException("a cabinet has no press sensor");
        }
        pressCounter++;
        if (session != null && session.used < session.allowed) {
            session.used++;
            enqueue(new Message.Press(session.id, pressCounter, session.allowed - session.used));
            changed("PRESS #" + pressCounter + " in session " + session.id + ", " + (session.allowed - session.used) + " left");
            PressOutcome outcome = new PressOutcome(pressCounter, false, session.allowed - session.used);
            if (session.used == session.allowed) {
                endSession(SessionEndReason.PRESSES_USED);
            }
            return outcome;
        }
        forcedPresses++;
        enqueue(new Message.Press(0, pressCounter, 0));
        enqueue(new Message.Tamper(TamperKind.FORCED_PRESS));
        changed("FORCED PRESS #" + pressCounter + " without a session");
        return new PressOutcome(pressCounter, true, 0);
    }

    /** The custodian ends the session on the device (the rest of the allowed presses are given up). */
    public synchronized void endSession() {
        requirePower();
        if (session == null) {
            throw new McuRefusedException("no session is running on " + spec.deviceId());
        }
        endSession(SessionEndReason.ENDED_AT_DEVICE);
    }

    /** Cabinet door sensor. Opening it while the lock is engaged is reported as forced. */
    public synchronized void door(boolean open) {
        requirePower();
        if (!spec.cabinet()) {
            throw new McuRefusedException("a smart seal device has no door");
        }
        if (open == doorOpen) {
            return;
        }
        doorOpen = open;
        if (open && session == null) {
            enqueue(new Message.Tamper(TamperKind.DOOR_FORCED));
            addLog("TAMPER DOOR_FORCED: door opened without a session");
        }
        if (sensorsOverSerial) {
            enqueue(new Message.Door(open));
        }
        if (open && session != null) {
            session.doorWasOpened = true;
        }
        changed("door " + (open ? "opened" : "closed"));
        if (!open && session != null && session.doorWasOpened) {
            endSession(SessionEndReason.ENDED_AT_DEVICE);
        }
    }

    /** A seal taken out of (present = false) or put back into a cabinet slot; needs the door open. */
    public synchronized void slot(int slot, boolean present) {
        requirePower();
        if (!spec.cabinet() || slot < 1 || slot > slots.length) {
            throw new McuRefusedException("no slot " + slot + " on " + spec.deviceId());
        }
        if (!doorOpen) {
            throw new McuRefusedException("the cabinet door is closed");
        }
        if (slots[slot - 1] == present) {
            return;
        }
        slots[slot - 1] = present;
        if (sensorsOverSerial) {
            enqueue(new Message.Slot(slot, present));
        }
        changed("slot " + slot + (present ? ": seal put back" : ": seal taken out"));
    }

    /** A tamper sensor fires: it latches (no UNLOCK until power is cycled) and locks. */
    public synchronized void tamper(TamperKind kind) {
        requirePower();
        tamperLatched = true;
        enqueue(new Message.Tamper(kind));
        if (session != null) {
            endSession(SessionEndReason.TAMPER);
        }
        changed("TAMPER " + kind);
    }

    /** Line noise: random bytes written between frames; the agent must resync (a frame it loses is sent again). */
    public synchronized void injectNoise(int bytes) {
        Consumer<byte[]> w = wire;
        if (w == null || !powered || bytes <= 0) {
            return;
        }
        byte[] noise = new byte[bytes];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(noise);
        w.accept(noise);
        addLog("line noise: " + bytes + " bytes");
    }

    /** Power lost: the line goes dead, volatile state is gone, flash (counters) stays. */
    public synchronized void powerOff() {
        if (!powered) {
            return;
        }
        powered = false;
        cutSession = session;
        session = null;
        outbox.powerLost();
        tamperLatched = false;
        lastAuth = "NONE";
        changed("power lost");
    }

    /** Power back: boot, HELLO, and report the session the outage cut short. */
    public synchronized void powerOn() {
        if (powered) {
            return;
        }
        powered = true;
        link = newLink();
        outbox.restoreFromFlash();
        if (cutSession != null) {
            outbox.add(new Message.SessionEnd(cutSession.id, SessionEndReason.POWER, cutSession.used));
            cutSession = null;
        }
        if (wire != null) {
            sayHello(); // HELLO goes first; the kept events follow it
        }
        flush();
        changed("power restored");
    }

    public synchronized boolean powered() {
        return powered;
    }

    public synchronized McuState state() {
        McuState.Session s = session == null ? null : new McuState.Session(session.id, session.slot, session.allowed,
                session.used, (int) Math.max(0, (session.deadline - clock.getAsLong() + 999) / 1000));
        List<Boolean> slotList = new ArrayList<>();
        for (boolean present : slots) {
            slotList.add(present);
        }
        LockState lock = session != null ? LockState.UNLOCKED : LockState.LOCKED;
        return new McuState(spec.deviceId(), spec.kind().name(), powered, powered && wire != null, lock, s, pressCounter,
                lastUnlockCounter, doorOpen, session != null && spec.cabinet(), slotList, tamperLatched, lastAuth,
                outbox.size(), forcedPresses, List.copyOf(log));
    }

    // ---- the host's messages ----

    private ErrorCode onMessage(Message message) {
        if (message instanceof Message.Unlock unlock) {
            return onUnlock(unlock);
        }
        if (message instanceof Message.Lock lock) {
            if (session == null) {
                return ErrorCode.OK; // LOCK while locked is idempotent
            }
            if (lock.sessionId() != 0 && lock.sessionId() != session.id) {
                return ErrorCode.NO_SESSION;
            }
            endSession(SessionEndReason.LOCKED_BY_HOST);
            return ErrorCode.OK;
        }
        if (message instanceof Message.Heartbeat) {
            hostSendsHeartbeats = true;
            link.send(status());
            return ErrorCode.OK;
        }
        if (message instanceof Message.Hello hello) {
            if (ProtocolVersions.negotiate(hello.protocolVersions()).isEmpty()) {
                return ErrorCode.UNSUPPORTED_VERSION;
            }
            sayHello();
            return ErrorCode.OK;
        }
        return ErrorCode.NOT_ALLOWED;
    }

    private ErrorCode onUnlock(Message.Unlock unlock) {
        ErrorCode verdict = judge(unlock);
        if (verdict != ErrorCode.OK) {
            addLog("UNLOCK refused: " + verdict);
            return verdict;
        }
        lastUnlockCounter = unlock.unlockCounter();
        session = new Session(unlock.sessionId(), unlock.slot(), unlock.presses(),
                clock.getAsLong() + unlock.timeLimitSeconds() * 1000L);
        link.send(status());
        changed("UNLOCKED: session " + unlock.sessionId() + ", " + unlock.presses() + " presses, " + unlock.timeLimitSeconds() + " s");
        return ErrorCode.OK;
    }

    /** The order PROTOCOL.md §9 fixes: BAD_MAC, REPLAYED, BAD_ARGUMENT, BUSY, NOT_ALLOWED. */
    private ErrorCode judge(Message.Unlock unlock) {
        if (!UnlockMac.verify(spec.linkKey(), spec.deviceId(), unlock)) {
            return ErrorCode.BAD_MAC;
        }
        if (unlock.unlockCounter() <= lastUnlockCounter) {
            return ErrorCode.REPLAYED;
        }
        boolean slotOk = spec.cabinet() ? unlock.slot() <= spec.slotCount() : unlock.slot() == 0;
        if (!slotOk || !spec.cabinet() && unlock.presses() == 0 || unlock.timeLimitSeconds() == 0) {
            return ErrorCode.BAD_ARGUMENT;
        }
        if (session != null) {
            return ErrorCode.BUSY;
        }
        if (tamperLatched) {
            return ErrorCode.NOT_ALLOWED;
        }
        return ErrorCode.OK;
    }

    // ---- plumbing ----

    private void endSession(SessionEndReason reason) {
        Session ended = session;
        session = null;
        enqueue(new Message.SessionEnd(ended.id, reason, ended.used));
        link.send(status());
        changed("SESSION_END " + ended.id + ": " + reason + ", " + ended.used + " used");
    }

    private void sayHello() {
        outbox.addFirst(new Message.Hello(spec.deviceId(), spec.firmware(), pressCounter,
                capabilities(), spec.slotCount(), lastUnlockCounter,
                ProtocolVersions.SUPPORTED));
        pump();
    }

    private int capabilities() {
        if (!spec.cabinet()) {
            return CAPABILITIES_SEAL;
        }
        return sensorsOverSerial ? CAPABILITIES_CABINET : CAPABILITIES_CABINET & ~(Message.Hello.CAP_DOOR | Message.Hello.CAP_SLOTS);
    }

    private Message.Status status() {
        int secondsLeft = session == null ? 0 : (int) Math.min(0xFFFF, Math.max(0, (session.deadline - clock.getAsLong()) / 1000));
        return new Message.Status(session != null ? LockState.UNLOCKED : LockState.LOCKED, session == null ? 0 : session.id,
                session == null ? 0 : session.allowed - session.used, secondsLeft, doorOpen, tamperLatched, pressCounter);
    }

    /** Told how long each reliable frame took from queueing to the host's ACK (load figures). */
    public synchronized void onAck(AckListener listener) {
        this.ackListener = listener;
    }

    private void enqueue(Message message) {
        outbox.add(message);
        pump();
        flush();
    }

    private void pump() {
        if (powered) {
            outbox.pump(link);
        }
    }

    private void afterLinkWork() {
        for (LinkEvent event : link.takeEvents()) {
            ReliableOutbox.Settled settled = outbox.onEvent(event, link);
            if (settled == null) {
                continue;
            }
            if (event instanceof LinkEvent.Acknowledged) {
                ackListener.acked(settled.message(), settled.nanosSinceQueued());
            }
            if (settled.message() instanceof Message.Auth) {
                lastAuth = event instanceof LinkEvent.Refused r ? "REFUSED:" + r.code() : "ACCEPTED";
                changed("keypad entry " + lastAuth);
            }
            pump();
        }
        flush();
    }

    private void flush() {
        List<byte[]> out = link.takeOutgoing();
        Consumer<byte[]> w = wire;
        if (w != null && powered) {
            out.forEach(w);
        }
    }

    private long lastHeard() {
        return Math.max(link.lastHeardMillis(), linkStartedAt);
    }

    private LinkEndpoint newLink() {
        linkStartedAt = clock.getAsLong();
        return new LinkEndpoint(linkConfig, clock, this::onMessage);
    }

    private void requirePower() {
        if (!powered) {
            throw new McuRefusedException(spec.deviceId() + " has no power");
        }
    }

    private void changed(String what) {
        addLog(what);
        listeners.forEach(Runnable::run);
    }

    private void addLog(String what) {
        if (log.size() == LOG_SIZE) {
            log.removeFirst();
        }
        log.addLast(String.format("%tT %s", System.currentTimeMillis(), what));
    }

    /** Observes ACKed frames. */
    @FunctionalInterface
    public interface AckListener {
        void acked(Message message, long nanosSinceQueued);
    }

    /** What a press did. */
    public record PressOutcome(long pressCounter, boolean forced, int remaining) {
    }

    private static final class Session {
        final long id;
        final int slot;
        final int allowed;
        final long deadline;
        int used;
        boolean doorWasOpened;

        Session(long id, int slot, int allowed, long deadline) {
            this.id = id;
            this.slot = slot;
            this.allowed = allowed;
            this.deadline = deadline;
        }
    }
}
