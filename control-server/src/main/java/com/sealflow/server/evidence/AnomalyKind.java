package com.sealflow.server.evidence;

/** What security staff are asked to look at (DESIGN §4 "flags anomalies"). */
public enum AnomalyKind {
    /** A press with no accepted token behind it: forced mechanism, tamper, or a forged token id. */
    PRESS_WITHOUT_SESSION,
    /** More presses under one token than the approved copies. */
    OVER_ALLOWED_PRESSES,
    /** The press's photo did not arrive within the grace period (or the camera reported none). */
    MISSING_PHOTO,
    /** The photo shows too little strong red to hold a seal impression. */
    NO_SEAL_IMPRESSION,
    /** The photo is almost uniform: a blank page or a covered camera. */
    BLANK_PAGE,
    /** prevHash does not link to the last accepted event, or seq skipped ahead: events missing or altered. */
    CHAIN_BROKEN,
    /** seq at or below one already accepted: a replay or a cloned device. */
    COUNTER_BACKWARDS,
    /** The event's hash or device signature does not verify (or the device has no enrolled key). */
    BAD_SIGNATURE,
    /** The device's wall clock is off by more than the tolerance, or jumped against its monotonic clock. */
    CLOCK_SKEW,
    /** The device went offline while one of its unlocks was accepted (armed or in session). */
    DEVICE_OFFLINE_DURING_SESSION,
    /** A cabinet door opened while no unlock of the cabinet was accepted. */
    DOOR_OPENED_WITHOUT_TOKEN,
    /** A tamper sensor fired. */
    TAMPER
}
