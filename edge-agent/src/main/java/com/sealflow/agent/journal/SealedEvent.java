package com.sealflow.agent.journal;

/**
 * A journaled, signed, hash-chained event. {@code envelope} is the exact JSON published on {@code .../evt}.
 * {@code published} = the broker acknowledged it (PUBACK); {@code photoState} null when there is no photo.
 */
public record SealedEvent(long seq, String eventId, String type, long at, String hash, String envelope,
                          String photoPath, String photoSha256, boolean published, String photoState) {
}
