package com.sealflow.server.seal;

/**
 * Lifecycle of a seal. {@code OUT} means taken out of its cabinet on an approved take-out request;
 * {@code DESTROYED} is final; a {@code LOST} seal can only be destroyed (a found seal is re-filed as new).
 */
public enum SealStatus {
    ACTIVE,
    SUSPENDED,
    OUT,
    LOST,
    DESTROYED;

    /** Whether requests may name this seal now. */
    public boolean usable() {
        return this == ACTIVE;
    }
}
