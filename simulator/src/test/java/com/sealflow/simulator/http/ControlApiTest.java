package com.sealflow.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.UnlockMac;
import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import com.sealflow.simulator.device.AgentLauncher;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.mcu.TcpHost;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlApiTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static Simulator sim;
    static TcpHost host;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        List<DeviceConfig> devices = List.of(
                DeviceConfig.cabinet("CAB-01", 3).withAgentProperties(Map.of("link.key", KEY)),
                DeviceConfig.sealDevice("SD-01").withAgentProperties(Map.of("link.key", KEY)),
                DeviceConfig.sealDevice("SD-02"), DeviceConfig.sealDevice("SD-03"));
        sim = Simulator.start(new SimulatorConfig("127.0.0.1", 0, null, dir, false, false, devices), AgentLauncher.none());
        String line = sim.device("SD-01").transportSpec();
        int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
        // plays the agent: a PIN 1234 earns an UNLOCK for 2 presses
        host = new TcpHost(port, m -> m instanceof Message.Auth a && !a.credential().equals("1234") ? ErrorCode.NOT_ALLOWED : ErrorCode.OK);
    }

    @AfterAll
    static void stop() throws IOException {
        host.close();
        sim.close();
    }

    @Test
    void listsTheDevicesWithTheirState() throws Exception {
        HttpResponse<String> res = get("/sim/devices");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        var list = new io.vertx.core.json.JsonArray(res.body());
        assertThat(list).hasSize(4);
        JsonObject cabinet = list.getJsonObject(0);
        assertThat(cabinet.getString("id")).isEqualTo("CAB-01");
        assertThat(cabinet.getJsonArray("slots")).hasSize(3);
        assertThat(cabinet.getJsonObject("door").getBoolean("open")).isFalse();
        JsonObject one = new JsonObject(get("/sim/devices/SD-03").body());
        assertThat(one.getString("lockState")).isEqualTo("LOCKED");
        assertThat(cabinet.getLong("pressCounter")).isZero();
        assertThat(cabinet.getValue("lastPhoto")).isNull();
        assertThat(one.getValue("slots")).isNull();
        assertThat(one.getJsonObject("link").getString("transport")).startsWith("tcp:127.0.0.1:");
    }

    @Test
    void pinThenUnlockThenPressesThroughTheApi() throws Exception {
        JsonObject afterWrong = new JsonObject(post("/sim/devices/SD-01/auth", "{\"pin\":\"9999\"}").body());
        assertThat(afterWrong.getString("lastAuth")).isIn("SENT", "REFUSED:NOT_ALLOWED");
        waitFor(() -> state("SD-01").getString("lastAuth").equals("REFUSED:NOT_ALLOWED"));
        assertThat(post("/sim/devices/SD-01/auth", "{\"pin\":\"1234\"}").statusCode()).isEqualTo(200);
        waitFor(() -> state("SD-01").getString("lastAuth").equals("ACCEPTED"));
        host.send(UnlockMac.sign(Base64.getDecoder().decode(KEY), "SD-01", 41, 0, 2, 120, 1));
        waitFor(() -> state("SD-01").getString("lockState").equals("UNLOCKED"));
        assertThat(state("SD-01").getInteger("remainingPresses")).isEqualTo(2);

        JsonObject pressed = new JsonObject(post("/sim/devices/SD-01/press", "").body());
        assertThat(pressed.getInteger("remainingPresses")).isEqualTo(1);
        post("/sim/devices/SD-01/press", "");
        waitFor(() -> host.received.stream().anyMatch(m -> m instanceof Message.SessionEnd));
        assertThat(host.received.stream().filter(Message.Press.class::isInstance))
                .containsExactly(new Message.Press(41, 1, 1), new Message.Press(41, 2, 0));
        assertThat(state("SD-01").getString("lockState")).isEqualTo("LOCKED");
    }

    @Test
    void badInputIsA4xxProblem() throws Exception {
        assertProblem(get("/sim/devices/NOPE"), 404, "device-not-found");
        assertProblem(post("/sim/devices/NOPE/press", ""), 404, "device-not-found");
        assertProblem(post("/sim/devices/SD-02/auth", "{\"pin\":12}"), 400, "bad-request");
        assertProblem(post("/sim/devices/SD-02/auth", "{\"pin\":\"12a\"}"), 400, "bad-request");
        assertProblem(post("/sim/devices/SD-02/auth", "{}"), 400, "bad-request");
        assertProblem(post("/sim/devices/SD-02/auth", "{\"pin\":"), 400, "bad-request");
        assertProblem(post("/sim/devices/SD-02/auth", "[1,2]"), 400, "bad-request");
        assertProblem(post("/sim/devices/CAB-01/door", "{\"open\":\"yes\"}"), 400, "bad-request");
        assertProblem(post("/sim/devices/CAB-01/tamper", "{\"kind\":\"EXPLODED\"}"), 400, "bad-request");
        assertProblem(post("/sim/devices/SD-02/network", "{}"), 400, "bad-request");
        assertProblem(post("/sim/devices/SD-02/power-cut", "{\"restoreAfterMs\":-5}"), 400, "bad-request");
        assertProblem(post("/sim/devices/SD-02/door", "{\"open\":true}"), 409, "device-state");
        assertProblem(post("/sim/devices/CAB-01/press", ""), 409, "device-state");
        assertProblem(post("/sim/devices/SD-02/explode", ""), 404, "not-found");
        assertProblem(get("/sim/devices/SD-02/photo/last"), 404, "no-photo");
        assertProblem(post("/sim/devices/SD-02/auth", "{\"pin\":\"" + "1".repeat(20_000) + "\"}"), 413, "too-large");
        HttpResponse<String> text = HTTP.send(HttpRequest.newBuilder(uri("/sim/devices/SD-02/auth"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("pin=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(text, 415, "unsupported-media-type");
    }

    @Test
    void powerCutKeepsTheCounterAndRefusesActionsUntilRestored() throws Exception {
        post("/sim/devices/SD-03/press", "");
        JsonObject off = new JsonObject(post("/sim/devices/SD-03/power-cut", "{}").body());
        assertThat(off.getBoolean("powered")).isFalse();
        assertProblem(post("/sim/devices/SD-03/press", ""), 409, "device-state");
        JsonObject on = new JsonObject(post("/sim/devices/SD-03/power-cut", "{\"restore\":true}").body());
        assertThat(on.getBoolean("powered")).isTrue();
        assertThat(on.getLong("pressCounter")).isEqualTo(off.getLong("pressCounter")).isGreaterThanOrEqualTo(1);
        post("/sim/devices/SD-03/power-cut", "{\"restoreAfterMs\":150}");
        waitFor(() -> state("SD-03").getBoolean("powered"));
    }

    @Test
    void cabinetDoorSlotsAndPanelPages() throws Exception {
        JsonObject opened = new JsonObject(post("/sim/devices/CAB-01/door", "{\"open\":true}").body());
        assertThat(opened.getJsonObject("door").getBoolean("open")).isTrue();
        JsonObject taken = new JsonObject(post("/sim/devices/CAB-01/slot", "{\"slot\":2,\"present\":false}").body());
        assertThat(taken.getJsonArray("slots").getJsonObject(1).getBoolean("present")).isFalse();
        assertThat(sim.device("CAB-01").gpio().slotPresent(2)).isFalse();
        assertThat(sim.device("CAB-01").gpio().doorOpen()).isTrue();
        post("/sim/devices/CAB-01/door", "{\"open\":false}");
        HttpResponse<String> panel = get("/sim/panel/CAB-01");
        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("panel.js");
        assertThat(get("/sim/").body()).contains("/sim/devices");
        assertThat(get("/sim/assets/sim.css").statusCode()).isEqualTo(200);
        assertProblem(get("/sim/panel/NOPE"), 404, "device-not-found");
    }

    @Test
    void lastPhotoIsServedAsJpeg() throws Exception {
        sim.device("SD-02").camera().snapshot(new com.sealflow.agent.camera.Camera.Shot("SD-02", null, 5, true));
        HttpResponse<byte[]> photo = HTTP.send(HttpRequest.newBuilder(uri("/sim/devices/SD-02/photo/last")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(photo.body()).startsWith(0xFF, 0xD8);
        assertThat(state("SD-02").getJsonObject("lastPhoto").getString("url")).isEqualTo("/sim/devices/SD-02/photo/last");
    }

    @Test
    void cameraModeAndNetworkSwitchWithoutAnAgent() throws Exception {
        JsonObject blank = new JsonObject(post("/sim/devices/SD-03/camera", "{\"mode\":\"BLANK_PAGE\"}").body());
        assertThat(blank.getString("camera")).isEqualTo("BLANK_PAGE");
        assertProblem(post("/sim/devices/SD-03/camera", "{}"), 400, "bad-request");
        JsonObject cut = new JsonObject(post("/sim/devices/SD-03/network", "{\"up\":false}").body());
        assertThat(cut.getJsonObject("link").getBoolean("networkUp")).isFalse();
        assertThat(cut.getJsonObject("link").getString("mqtt")).isEqualTo("NONE");
        post("/sim/devices/SD-03/network", "{\"up\":true}");
        post("/sim/devices/SD-03/camera", "{\"mode\":\"NORMAL\"}");
    }

    @Test
    void thePaperUnderTheCameraFollowsTheDocumentType() throws Exception {
        assertThat(new JsonObject(get("/sim/devices/SD-03").body()).getString("paper")).isEqualTo("CONTRACT");
        JsonObject statement = new JsonObject(post("/sim/devices/SD-03/paper", "{\"paper\":\"FINANCIAL_STATEMENT\"}").body());
        assertThat(statement.getString("paper")).isEqualTo("FINANCIAL_STATEMENT");
        assertProblem(post("/sim/devices/SD-03/paper", "{\"paper\":\"POEM\"}"), 400, "bad-request");
        post("/sim/devices/SD-03/paper", "{\"paper\":\"CONTRACT\"}");
    }

    private static void assertProblem(HttpResponse<String> res, int status, String slug) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(res.body());
        assertThat(problem.getString("type")).isEqualTo("https://sealflow.dev/problems/" + slug);
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).isNotBlank();
    }

    static JsonObject state(String id) {
        try {
            return new JsonObject(get("/sim/devices/" + id).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(20);
        }
    }

    static URI uri(String path) {
        return URI.create(sim.baseUrl() + path);
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
