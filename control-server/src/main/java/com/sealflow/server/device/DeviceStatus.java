package com.sealflow.server.device;

/** Lifecycle and connectivity of a device, as DESIGN §4 names them. */
public enum DeviceStatus {
    PENDING_ENROLMENT,
    ONLINE,
    OFFLINE,
    DISABLED
}
