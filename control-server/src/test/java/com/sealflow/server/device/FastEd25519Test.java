package com.sealflow.server.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sealflow.protocol.token.UnlockToken;
import com.sealflow.protocol.token.UnlockTokenCodec;
import com.sealflow.protocol.token.VerifiedToken;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    void aTokenSignedOnTheFastPathVerifiesWithTheJdkCodec() throws Exception {
        KeyPair kp = pair();
        UnlockToken token = new UnlockToken("t1", "LD-001", "s1", 1, "r1", "u1", 2, 1_000L, 61_000L, 7L);
        String fast = UnlockTokenCodec.sign(token, kp.getPrivate(), "k1", FastEd25519.INSTANCE);
        assertEquals(UnlockTokenCodec.sign(token, kp.getPrivate(), "k1"), fast);
        VerifiedToken v = UnlockTokenCodec.parseAndVerify(fast, Map.of("k1", kp.getPublic()));
        assertTrue(v.verified());
        assertEquals(token, v.token());
    }
}
