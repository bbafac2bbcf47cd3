package com.sealflow.agent.config;

import java.util.List;

/** Every fixed configuration key (README.md documents them); used to map environment variables. */
final class KnownKeys {

    static final List<String> ALL = List.of(
            "data.dir", "device.id", "device.kind",
            "mqtt.url", "mqtt.username", "mqtt.password",
            "http.base-url", "http.token",
            "transport", "serial.baud",
            "camera", "camera.fallback",
            "gpio", "gpio.lock-pin", "gpio.door-pin", "gpio.led-pin", "gpio.buzzer-pin", "gpio.slot-pins",
            "store.min-free-bytes", "session.time-limit-seconds", "clock.skew-tolerance-ms",
            "replay.rate-per-second", "replay.window", "health.interval-seconds", "link.key", "agent.firmware");

    private KnownKeys() {
    }
}
