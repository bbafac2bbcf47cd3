package com.sealflow.server.device;

/** {@code SEAL_DEVICE} holds one seal; {@code CABINET} has slots, a door lock and per-slot presence sensors. */
public enum DeviceKind {
    SEAL_DEVICE,
    CABINET
}
