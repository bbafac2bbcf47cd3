package com.sealflow.agent.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sealflow.agent.journal.PhotoStore;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** The control server's device HTTP endpoints: enrolment (one-time codes) and snapshot upload (contract semantics). */
public final class FakeServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final Map<String, byte[]> photos = new ConcurrentHashMap<>();
    private final Map<String, Integer> puts = new ConcurrentHashMap<>();
    private final AtomicReference<String> enrolledKey = new AtomicReference<>();
    private volatile String deviceToken = "device-secret";
    private volatile boolean notFoundFirst;

    public FakeServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/device/v1/enroll", this::enroll);
        http.createContext("/api/device/v1/snapshots/", this::snapshot);
        http.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Registers a one-time code answering with {@code answer} (the enrolment JSON). */
    public void code(String code, String answer) {
        codes.put(code, answer);
    }

    public String enrolledKey() {
        return enrolledKey.get();
    }

    public Map<String, byte[]> photos() {
        return photos;
    }

    /** Answer 404 ("event not ingested yet") to the first PUT of every event, as the real server may. */
    public void notFoundFirst(boolean on) {
        notFoundFirst = on;
    }

    /** How many PUTs each event id received. */
    public Map<String, Integer> puts() {
        return puts;
    }

    private void enroll(HttpExchange ex) throws IOException {
        JsonNode body = JSON.readTree(ex.getRequestBody());
        String answer = codes.remove(body.path("code").asText());
        if (answer == null) {
            reply(ex, 410, "{\"type\":\"about:blank\",\"title\":\"code used or unknown\",\"status\":410}");
            return;
        }
        enrolledKey.set(body.path("publicKey").asText());
        reply(ex, 200, answer);
    }

    private void snapshot(HttpExchange ex) throws IOException {
        String eventId = ex.getRequestURI().getPath().substring("/api/device/v1/snapshots/".length());
        byte[] data = ex.getRequestBody().readAllBytes();
        int attempt = puts.merge(eventId, 1, Integer::sum);
        if (notFoundFirst && attempt == 1) {
            reply(ex, 404, "{}");
            return;
        }
        if (!"PUT".equals(ex.getRequestMethod()) || !("Bearer " + deviceToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            reply(ex, 403, "{}");
            return;
        }
        String sha = ex.getRequestHeaders().getFirst("X-Photo-Sha256");
        if (sha == null || !sha.equals(PhotoStore.sha256Hex(data))) {
            reply(ex, 400, "{}");
            return;
        }
        byte[] prior = photos.putIfAbsent(eventId, data);
        reply(ex, prior == null ? 201 : 200, "{}");
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
