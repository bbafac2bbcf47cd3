package com.sealflow.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Loads {@code agent.properties} and applies environment overrides: key {@code a.b-c} is overridden by
 * {@code SEALFLOW_AGENT_A_B_C}; {@code custodian.<id>.pin} by {@code SEALFLOW_AGENT_CUSTODIAN_<id>_PIN}.
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "SEALFLOW_AGENT_";

    private ConfigLoader() {
    }

    public static Properties load(Path file, Map<String, String> env) throws IOException {
        Properties p = new Properties();
        if (file != null && Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        applyEnv(p, env);
        return p;
    }

    static void applyEnv(Properties p, Map<String, String> env) {
        for (String key : KnownKeys.ALL) {
            String v = env.get(envName(key));
            if (v != null) {
                p.setProperty(key, v);
            }
        }
        String custodian = ENV_PREFIX + "CUSTODIAN_";
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(custodian)) {
                String rest = name.substring(custodian.length());
                int us = rest.lastIndexOf('_');
                if (us > 0) {
                    String suffix = rest.substring(us + 1).toLowerCase(Locale.ROOT);
                    p.setProperty("custodian." + rest.substring(0, us) + "." + suffix, e.getValue());
                }
            }
        }
    }

    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
