package com.sealflow.simulator.scenario;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The simulator's control API from the outside: what scenarios (and any test tool) use. */
public final class SimClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public SimClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public JsonObject device(String id) throws IOException, InterruptedException {
        Response r = send(HttpRequest.newBuilder(uri("/sim/devices/" + id)).GET());
        if (r.status() != 200) {
            throw new IOException("GET device " + id + ": " + r.status() + " " + r.body());
        }
        return new JsonObject(r.body());
    }

    public JsonArray devices() throws IOException, InterruptedException {
        return new JsonArray(send(HttpRequest.newBuilder(uri("/sim/devices")).GET()).body());
    }

    /** POST /sim/devices/{id}/{action}; returns status and body, never throws on a 4xx. */
    public Response act(String id, String action, JsonObject body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/sim/devices/" + id + "/" + action)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(res.statusCode(), res.body());
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    /** An HTTP answer. */
    public record Response(int status, String body) {
    }
}
