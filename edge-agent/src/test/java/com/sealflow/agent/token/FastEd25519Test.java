package com.sealflow.agent.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sealflow.protocol.token.TokenRefusal;
import com.sealflow.protocol.token.UnlockToken;
import com.sealflow.protocol.token.UnlockTokenCodec;
import com.sealflow.protocol.token.VerifiedToken;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FastEd25519Test {

    @Test
    void agreesWithTheJdkOnGoodAndTamperedSignatures() throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        for (int i = 0; i < 20; i++) {
            byte[] input = ("token input " + i).repeat(i + 1).getBytes(StandardCharsets.UTF_8);
            byte[] sig = UnlockTokenCodec.JDK.sign(kp.getPrivate(), input);
            assertTrue(FastEd25519.INSTANCE.verify(kp.getPublic(), input, sig));
            assertFalse(FastEd25519.INSTANCE.verify(other.getPublic(), input, sig));
            byte[] bad = sig.clone();
            bad[i % 64] ^= 0x40;
            assertEquals(UnlockTokenCodec.JDK.verify(kp.getPublic(), input, bad), FastEd25519.INSTANCE.verify(kp.getPublic(), input, bad));
            assertFalse(FastEd25519.INSTANCE.verify(kp.getPublic(), input, bad));
        }
    }

    @Test
    void theCodecWithTheFastCheckAcceptsGoodTokensAndRefusesForgedOnes() throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        UnlockToken token = new UnlockToken("t1", "LD-001", "s1", 1, "r1", "u1", 1, 1_000L, 61_000L, 3L);
        VerifiedToken good = UnlockTokenCodec.parseAndVerify(UnlockTokenCodec.sign(token, kp.getPrivate(), "k1"),
            Map.of("k1", kp.getPublic()), FastEd25519.INSTANCE);
        assertTrue(good.verified());
        assertEquals(token, good.token());
        VerifiedToken forged = UnlockTokenCodec.parseAndVerify(UnlockTokenCodec.sign(token, forger.getPrivate(), "k1"),
            Map.of("k1", kp.getPublic()), FastEd25519.INSTANCE);
        assertEquals(TokenRefusal.BAD_SIGNATURE, forged.refusal());
    }
}
