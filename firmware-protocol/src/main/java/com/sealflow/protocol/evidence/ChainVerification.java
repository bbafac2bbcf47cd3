package com.sealflow.protocol.evidence;

/**
 * Result of {@link EvidenceChain#verify}: either every event checked out, or the first one that did not.
 *
 * @param checked      events examined, including the bad one
 * @param firstBadIndex index in the input of the first bad event, or -1
 * @param firstBadSeq  that event's seq, or -1
 * @param problem      what is wrong with it, or null when the chain is intact
 */
public record ChainVerification(int checked, int firstBadIndex, long firstBadSeq, Problem problem) {

    public enum Problem {
        /** The stated hash is not the hash of the content: a field was edited. */
        HASH_MISMATCH,
        /** The device signature does not verify: forged, or edited and re-hashed. */
        BAD_SIGNATURE,
        /** prevHash is not the previous event's hash: an event was removed, inserted or reordered. */
        BROKEN_LINK,
        /** seq is not the previous seq + 1 (or the anchor's + 1). */
        SEQ_GAP,
        /** An event of another device in this device's chain. */
        WRONG_DEVICE
    }

    public boolean ok() {
        return problem == null;
    }

    static ChainVerification intact(int checked) {
        return new ChainVerification(checked, -1, -1, null);
    }
}
