package com.sealflow.agent.session;

import com.sealflow.agent.camera.Camera;
import com.sealflow.agent.clock.AgentClock;
import com.sealflow.agent.device.McuPort;
import com.sealflow.agent.gpio.GpioBoard;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.journal.TokenLedger;
import com.sealflow.agent.token.ArmedToken;
import com.sealflow.agent.token.RefusalReason;
import com.sealflow.agent.token.TokenGate;
import com.sealflow.agent.token.TokenRefusedException;
import com.sealflow.protocol.link.LinkEvent;
import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.UnlockMac;
import com.sealflow.protocol.token.TokenDecision;
import com.sealflow.protocol.token.UnlockToken;
import com.sealflow.protocol.token.VerifiedToken;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's stamping state machine: tokens are admitted by the {@link TokenGate} and armed; the MCU's AUTH
 * starts a session for the armed token whose custodian it proves (UNLOCK with a MAC under the link key); presses
 * are journaled with photos before the MCU gets its ACK; SESSION_END (or the agent's watchdog) ends the session
 * and reports DONE with pressesUsed. All methods are serialised on this object; MCU sends never block.
 */
public final class SessionController {

    private static final Logger LOG = LoggerFactory.getLogger(SessionController.class);
    private static final long DUPLICATE_WINDOW_MS = Duration.ofHours(24).toMillis();
    private static final long WATCHDOG_GRACE_NANOS = Duration.ofSeconds(5).toNanos();

    private final String deviceId;
    private final boolean cabinet;
    private final TokenGate gate;
    private final TokenLedger ledger;
    private final Journal journal;
    private final CustodianAuth custodians;
    private final EvidenceRecorder evidence;
    private final CommandResults results;
    private final McuPort mcu;
    private final GpioBoard gpio;
    private final AgentClock clock;
    private final ClockSkew skew;
    private final Duration timeLimit;
    private final byte[] linkKey;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ArmedToken> armed = new LinkedHashMap<>();
    private ActiveSession active;

    public SessionController(SessionDeps d) {
        this.deviceId = d.deviceId();
        this.cabinet = d.cabinet();
        this.gate = d.gate();
        this.journal = d.journal();
        this.ledger = d.journal().tokens();
        this.custodians = d.custodians();
        this.evidence = d.evidence();
        this.results = d.results();
        this.mcu = d.mcu();
        this.gpio = d.gpio();
        this.clock = d.clock();
        this.skew = d.skew();
        this.timeLimit = d.timeLimit();
        this.linkKey = d.linkKey().clone();
    }

    /**
     * After a restart, before the MCU link and the broker are up: takes up the armed tokens and the running session
     * the journal holds ({@link SessionRecovery}); lapsed tokens are refused, an unverifiable session is locked.
     */
    public synchronized void restore() {
        try {
            SessionRecovery.Recovered r = SessionRecovery.recover(gate, ledger, journal, clock);
            r.armed().forEach(a -> armed.put(a.token().tokenId(), a));
            r.refused().forEach(x -> refuse(x.commandId(), x.tokenId(), x.reason()));
            active = r.active();
            if (active != null) {
                Map<String, Object> body = EventBodies.token(active.armed.token());
                body.put("sessionId", active.sessionId);
                body.put("pressesUsed", active.pressesUsed);
                body.put("pressesAllowed", active.armed.token().pressesAllowed());
                evidence.record("SESSION_RESUMED", body);
                if (cabinet) {
                    gpio.lockRelay(true);
                }
            }
            if (r.lost() != null) {
                var lost = r.lost();
                mcu.send(new Message.Lock(lost.sessionId()));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("tokenId", lost.tokenId());
                body.put("sessionId", lost.sessionId());
                body.put("pressesUsed", lost.pressesUsed());
                body.put("reason", "TOKEN_UNVERIFIABLE_AFTER_RESTART");
                evidence.record("SESSION_ENDED", body);
                ledger.disarm(lost.tokenId());
                results.done(lost.commandId(), lost.pressesUsed());
            }
            gpio.led(!armed.isEmpty() || active != null);
        } catch (SQLException e) {
            throw new IllegalStateException("journal unreadable: cannot take up armed tokens and sessions", e);
        }
    }

    /** {@code cmd/unlock}: verify, then ACCEPTED and arm, or REJECTED{reason} plus a TOKEN_REFUSED event. */
    public synchronized void unlock(String commandId, String wireToken, long receivedMonoNanos) {
        try {
            // the ACCEPTED answer is journaled with the token, in the ledger's one durable write
            CommandResults.Result answer = results.acceptedResult(commandId);
            ArmedToken a = gate.admit(wireToken, commandId, receivedMonoNanos, answer.json());
            skew.observe(a.token().issuedAt(), receivedMonoNanos);
            armed.put(a.token().tokenId(), a);
            gpio.led(true);
            results.sendRecorded(answer);
            LOG.info("token {} accepted: {} presses for {}", a.token().tokenId(), a.token().pressesAllowed(), a.token().custodianId());
        } catch (TokenRefusedException e) {
            LOG.warn("token refused for command {}: {}", commandId, e.getMessage());
            if (e.reason() == RefusalReason.CLOCK_SKEW) {
                // An authentic token issued "in the future" bounds how far behind this clock is (transit only shrinks
                // the estimate), so HEALTH and later presses report it. EXPIRED is ambiguous (late delivery): not used.
                VerifiedToken v = gate.verify(wireToken);
                if (v.verified()) {
                    skew.observe(v.token().issuedAt(), receivedMonoNanos);
                }
            }
            refuse(commandId, e.tokenId(), e.reason().name());
        } catch (SQLException e) {
            LOG.error("token ledger failed", e);
            results.rejected(commandId, "INTERNAL");
        }
    }

    /** {@code cmd/revoke}: an unused token is disarmed and its id blocked for good; a token in use cannot be. */
    public synchronized void revoke(String commandId, String tokenId) {
        try {
            if (active != null && active.armed.token().tokenId().equals(tokenId)) {
                // PROTOCOL.md: a token revoked during its session locks the device; SESSION_END then reports DONE.
                mcu.send(new Message.Lock(active.sessionId));
                evidence.record("TOKEN_REVOKED", Map.of("tokenId", tokenId, "wasArmed", false, "sessionLocked", true));
                results.done(commandId, null);
                return;
            }
            ArmedToken a = armed.remove(tokenId);
            String state = ledger.state(tokenId).orElse(null);
            if (a == null && "USED".equals(state)) {
                results.rejected(commandId, "ALREADY_USED");
                return;
            }
            ledger.mark(tokenId, "REVOKED", clock.wallMillis());
            if (a != null) {
                results.rejected(a.commandId(), RefusalReason.REVOKED.name());
            }
            evidence.record("TOKEN_REVOKED", Map.of("tokenId", tokenId, "wasArmed", a != null));
            ledOff();
            results.done(commandId, null);
        } catch (SQLException e) {
            LOG.error("token ledger failed", e);
            results.rejected(commandId, "INTERNAL");
        }
    }

    /** Messages from the MCU (link thread). The return value is the ACK/NACK the MCU receives. */
    public synchronized ErrorCode onMessage(Message m) {
        if (m instanceof Message.Auth auth) {
            return auth(auth);
        } else if (m instanceof Message.Press press) {
            return press(press);
        } else if (m instanceof Message.SessionEnd end) {
            return sessionEnd(end);
        } else if (m instanceof Message.Door door) {
            evidence.record("DOOR", Map.of("open", door.open(), "source", "mcu", "sessionActive", active != null));
        } else if (m instanceof Message.Slot slot) {
            evidence.record("SLOT", Map.of("slot", slot.slot(), "present", slot.present(), "source", "mcu"));
        } else if (m instanceof Message.Tamper tamper) {
            evidence.record("TAMPER", Map.of("kind", tamper.kind().name()));
        }
        return ErrorCode.OK;
    }

    private ErrorCode auth(Message.Auth auth) {
        if (active != null) {
            return ErrorCode.BUSY;
        }
        long now = clock.monoNanos();
        for (Iterator<ArmedToken> it = armed.values().iterator(); it.hasNext();) {
            ArmedToken a = it.next();
            if (!custodians.matches(a.token().custodianId(), auth.method(), auth.credential())) {
                continue;
            }
            it.remove();
            TokenDecision d = a.expired(now) ? TokenDecision.EXPIRED : stillValid(a);
            if (d != TokenDecision.ACCEPT) {
                disarm(a.token().tokenId());
                refuse(a.commandId(), a.token().tokenId(), d.name());
                ledOff();
                return ErrorCode.NOT_ALLOWED;
            }
            return start(a, now);
        }
        evidence.record("AUTH_FAILED", Map.of("method", auth.method().name(), "armedTokens", armed.size()));
        return ErrorCode.NOT_ALLOWED;
    }

    private TokenDecision stillValid(ArmedToken a) {
        try {
            return gate.stillValid(a);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private ErrorCode start(ArmedToken a, long now) {
        UnlockToken t = a.token();
        try {
            long counter = UnlockCounter.next(journal, mcu);
            long sessionId = 1 + (random.nextInt() & 0x7FFFFFFFL);
            int limitSeconds = (int) Math.min(0xFFFF, timeLimit.toSeconds());
            Map<String, Object> body = EventBodies.token(t);
            body.put("sessionId", sessionId);
            body.put("pressesAllowed", t.pressesAllowed());
            body.put("custodianId", t.custodianId());
            // token USED, its session, the UNLOCK counter and the SESSION_STARTED event: one durable transaction
            evidence.record("SESSION_STARTED", body,
                    ledger.sessionStart(t.tokenId(), sessionId, clock.wallMillis(), timeLimit.toMillis(), counter));
            active = new ActiveSession(a, sessionId, now, timeLimit.toNanos());
            if (cabinet) {
                gpio.lockRelay(true);
            }
            String mcuId = mcu.deviceHello().map(Message.Hello::deviceId).orElse(deviceId);
            mcu.send(UnlockMac.sign(linkKey, mcuId, sessionId, a.mcuSlot(), t.pressesAllowed(), limitSeconds, counter))
                    .whenComplete((ev, err) -> unlockAnswered(sessionId, ev, err));
            return ErrorCode.OK;
        } catch (SQLException | UncheckedIOException e) {
            LOG.error("cannot start session", e);
            active = null;
            return ErrorCode.INTERNAL;
        }
    }

    private synchronized void unlockAnswered(long sessionId, LinkEvent ev, Throwable err) {
        if (ev instanceof LinkEvent.Acknowledged) {
            return;
        }
        if (active == null || active.sessionId != sessionId) {
            return;
        }
        if (ev instanceof LinkEvent.Refused r) {
            String commandId = active.armed.commandId();
            end("UNLOCK_REFUSED_" + r.code(), null, false);
            results.rejected(commandId, "DEVICE_" + r.code());
        } else {
            // No answer: the MCU may have unlocked. Keep the session; its PRESS/SESSION_END or the watchdog settles it.
            LOG.warn("UNLOCK for session {} got no answer ({}); waiting for the MCU", sessionId, err != null ? err : ev);
        }
    }

    private ErrorCode press(Message.Press p) {
        try {
            if (journal.hasPress(p.sessionId(), p.pressCounter(), clock.wallMillis() - DUPLICATE_WINDOW_MS)) {
                LOG.info("press {} of session {} re-offered after a restart: already journaled", p.pressCounter(), p.sessionId());
                return ErrorCode.OK;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("journal unreadable; press left unanswered for retransmission", e);
        }
        boolean inSession = active != null && active.sessionId == p.sessionId();
        // An MCU reporting more presses than the token allows is faulty or tampered with: flag the press, lock it.
        boolean beyondAllowed = inSession && active.pressesUsed >= active.armed.token().pressesAllowed();
        Map<String, Object> body = inSession ? EventBodies.token(active.armed.token()) : EventBodies.noToken();
        body.put("sessionId", p.sessionId());
        body.put("pressCounter", p.pressCounter());
        body.put("remaining", p.remainingPresses());
        body.put("forced", !inSession);
        if (beyondAllowed) {
            body.put("beyondAllowed", true);
            mcu.send(new Message.Lock(p.sessionId()));
        }
        String sealId = inSession ? active.armed.token().sealId() : null;
        evidence.recordPress(body, new Camera.Shot(deviceId, sealId, p.pressCounter(), true));
        if (inSession) {
            active.pressesUsed++;
        }
        return ErrorCode.OK;
    }

    private ErrorCode sessionEnd(Message.SessionEnd e) {
        if (active != null && (e.sessionId() == 0 || e.sessionId() == active.sessionId)) {
            end(e.reason().name(), e.pressesUsed());
        } else {
            evidence.record("SESSION_ENDED", Map.of("sessionId", e.sessionId(), "reason", e.reason().name(),
                    "mcuPressesUsed", e.pressesUsed(), "unknownSession", true));
        }
        return ErrorCode.OK;
    }

    private void end(String reason, Integer mcuPresses) {
        end(reason, mcuPresses, true);
    }

    private void end(String reason, Integer mcuPresses, boolean reportDone) {
        ActiveSession s = active;
        active = null;
        Map<String, Object> body = EventBodies.token(s.armed.token());
        body.put("sessionId", s.sessionId);
        body.put("pressesUsed", s.pressesUsed);
        body.put("mcuPressesUsed", mcuPresses);
        body.put("reason", reason);
        evidence.record("SESSION_ENDED", body);
        disarm(s.armed.token().tokenId());
        if (cabinet) {
            gpio.lockRelay(false);
        }
        ledOff();
        if (reportDone) {
            results.done(s.armed.commandId(), s.pressesUsed);
        }
    }

    /** Door/slot changes seen on the agent's own GPIO (cabinet). */
    public synchronized void sensor(String type, Map<String, Object> body) {
        Map<String, Object> b = new LinkedHashMap<>(body);
        b.put("source", "gpio");
        b.put("sessionActive", active != null);
        evidence.record(type, b);
    }

    /** Periodic: lapse armed tokens past their monotonic TTL; lock a session the MCU failed to end in time. */
    public synchronized void tick() {
        long now = clock.monoNanos();
        List<ArmedToken> lapsed = new ArrayList<>();
        armed.values().removeIf(a -> a.expired(now) && lapsed.add(a));
        lapsed.forEach(a -> disarm(a.token().tokenId()));
        lapsed.forEach(a -> refuse(a.commandId(), a.token().tokenId(), RefusalReason.EXPIRED.name()));
        if (!lapsed.isEmpty()) {
            ledOff();
        }
        if (active != null && now - active.startedMonoNanos > active.limitNanos + WATCHDOG_GRACE_NANOS) {
            mcu.send(new Message.Lock(active.sessionId));
            end("TIME_LIMIT_AGENT", null);
        }
    }

    public synchronized SessionView view() {
        List<String> ids = new ArrayList<>(armed.keySet());
        return new SessionView(ids, active == null ? null : active.armed.token().tokenId(),
                active == null ? 0 : active.sessionId, active == null ? 0 : active.pressesUsed,
                active == null ? 0 : active.armed.token().pressesAllowed());
    }

    /** For status and the simulator panel: armed token ids, and the running session if any. */
    public record SessionView(List<String> armedTokens, String activeToken, long sessionId, int pressesUsed, int pressesAllowed) {

        public int remainingPresses() {
            return Math.max(0, pressesAllowed - pressesUsed);
        }
    }

    private void refuse(String commandId, String tokenId, String reason) {
        results.rejected(commandId, reason);
        Map<String, Object> body = new HashMap<>();
        body.put("tokenId", tokenId);
        body.put("reason", reason);
        body.put("commandId", commandId);
        evidence.record("TOKEN_REFUSED", body);
    }

    /** The token is no longer held; a failure only means a restart would find it and refuse or close it then. */
    private void disarm(String tokenId) {
        try {
            ledger.disarm(tokenId);
        } catch (SQLException e) {
            LOG.error("cannot drop armed token {} from the journal", tokenId, e);
        }
    }

    private void ledOff() {
        if (armed.isEmpty() && active == null) {
            gpio.led(false);
        }
    }
}
