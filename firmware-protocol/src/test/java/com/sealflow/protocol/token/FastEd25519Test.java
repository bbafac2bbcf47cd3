package com.sealflow.protocol.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fast path gives the JDK's signatures and answers, as the server (signing) and the agent (checking) use it. */
class FastEd25519Test {

    private static KeyPair pair() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @Test
    void signsExactlyLikeTheJdk() throws Exception {
        KeyPair kp = pair();
        for (int i = 0; i < 20; i++) {
            byte[] input = ("message " + i).repeat(i + 1).getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(UnlockTokenCodec.JDK.sign(kp.getPrivate(), input), FastEd25519.INSTANCE.sign(kp.getPrivate(), input));
        }
    }

    @Test
    void verifiesLikeTheJdkAndRefusesTamperedSignaturesAndOtherKeys() throws Exception {
        KeyPair kp = pair();
        KeyPair other = pair();
        byte[] input = "sign me".getBytes(StandardCharsets.UTF_8);
        byte[] sig = UnlockTokenCodec.JDK.sign(kp.getPrivate(), input);
        assertTrue(FastEd25519.INSTANCE.verify(kp.getPublic(), input, sig));
        assertFalse(FastEd25519.INSTANCE.verify(other.getPublic(), input, sig));
        byte[] bad = sig.clone();
        bad[10] ^= 1;
        assertFalse(FastEd25519.INSTANCE.verify(kp.getPublic(), input, bad));
        assertEquals(UnlockTokenCodec.JDK.verify(kp.getPublic(), input, bad), FastEd25519.INSTANCE.verify(kp.getPublic(), input, bad));
        assertFalse(FastEd25519.INSTANCE.verify(kp.getPublic(), input, new byte[63]));
    }

    @Test
    void agreesWithTheJdkOnGoodAndTamperedSignatures() throws Exception {
        KeyPair kp = pair();
        KeyPair other = pair();
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
    void keysBeyondTheCacheBoundStillSignAndVerifyLikeTheJdk() throws Exception {
        byte[] input = "many keys".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 80; i++) {
            KeyPair kp = pair();
            byte[] sig = FastEd25519.INSTANCE.sign(kp.getPrivate(), input);
            assertArrayEquals(UnlockTokenCodec.JDK.sign(kp.getPrivate(), input), sig);
            assertTrue(FastEd25519.INSTANCE.verify(kp.getPublic(), input, sig));
            assertTrue(FastEd25519.INSTANCE.verify(kp.getPublic(), input, sig));
        }
    }

    @Test
    void aTokenSignedOnTheFastPathVerifiesWithTheJdkCodec() throws Exception {
        KeyPair kp = pair();
        UnlockToken token = new UnlockToken("t1", "LD-001", "s1", 1, "r1", "u1", 2, 1_000L, 61_000L, 7L);
        String fast = UnlockTokenCodec.sign(token, kp.getPrivate(), "k1", FastEd25519.INSTANCE);
        assertEquals(UnlockTokenCodec.sign(token, kp.getPrivate(), "k1"), fast);
        VerifiedToken v = UnlockTokenCodec.parseAndVerify(fast, Map.of("k1", kp.getPublic()));
        assertTrue(v.verified());
        assertEquals(token, v.token());
    }

    @Test
    void theCodecWithTheFastCheckAcceptsGoodTokensAndRefusesForgedOnes() throws Exception {
        KeyPair kp = pair();
        KeyPair forger = pair();
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
