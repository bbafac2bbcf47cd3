package com.sealflow.agent.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.agent.identity.DeviceKeys;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.journal.TokenLedger;
import com.sealflow.agent.journal.ProtocolEvidenceSealer;
import com.sealflow.agent.testkit.FakeClock;
import com.sealflow.agent.testkit.TokenFactory;
import com.sealflow.protocol.token.TokenDecision;
import com.sealflow.protocol.token.UnlockToken;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenGateTest {

    private static final String DEV = "dev-1";
    private static final long FLOOR = 1_000_000;

    @TempDir
    Path dir;
    private final FakeClock clock = new FakeClock();
    private final AtomicLong free = new AtomicLong(10 * FLOOR);
    private TokenFactory server;
    private Journal journal;
    private TokenGate gate;

    @BeforeEach
    void setUp() throws Exception {
        server = new TokenFactory();
        journal = new Journal(dir, DEV, new ProtocolEvidenceSealer(DeviceKeys.generate().privateKey()));
        PublicKey pub = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(server.tokenKey().publicKey())));
        gate = new TokenGate(DEV, () -> Map.of(TokenFactory.KID, pub), journal.tokens(), clock, 60_000, free::get, FLOOR);
    }

    @AfterEach
    void tearDown() throws Exception {
        journal.close();
    }

    private UnlockToken fresh() {
        return server.token(DEV, "u-custodian", 2, clock.wallMillis(), 300_000);
    }

    private RefusalReason refusal(String wire) {
        try {
            gate.admit(wire, "c", clock.monoNanos());
            throw new AssertionError("token was accepted");
        } catch (TokenRefusedException e) {
            return e.reason();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void acceptsAValidTokenAndRecordsItDurably() throws Exception {
        UnlockToken t = fresh();
        ArmedToken a = gate.admit(server.sign(t), "cmd-1", clock.monoNanos());
        assertThat(a.token()).isEqualTo(t);
        assertThat(a.keyId()).isEqualTo(TokenFactory.KID);
        assertThat(journal.tokens().state(t.tokenId())).contains("ACCEPTED");
        assertThat(journal.tokens().lastCounter()).isEqualTo(t.counter());
    }

    @Test
    void theAcceptedAnswerIsJournaledWithTheTokenAndARefusalJournalsNone() throws Exception {
        UnlockToken t = fresh();
        String wire = server.sign(t);
        gate.admit(wire, "cmd-7", clock.monoNanos(), "{\"state\":\"ACCEPTED\"}");
        assertThat(journal.firstResult("cmd-7")).contains("{\"state\":\"ACCEPTED\"}");
        assertThat(journal.tokens().armed()).singleElement().extracting(TokenLedger.Armed::commandId).isEqualTo("cmd-7");

        // the same token again (a replay under another command): refused, and no ACCEPTED is kept for that command
        assertThatThrownBy(() -> gate.admit(wire, "cmd-8", clock.monoNanos(), "{\"state\":\"ACCEPTED\"}"))
                .isInstanceOf(TokenRefusedException.class);
        assertThat(journal.firstResult("cmd-8")).isEmpty();
    }

    @Test
    void refusesEveryKindOfBadToken() throws Exception {
        UnlockToken good = fresh();
        String wire = server.sign(good);
        String tampered = TokenFactory.tamper(wire);
        assertThat(refusal(tampered)).isEqualTo(RefusalReason.BAD_SIGNATURE);
        var forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThat(refusal(server.signWith(fresh(), forger, TokenFactory.KID))).isEqualTo(RefusalReason.BAD_SIGNATURE);
        assertThat(refusal(server.signWith(fresh(), forger, "k9"))).isEqualTo(RefusalReason.UNKNOWN_KEY);
        assertThat(refusal("not-a-token")).isEqualTo(RefusalReason.BAD_FORMAT);
        assertThat(refusal(server.sign(server.token("dev-2", "u", 1, clock.wallMillis(), 300_000))))
                .isEqualTo(RefusalReason.WRONG_DEVICE);

        gate.admit(wire, "c1", clock.monoNanos());
        assertThat(refusal(wire)).isEqualTo(RefusalReason.ALREADY_USED);
        assertThat(refusal(server.sign(server.withCounter(fresh(), good.counter())))).isEqualTo(RefusalReason.COUNTER_NOT_INCREASING);
        assertThat(refusal(server.sign(server.withCounter(fresh(), good.counter() - 5)))).isEqualTo(RefusalReason.COUNTER_NOT_INCREASING);

        assertThat(refusal(server.sign(server.token(DEV, "u", 1, clock.wallMillis() + 3_600_000, 300_000))))
                .isEqualTo(RefusalReason.CLOCK_SKEW);
        assertThat(refusal(server.sign(server.token(DEV, "u", 1, clock.wallMillis() - 3_600_000, 300_000))))
                .isEqualTo(RefusalReason.EXPIRED);

        UnlockToken revoked = fresh();
        journal.tokens().mark(revoked.tokenId(), "REVOKED", clock.wallMillis());
        assertThat(refusal(server.sign(revoked))).isEqualTo(RefusalReason.REVOKED);

        free.set(FLOOR - 1);
        assertThat(refusal(server.sign(fresh()))).isEqualTo(RefusalReason.STORE_FULL);
    }

    @Test
    void ttlIsCountedOnTheMonotonicClockFromReceiptNotOnTheWallClock() throws Exception {
        UnlockToken t = server.token(DEV, "u", 1, clock.wallMillis(), 60_000);
        long receivedAt = clock.monoNanos();
        clock.advanceMonoMillis(61_000);
        assertThat(refusal0(server.sign(t), receivedAt)).isEqualTo(RefusalReason.EXPIRED);

        UnlockToken t2 = server.token(DEV, "u", 1, clock.wallMillis(), 60_000);
        ArmedToken a = gate.admit(server.sign(t2), "c", clock.monoNanos());
        clock.shiftWallMillis(-30_000);
        assertThat(gate.stillValid(a)).isEqualTo(TokenDecision.ACCEPT);
        clock.advanceMonoMillis(59_000);
        assertThat(gate.stillValid(a)).isEqualTo(TokenDecision.ACCEPT);
        clock.advanceMonoMillis(2_000);
        assertThat(a.expired(clock.monoNanos())).isTrue();
        assertThat(gate.stillValid(a)).isEqualTo(TokenDecision.EXPIRED);
    }

    private RefusalReason refusal0(String wire, long receivedAt) throws Exception {
        try {
            gate.admit(wire, "c", receivedAt);
            throw new AssertionError("accepted");
        } catch (TokenRefusedException e) {
            return e.reason();
        }
    }

    @Test
    void ledgerSurvivesReopenSoAReplayAfterRebootFails() throws Exception {
        UnlockToken t = fresh();
        gate.admit(server.sign(t), "c", clock.monoNanos());
        journal.close();
        journal = new Journal(dir, DEV, new ProtocolEvidenceSealer(DeviceKeys.generate().privateKey()));
        setUpGateOnly();
        assertThatThrownBy(() -> gate.admit(server.sign(t), "c", clock.monoNanos()))
                .isInstanceOfSatisfying(TokenRefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.ALREADY_USED));
    }

    private void setUpGateOnly() throws Exception {
        PublicKey pub = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(server.tokenKey().publicKey())));
        gate = new TokenGate(DEV, () -> Map.of(TokenFactory.KID, pub), journal.tokens(), clock, 60_000, free::get, FLOOR);
    }
}
