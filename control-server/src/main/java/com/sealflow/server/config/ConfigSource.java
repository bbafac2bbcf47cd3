package com.sealflow.server.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where settings come from. Every setting has a key in the config file ({@code http.port}) and an
 * environment variable derived from it ({@code SEALFLOW_HTTP_PORT}); the environment wins over the
 * file, the file over the default. The file is {@code sealflow.properties} in the working directory,
 * or the one named by {@code SEALFLOW_CONFIG}.
 */
public final class ConfigSource {

    public static final String CONFIG_FILE_VARIABLE = "SEALFLOW_CONFIG";

    private final Map<String, String> env;
    private final Properties file;

    ConfigSource(Map<String, String> env, Properties file) {
        this.env = Map.copyOf(env);
        this.file = file;
    }

    /** The process environment plus the config file it names (or {@code ./sealflow.properties} if present). */
    public static ConfigSource fromEnvironment() {
        return of(System.getenv());
    }

    public static ConfigSource of(Map<String, String> env) {
        String named = env.get(CONFIG_FILE_VARIABLE);
        Path path = Path.of(named != null && !named.isBlank() ? named : "sealflow.properties");
        Properties props = new Properties();
        if (Files.isRegularFile(path)) {
            try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read config file " + path, e);
            }
        } else if (named != null && !named.isBlank()) {
            throw new IllegalArgumentException("config file " + path + " (from " + CONFIG_FILE_VARIABLE + ") does not exist");
        }
        return new ConfigSource(env, props);
    }

    /** Only the given values, as if they were environment variables (for tests). */
    public static ConfigSource ofValues(Map<String, String> values) {
        return new ConfigSource(new HashMap<>(values), new Properties());
    }

    /** {@code http.port} becomes {@code SEALFLOW_HTTP_PORT}. */
    public static String envName(String key) {
        return "SEALFLOW_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Optional<String> get(String key) {
        String v = env.get(envName(key));
        if (v == null || v.isBlank()) {
            v = file.getProperty(key);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String string(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    public int integer(String key, int fallback) {
        return get(key).map(v -> parse(key, v, Integer::parseInt)).orElse(fallback);
    }

    public long longValue(String key, long fallback) {
        return get(key).map(v -> parse(key, v, Long::parseLong)).orElse(fallback);
    }

    public boolean flag(String key, boolean fallback) {
        return get(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(envName(key) + " must be true or false, not '" + v + "'");
        }).orElse(fallback);
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(envName(key) + " must be a number, not '" + value + "'", e);
        }
    }
}
