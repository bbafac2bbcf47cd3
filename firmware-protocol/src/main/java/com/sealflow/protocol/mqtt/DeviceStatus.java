package com.sealflow.protocol.mqtt;

/**
 * Retained JSON payload on {@code status}; the agent also sets OFFLINE as its MQTT last will.
 *
 * @param deviceId the device
 * @param state    ONLINE or OFFLINE
 * @param at       device wall clock, epoch ms (for the last will: when the connection was made)
 * @param firmware MCU firmware version from HELLO, or null when unknown
 * @param agent    edge-agent version, or null
 */
public record DeviceStatus(String deviceId, State state, long at, String firmware, String agent) {

    public enum State {
        ONLINE,
        OFFLINE
    }
}
