package com.sealflow.agent.config;

import com.sealflow.agent.upload.EventPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Typed agent configuration. Built from flat properties (file + environment, see {@link ConfigLoader});
 * the simulator builds one from a {@link Properties} object directly. Every key is listed in README.md.
 */
public record AgentConfig(
        Path dataDir,
        Optional<String> deviceId,
        String deviceKind,
        Optional<String> mqttUrl,
        Optional<String> mqttUsername,
        Optional<String> mqttPassword,
        Optional<String> httpBaseUrl,
        Optional<String> httpToken,
        String transport,
        int serialBaud,
        String camera,
        String cameraFallback,
        String gpio,
        GpioPins pins,
        long storeMinFreeBytes,
        Duration sessionTimeLimit,
        long clockSkewToleranceMs,
        double replayPerSecond,
        int replayWindow,
        Duration healthInterval,
        Optional<String> linkKeyBase64,
        Map<String, String> custodianPins,
        Map<String, String> custodianBadges,
        String firmware) {

    /** GPIO pin numbers (BCM). A negative pin means "not fitted". */
    public record GpioPins(int lock, int door, int led, int buzzer, List<Integer> slots) {
    }

    public static AgentConfig fromProperties(Properties p) {
        ConfigReader r = new ConfigReader(p);
        return new AgentConfig(
                Path.of(r.string("data.dir", "./agent-data")),
                r.optional("device.id"),
                r.string("device.kind", "SEAL_DEVICE"),
                r.optional("mqtt.url"),
                r.optional("mqtt.username"),
                r.optional("mqtt.password"),
                r.optional("http.base-url"),
                r.optional("http.token"),
                r.string("transport", "serial:/dev/ttyAMA0"),
                r.integer("serial.baud", 115200),
                r.string("camera", "opencv:0"),
                r.string("camera.fallback", "synthetic"),
                r.string("gpio", "auto"),
                new GpioPins(r.integer("gpio.lock-pin", 17), r.integer("gpio.door-pin", 27),
                        r.integer("gpio.led-pin", 22), r.integer("gpio.buzzer-pin", 23),
                        r.integers("gpio.slot-pins", List.of(5, 6, 13, 19))),
                r.longValue("store.min-free-bytes", 100L * 1024 * 1024),
                Duration.ofSeconds(r.longValue("session.time-limit-seconds", 300)),
                r.longValue("clock.skew-tolerance-ms", 120_000),
                r.doubleValue("replay.rate-per-second", 20.0),
                r.integer("replay.window", EventPublisher.DEFAULT_REPLAY_WINDOW),
                Duration.ofSeconds(r.longValue("health.interval-seconds", 60)),
                r.optional("link.key"),
                r.perCustodian("pin"),
                r.perCustodian("badge"),
                r.string("agent.firmware", "1.0.0"));
    }
}
