package com.sealflow.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/** Typed reads over flat properties; a malformed value names its key. */
final class ConfigReader {

    private final Properties props;

    ConfigReader(Properties props) {
        this.props = props;
    }

    Optional<String> optional(String key) {
        String v = props.getProperty(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    String string(String key, String def) {
        return optional(key).orElse(def);
    }

    int integer(String key, int def) {
        return (int) longValue(key, def);
    }

    long longValue(String key, long def) {
        Optional<String> v = optional(key);
        try {
            return v.isPresent() ? Long.parseLong(v.get()) : def;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config key " + key + ": not a number: " + v.get(), e);
        }
    }

    double doubleValue(String key, double def) {
        Optional<String> v = optional(key);
        try {
            return v.isPresent() ? Double.parseDouble(v.get()) : def;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config key " + key + ": not a number: " + v.get(), e);
        }
    }

    List<Integer> integers(String key, List<Integer> def) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return def;
        }
        List<Integer> out = new ArrayList<>();
        for (String part : v.get().split(",")) {
            if (!part.isBlank()) {
                try {
                    out.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("config key " + key + ": not a list of numbers: " + v.get(), e);
                }
            }
        }
        return List.copyOf(out);
    }

    /** {@code custodian.<id>.<suffix>} → map of id to value. */
    Map<String, String> perCustodian(String suffix) {
        Map<String, String> out = new TreeMap<>();
        String tail = "." + suffix;
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith("custodian.") && name.endsWith(tail) && name.length() > "custodian.".length() + tail.length()) {
                String id = name.substring("custodian.".length(), name.length() - tail.length());
                out.put(id, props.getProperty(name).trim());
            }
        }
        return Map.copyOf(out);
    }
}
