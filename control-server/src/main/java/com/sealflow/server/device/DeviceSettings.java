package com.sealflow.server.device;

import java.time.Duration;

/**
 * Device-side settings.
 *
 * @param mqttUrlForDevices the broker URL handed to devices at enrolment (what they can reach, not 127.0.0.1
 *                          unless they run on the same host)
 * @param httpBaseUrl       the control server's base URL handed to devices for snapshot uploads
 * @param enrolmentCodeTtl  how long an enrolment code stays valid
 * @param unlockTtl         how long an unlock token may wait to be accepted (its notAfter)
 * @param sessionGrace      how long after notAfter an accepted unlock may still report DONE before it expires
 */
public record DeviceSettings(String mqttUrlForDevices, String httpBaseUrl, Duration enrolmentCodeTtl,
                             Duration unlockTtl, Duration sessionGrace) {

    public static DeviceSettings defaults(String mqttUrlForDevices, String httpBaseUrl) {
        return new DeviceSettings(mqttUrlForDevices, httpBaseUrl, Duration.ofHours(24), Duration.ofMinutes(30),
            Duration.ofHours(2));
    }
}
