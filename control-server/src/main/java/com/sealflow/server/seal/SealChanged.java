package com.sealflow.server.seal;

/**
 * Published inside the transaction that changed a seal. The request module freezes open requests of a
 * {@link Kind#LOST} seal; the device module revokes unused tokens of lost, suspended or destroyed seals and
 * follows binding changes.
 *
 * @param before the seal before the change, {@code null} on registration
 */
public record SealChanged(Kind kind, Seal before, Seal after, String actorId) {

    /** What happened. */
    public enum Kind { REGISTERED, UPDATED, SUSPENDED, RESUMED, LOST, DESTROYED, CHECKED_OUT, CHECKED_IN }
}
