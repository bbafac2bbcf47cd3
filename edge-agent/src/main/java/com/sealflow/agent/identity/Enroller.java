package com.sealflow.agent.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Enrols this device: generates a fresh Ed25519 key pair, POSTs the public key with the one-time code, and
 * only after the server accepted stores the key (0600) and the returned credentials and token keys.
 */
public final class Enroller {

    private final HttpClient http;

    public Enroller(HttpClient http) {
        this.http = http;
    }

    public Enrolment enroll(String serverUrl, String code, String firmware, Path dataDir) throws IOException, InterruptedException {
        DeviceKeys keys = DeviceKeys.generate();
        byte[] body = new ObjectMapper().writeValueAsBytes(Map.of(
                "code", code, "publicKey", keys.publicKeyBase64(), "firmware", firmware));
        String base = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/device/v1/enroll"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (res.statusCode() != 200) {
            throw new IOException("enrolment refused: HTTP " + res.statusCode() + " " + new String(res.body(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        Enrolment enrolment = Enrolment.parse(res.body());
        if (enrolment.deviceId() == null || enrolment.mqtt() == null) {
            throw new IOException("enrolment answer lacks deviceId or mqtt credentials");
        }
        keys.store(dataDir);
        enrolment.store(dataDir);
        return enrolment;
    }
}
