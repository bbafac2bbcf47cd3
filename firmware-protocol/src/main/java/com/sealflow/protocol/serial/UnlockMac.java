package com.sealflow.protocol.serial;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MAC that makes UNLOCK unforgeable on the wire: the first 16 bytes of HMAC-SHA256 under the
 * device's 32-byte link key over
 * {@code "SFUNLCK1" | u8 len(deviceId) | deviceId UTF-8 | sessionId u32 | slot u8 | presses u16 |
 * timeLimitSeconds u16 | unlockCounter u32} (integers little-endian). The MCU accepts an UNLOCK
 * only if the MAC verifies and unlockCounter is above the last one it accepted (kept in flash and
 * reported in HELLO), so a recorded UNLOCK cannot be replayed.
 */
public final class UnlockMac {

    public static final int MAC_LENGTH = 16;
    public static final int KEY_LENGTH = 32;
    private static final byte[] DOMAIN = "SFUNLCK1".getBytes(StandardCharsets.US_ASCII);

    private UnlockMac() {
    }

    /** The exact bytes the MAC covers; exposed for test vectors and the C implementation. */
    public static byte[] input(String deviceId, long sessionId, int slot, int presses, int timeLimitSeconds, long unlockCounter) {
        byte[] id = deviceId.getBytes(StandardCharsets.UTF_8);
        if (id.length > 32) {
            throw new IllegalArgumentException("deviceId longer than 32 bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(DOMAIN);
        out.writeBytes(new PayloadWriter().u8(id.length).bytes(id).u32(sessionId).u8(slot).u16(presses)
                .u16(timeLimitSeconds).u32(unlockCounter).toByteArray());
        return out.toByteArray();
    }

    public static byte[] compute(byte[] linkKey, String deviceId, long sessionId, int slot, int presses,
                                 int timeLimitSeconds, long unlockCounter) {
        if (linkKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("link key must be " + KEY_LENGTH + " bytes");
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(linkKey, "HmacSHA256"));
            byte[] full = hmac.doFinal(input(deviceId, sessionId, slot, presses, timeLimitSeconds, unlockCounter));
            return Arrays.copyOf(full, MAC_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    /** Builds a ready-to-send UNLOCK carrying its MAC. */
    public static Message.Unlock sign(byte[] linkKey, String deviceId, long sessionId, int slot, int presses,
                                      int timeLimitSeconds, long unlockCounter) {
        return new Message.Unlock(sessionId, slot, presses, timeLimitSeconds, unlockCounter,
                compute(linkKey, deviceId, sessionId, slot, presses, timeLimitSeconds, unlockCounter));
    }

    /** Constant-time check of an UNLOCK's MAC. Replay (the counter) is the receiver's separate check. */
    public static boolean verify(byte[] linkKey, String deviceId, Message.Unlock unlock) {
        byte[] expected = compute(linkKey, deviceId, unlock.sessionId(), unlock.slot(), unlock.presses(),
                unlock.timeLimitSeconds(), unlock.unlockCounter());
        return MessageDigest.isEqual(expected, unlock.mac());
    }
}
