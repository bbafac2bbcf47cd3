package com.sealflow.simulator.camera;

/** What the synthetic camera shows, so tests can make the server's photo checks fire. */
public enum CameraMode {
    /** A document with the red impression where the press landed. */
    NORMAL,
    /** The document but no impression (the seal was dry or pressed beside the paper). */
    NO_IMPRESSION,
    /** An empty sheet: nothing printed, no impression. */
    BLANK_PAGE
}
