package com.sealflow.agent.journal;

/**
 * Turns a draft into the signed, hash-chained envelope of docs/device-contract.md. One implementation per wire
 * format; the journal calls it inside the append transaction so seq and prevHash cannot race.
 */
public interface EvidenceSealer {

    /** The hash of "no previous event": 64 zeros. */
    String GENESIS = "0".repeat(64);

    Sealed seal(String deviceId, long seq, String eventId, EventDraft draft, String prevHash);

    /** The envelope JSON and its hash (which the next event names as prevHash). */
    record Sealed(String envelope, String hash) {
    }
}
