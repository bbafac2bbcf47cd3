package com.sealflow.agent.session;

import com.sealflow.agent.clock.AgentClock;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.journal.TokenLedger;
import com.sealflow.agent.token.ArmedToken;
import com.sealflow.agent.token.TokenGate;
import com.sealflow.agent.token.TokenRefusedException;
import com.sealflow.protocol.token.VerifiedToken;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a restarted agent (crash, {@code kill -9}, power loss) takes up again from the journal.
 *
 * <p>Armed tokens come back with the rest of their TTL, measured across the gap by the wall clock; one that lapsed
 * meanwhile (or whose gap cannot be measured) is refused as EXPIRED. A session that was running is <em>resumed</em>,
 * never re-granted: the MCU holds the grant of N presses from the one UNLOCK it accepted and enforces it, the agent
 * never sends a second UNLOCK for a used token, its press count starts from the presses journaled for the session, a
 * press beyond the allowed count is flagged, and the watchdog gets only the time limit left. If the MCU lost power
 * too it reports the session ended (POWER) and the agent closes it with DONE and the presses used. A session whose
 * SESSION_ENDED was journaled just before the crash is simply forgotten.
 */
final class SessionRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRecovery.class);

    private SessionRecovery() {
    }

    /** What the ledger held: tokens to arm again, the ones refused now, and the session to resume (or null). */
    record Recovered(List<ArmedToken> armed, List<Refused> refused, ActiveSession active, UnverifiableSession lost) {
    }

    /** An armed token that cannot be taken up again. */
    record Refused(String commandId, String tokenId, String reason) {
    }

    /** A session whose token no longer verifies (its key was dropped): it is locked and ended at once. */
    record UnverifiableSession(String commandId, String tokenId, long sessionId, int pressesUsed) {
    }

    static Recovered recover(TokenGate gate, TokenLedger ledger, Journal journal, AgentClock clock) throws SQLException {
        List<ArmedToken> armed = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        ActiveSession active = null;
        UnverifiableSession lost = null;
        for (TokenLedger.Armed row : ledger.armed()) {
            if (row.sessionId() == null) {
                try {
                    armed.add(gate.rearm(row.wire(), row.commandId(), row.receivedAt()));
                    LOG.info("token {} armed again after a restart", row.tokenId());
                } catch (TokenRefusedException e) {
                    ledger.disarm(row.tokenId());
                    refused.add(new Refused(row.commandId(), row.tokenId(), e.reason().name()));
                }
                continue;
            }
            long sessionId = row.sessionId();
            if (journal.sessionEnded(sessionId) || active != null) {
                ledger.disarm(row.tokenId());
                continue;
            }
            int used = journal.pressesIn(sessionId);
            VerifiedToken v = gate.verify(row.wire());
            if (!v.verified()) {
                lost = new UnverifiableSession(row.commandId(), row.tokenId(), sessionId, used);
                continue;
            }
            long limitNanos = row.sessionLimitMillis() * 1_000_000L;
            long elapsedMs = Math.max(0, clock.wallMillis() - row.sessionStartedAt());
            long now = clock.monoNanos();
            ArmedToken token = new ArmedToken(v.token(), v.keyId(), row.commandId(), now, now);
            active = new ActiveSession(token, sessionId, now - Math.min(limitNanos, elapsedMs * 1_000_000L), limitNanos);
            active.pressesUsed = used;
            LOG.info("session {} of token {} resumed after a restart: {} of {} presses used", sessionId, row.tokenId(), used,
                    v.token().pressesAllowed());
        }
        return new Recovered(armed, refused, active, lost);
    }
}
