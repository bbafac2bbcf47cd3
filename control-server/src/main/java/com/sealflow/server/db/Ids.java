package com.sealflow.server.db;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Row ids: time-ordered UUIDs (version 7, RFC 9562) as text, so ids sort by creation time on both
 * databases and can be made by any server node without a sequence.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
