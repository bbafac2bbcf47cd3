package com.sealflow.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The web app's journeys in a real browser: Debian's Chromium driven by playwright-core ({@code web/e2e/journeys.mjs})
 * against a real control server in demo mode with its virtual devices (simulated MCU + real edge agent, embedded
 * broker). The applicant applies with a PDF, the approvers approve with comments, the custodians stamp at CAB-01 and
 * SD-01 through the simulator's HTTP API, the request detail shows flow, timeline, unlock state and photos, security
 * reviews a photo beside the approved document, the applicant finds the stamped request in the archive, a flow admin
 * validates, simulates, publishes and compares versions, a request runs through the newly published version to its end
 * on the designed path, and the app switches to English. The script asserts on what the pages show; this test then
 * checks what the server stored.
 * Screenshots land in {@code target/e2e-screenshots}. Tagged {@code browser}: {@code -Dskip.web=true} leaves it out.
 */
@Tag("browser")
class BrowserJourneyTest {

    private static final List<String> JOURNEYS = List.of("a+b", "c", "a2", "d", "e", "h", "f", "i", "j", "g");
    private static final HttpClient SIM = HttpClient.newHttpClient();

    @Test
    void theWebAppsJourneysInChromium() throws Exception {
        assertThat(getClass().getClassLoader().getResource("webroot/index.html"))
            .as("the web app is built into target/classes/webroot (build without -Dskip.web)").isNotNull();
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assertThat(Path.of(chromium)).as("Debian's chromium (installed by .ci/run)").isExecutable();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try (TestServer server = TestServer.start(Dialect.SQLITE, Map.of("demo", "true", "demo.devices", "true"))) {
            // the server's clock follows the wall clock here, so the pages' "just now" and due times read true
            long[] last = {System.currentTimeMillis()};
            ticker.scheduleAtFixedRate(() -> {
                long now = System.currentTimeMillis();
                server.clock.advance(Duration.ofMillis(now - last[0]));
                last[0] = now;
            }, 100, 100, TimeUnit.MILLISECONDS);
            String sim = "http://127.0.0.1:" + server.server.platform().config().simPort();
            for (String device : List.of("SD-01", "CAB-01")) {
                awaitConnected(sim, device);
            }
            Path shots = Path.of("target", "e2e-screenshots").toAbsolutePath();
            ProcessBuilder pb = new ProcessBuilder("node", "e2e/journeys.mjs").directory(Path.of("web").toFile()).redirectErrorStream(true);
            pb.environment().put("SEALFLOW_BASE", "http://127.0.0.1:" + server.server.port());
            pb.environment().put("SEALFLOW_SIM", sim);
            pb.environment().put("SEALFLOW_SHOTS", shots.toString());
            pb.environment().put("CHROMIUM", chromium);
            Process node = pb.start();
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        System.out.println(line);
                        synchronized (out) {
                            out.append(line).append('\n');
                        }
                    }
                } catch (java.io.IOException e) {
                    synchronized (out) {
                        out.append("reading the journeys' output failed: ").append(e).append('\n');
                    }
                }
            });
            reader.start();
            boolean ended = node.waitFor(15, TimeUnit.MINUTES);
            if (!ended) {
                node.destroyForcibly().waitFor();
            }
            reader.join(10_000);
            String log;
            synchronized (out) {
                log = out.toString();
            }
            assertThat(ended).as("the journeys ended within 15 minutes:\n" + log).isTrue();
            assertThat(node.exitValue()).as(log).isZero();
            for (String id : JOURNEYS) {
                assertThat(log).as(log).contains("JOURNEY " + id + " ok");
            }
            assertThat(log).doesNotContain("PROBLEMS");
            JsonObject state = new JsonObject(log.lines().filter(l -> l.startsWith("STATE ")).findFirst().orElseThrow().substring(6));
            whatTheServerStored(server, state);
            assertThat(Files.list(shots).filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(15);
        } finally {
            ticker.shutdownNow();
        }
    }

    /** The browser's actions reached the server: completed requests, the PDF, the comments, the review, the new version. */
    private static void whatTheServerStored(TestServer server, JsonObject state) {
        TestHttp admin = Servers.login(server, "admin", "sealflow");
        JsonObject contract = admin.get("/api/requests/" + state.getJsonObject("contract").getString("id")).json();
        assertThat(contract.getString("status")).isEqualTo("COMPLETED");
        assertThat(contract.getString("documentType")).isEqualTo("CONTRACT");
        assertThat(contract.getJsonArray("fileIds")).hasSize(1);
        assertThat(contract.getJsonArray("unlocks").getJsonObject(0).getString("deviceId")).isEqualTo("CAB-01");
        assertThat(comments(contract)).contains("同意，价格与账期已核对", "合同条款已审核，无法律风险");

        JsonObject statement = admin.get("/api/requests/" + state.getJsonObject("statement").getString("id")).json();
        assertThat(statement.getString("status")).isEqualTo("COMPLETED");
        JsonArray presses = statement.getJsonArray("presses");
        assertThat(presses).hasSize(2);
        JsonObject reviewed = presses.stream().map(JsonObject.class::cast).filter(p -> p.getValue("review") != null)
            .findFirst().orElseThrow();
        assertThat(reviewed.getJsonObject("review").getString("verdict")).isEqualTo("OK");

        JsonArray flows = admin.get("/api/flows").body().trim().startsWith("[") ? admin.get("/api/flows").array()
            : admin.get("/api/flows").json().getJsonArray("items");
        JsonObject sealUse = flows.stream().map(JsonObject.class::cast).filter(f -> "seal-use".equals(f.getString("key")))
            .findFirst().orElseThrow();
        JsonObject published = admin.get("/api/flows/seal-use/versions/2").json();
        assertThat(published.encode()).as(sealUse.encode()).contains("\"type\":\"CC\"");

        // the archive record the applicant found, and the request that ran through the new version to its end
        JsonObject archived = admin.get("/api/archive/" + state.getJsonObject("archive").getString("no")).json();
        assertThat(archived.encode()).contains(statement.getString("no"));
        JsonObject newVersion = admin.get("/api/requests/" + state.getJsonObject("newVersion").getString("id")).json();
        assertThat(newVersion.getString("status")).isEqualTo("COMPLETED");
        JsonObject design = state.getJsonObject("published");
        assertThat(newVersion.getJsonObject("flow").getInteger("version")).isEqualTo(design.getInteger("version"));
        assertThat(newVersion.getJsonArray("timeline").stream().map(JsonObject.class::cast).map(e -> e.getString("nodeId")))
            .contains(design.getString("ccNodeId"));
    }

    private static List<String> comments(JsonObject request) {
        return request.getJsonArray("tasks").stream().map(JsonObject.class::cast)
            .map(t -> t.getString("comment")).filter(c -> c != null).toList();
    }

    private static void awaitConnected(String sim, String device) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = SIM.send(HttpRequest.newBuilder(URI.create(sim + "/sim/devices/" + device)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            if ("CONNECTED".equals(new JsonObject(last).getJsonObject("link").getString("mqtt"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(device + " did not connect in 60 s: " + last);
    }
}
