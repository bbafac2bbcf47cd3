package com.sealflow.server.device.broker;

import java.util.concurrent.CompletionStage;

/**
 * Checks a device's own MQTT credentials (username = device id, password = its enrolment secret). Answers
 * false for unknown, pending or disabled devices. Called on broker threads; must not block them.
 */
@FunctionalInterface
public interface DeviceAuthenticator {

    CompletionStage<Boolean> verify(String deviceId, byte[] password);
}
