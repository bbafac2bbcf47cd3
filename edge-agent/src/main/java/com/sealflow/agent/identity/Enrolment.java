package com.sealflow.agent.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the server returned from {@code POST /api/device/v1/enroll} (docs/device-contract.md), kept in the data dir (0600). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Enrolment(String deviceId, String serialNo, String kind, Mqtt mqtt, Http http,
                        List<TokenKey> tokenKeys, List<Seal> seals, long serverTime) {

    public static final String FILE = "enrolment.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mqtt(String url, String clientId, String username, String password) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Http(String baseUrl, String token) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TokenKey(String kid, String publicKey) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Seal(String sealId, Integer slot) {
    }

    public Enrolment {
        tokenKeys = tokenKeys == null ? List.of() : List.copyOf(tokenKeys);
        seals = seals == null ? List.of() : List.copyOf(seals);
    }

    public static Enrolment parse(byte[] json) throws IOException {
        return JSON.readValue(json, Enrolment.class);
    }

    public static boolean exists(Path dataDir) {
        return Files.exists(dataDir.resolve(FILE));
    }

    public static Enrolment load(Path dataDir) throws IOException {
        return parse(Files.readAllBytes(dataDir.resolve(FILE)));
    }

    public void store(Path dataDir) throws IOException {
        SecureFiles.writeSecret(dataDir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    /** A copy with more token keys (key rotation adds keys, never drops one; same kid replaces). */
    public Enrolment withTokenKeys(List<TokenKey> added) {
        java.util.Map<String, TokenKey> byKid = new java.util.LinkedHashMap<>();
        tokenKeys.forEach(k -> byKid.put(k.kid(), k));
        added.forEach(k -> byKid.put(k.kid(), k));
        return new Enrolment(deviceId, serialNo, kind, mqtt, http, List.copyOf(byKid.values()), seals, serverTime);
    }
}
