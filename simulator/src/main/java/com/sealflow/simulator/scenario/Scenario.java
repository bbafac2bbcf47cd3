package com.sealflow.simulator.scenario;

import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.mcu.McuSpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A scripted test: the devices it needs and a list of steps, each one action or check.
 * YAML, e.g.
 * <pre>
 * name: happy path stamp
 * devices: [{id: SD-01, kind: SEAL_DEVICE, pins: {zhengyi: "1234"}}]
 * steps:
 *   - unlock: {device: SD-01, custodian: zhengyi, presses: 2}
 *   - waitFor: {device: SD-01, armedTokens.size: 1}
 *   - auth: {device: SD-01, pin: "1234"}
 * </pre>
 */
public record Scenario(String name, String description, List<DeviceConfig> devices, List<Step> steps) {

    /** One step: {@code kind} is the YAML key (auth, press, waitFor, ...), {@code args} its map. */
    public record Step(int index, String kind, Map<String, Object> args) {
        public String device() {
            Object d = args.get("device");
            return d == null ? null : d.toString();
        }

        @Override
        public String toString() {
            return "#" + index + " " + kind + " " + args;
        }
    }

    public static Scenario load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader), file.getFileName().toString());
        }
    }

    public static Scenario parse(String yaml) {
        return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml), "scenario");
    }

    @SuppressWarnings("unchecked")
    private static Scenario parse(Object root, String fallbackName) {
        if (!(root instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("a scenario is a YAML map with 'name', 'devices' and 'steps'");
        }
        Map<String, Object> map = (Map<String, Object>) root;
        String name = String.valueOf(map.getOrDefault("name", fallbackName));
        String description = map.get("description") == null ? "" : map.get("description").toString();
        List<DeviceConfig> devices = new ArrayList<>();
        for (Object d : list(map.get("devices"), "devices")) {
            devices.add(device((Map<String, Object>) asMap(d, "a device")));
        }
        List<Step> steps = new ArrayList<>();
        int index = 1;
        for (Object s : list(map.get("steps"), "steps")) {
            Map<String, Object> step = asMap(s, "a step");
            if (step.size() != 1) {
                throw new IllegalArgumentException("step " + index + " must have exactly one key (the action), has " + step.keySet());
            }
            var entry = step.entrySet().iterator().next();
            Map<String, Object> args = entry.getValue() == null ? Map.of() : asMap(entry.getValue(), "the arguments of step " + index);
            steps.add(new Step(index++, entry.getKey(), new LinkedHashMap<>(args)));
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("scenario '" + name + "' has no steps");
        }
        return new Scenario(name, description, List.copyOf(devices), List.copyOf(steps));
    }

    @SuppressWarnings("unchecked")
    private static DeviceConfig device(Map<String, Object> d) {
        String id = String.valueOf(d.get("id"));
        McuSpec.Kind kind = McuSpec.Kind.valueOf(String.valueOf(d.getOrDefault("kind", "SEAL_DEVICE")));
        int slots = kind == McuSpec.Kind.CABINET ? ((Number) d.getOrDefault("slots", 3)).intValue() : 0;
        Map<String, String> pins = new LinkedHashMap<>();
        ((Map<String, Object>) d.getOrDefault("pins", Map.of("*", "1234"))).forEach((k, v) -> pins.put(k, String.valueOf(v)));
        Map<String, String> badges = new LinkedHashMap<>();
        ((Map<String, Object>) d.getOrDefault("badges", Map.of())).forEach((k, v) -> badges.put(k, String.valueOf(v)));
        return new DeviceConfig(id, kind, slots, null, pins, badges, Map.of(), 0);
    }

    private static List<?> list(Object value, String what) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException("'" + what + "' must be a list");
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " must be a map, was: " + value);
        }
        return (Map<String, Object>) value;
    }
}
