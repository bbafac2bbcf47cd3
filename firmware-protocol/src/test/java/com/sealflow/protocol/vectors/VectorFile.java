package com.sealflow.protocol.vectors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a published test vector file: one {@code name: value} per line, {@code #} comments,
 * blank lines ignored. Byte values are lower-case hex; the file's header says which are text.
 */
public final class VectorFile {

    private final String name;
    private final Map<String, String> entries;

    private VectorFile(String name, Map<String, String> entries) {
        this.name = name;
        this.entries = entries;
    }

    public static VectorFile load(String fileName) {
        try (InputStream in = VectorFile.class.getResourceAsStream("/vectors/" + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector file " + fileName);
            }
            Map<String, String> entries = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int colon = trimmed.indexOf(": ");
                if (colon < 0) {
                    throw new IllegalArgumentException(fileName + ": not 'name: value': " + line);
                }
                if (entries.put(trimmed.substring(0, colon), trimmed.substring(colon + 2)) != null) {
                    throw new IllegalArgumentException(fileName + ": duplicate " + trimmed.substring(0, colon));
                }
            }
            return new VectorFile(fileName, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text(String key) {
        String value = entries.get(key);
        if (value == null) {
            throw new IllegalArgumentException(name + " has no " + key);
        }
        return value;
    }

    public byte[] hex(String key) {
        String value = text(key);
        return value.equals("-") ? new byte[0] : HexFormat.of().parseHex(value);
    }

    public long number(String key) {
        return Long.parseLong(text(key));
    }

    public Map<String, String> entries() {
        return entries;
    }
}
