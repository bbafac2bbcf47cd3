package com.sealflow.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.simulator.camera.PageRenderer;
import com.sealflow.simulator.testkit.FakeControlServer;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;

/**
 * What the control server must have received after a scenario, beyond the scenario's own expectations on the device:
 * the events, their flags and order, the photos and the command results.
 */
final class ScenarioChecks {

    @FunctionalInterface
    private interface Check {
        void verify(FakeControlServer server) throws Exception;
    }

    private static final Map<String, Check> CHECKS = Map.of(
            "happy-path-stamp.yaml", ScenarioChecks::happyPath,
            "wrong-pin.yaml", ScenarioChecks::wrongPin,
            "power-loss-mid-session.yaml", ScenarioChecks::powerLoss,
            "line-noise.yaml", ScenarioChecks::lineNoise,
            "extra-press.yaml", ScenarioChecks::extraPress,
            "blank-page.yaml", ScenarioChecks::blankPage,
            "offline-session.yaml", ScenarioChecks::offlineSession);

    private ScenarioChecks() {
    }

    static void after(String file, FakeControlServer server) throws Exception {
        Check check = CHECKS.get(file);
        if (check != null) {
            check.verify(server);
        }
    }

    private static void happyPath(FakeControlServer server) throws Exception {
        await(() -> server.events("SD-01", "PRESS").size() >= 4 && server.snapshots.size() >= 4);
        List<JsonObject> presses = server.events("SD-01", "PRESS");
        assertThat(presses).hasSize(4);
        assertThat(presses).extracting(p -> p.getJsonObject("body").getBoolean("forced")).containsExactly(false, false, false, true);
        assertThat(presses).extracting(p -> p.getJsonObject("body").getLong("pressCounter")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(server.events("SD-01", "SESSION_ENDED")).hasSize(2);
        for (JsonObject press : presses.subList(0, 3)) {
            byte[] photo = server.snapshots.get(press.getString("eventId"));
            assertThat(photo).as("photo of %s", press.getString("eventId")).isNotNull().startsWith(0xFF, 0xD8);
        }
        assertThat(server.results).anyMatch(r -> "DONE".equals(r.getString("state")));
    }

    private static void wrongPin(FakeControlServer server) throws Exception {
        assertThat(server.events("SD-02", "AUTH_FAILED")).isNotEmpty();
        await(() -> !server.events("SD-02", "SESSION_ENDED").isEmpty());
        assertThat(server.events("SD-02", "SESSION_ENDED")).singleElement()
                .satisfies(e -> assertThat(e.getJsonObject("body").getString("reason")).isEqualTo("ENDED_AT_DEVICE"));
    }

    private static void powerLoss(FakeControlServer server) throws Exception {
        await(() -> !server.events("SD-01", "SESSION_ENDED").isEmpty());
        assertThat(server.events("SD-01", "SESSION_ENDED")).singleElement()
                .satisfies(e -> assertThat(e.getJsonObject("body").getString("reason")).isEqualTo("POWER"));
    }

    private static void lineNoise(FakeControlServer server) throws Exception {
        await(() -> server.events("SD-03", "PRESS").size() >= 2);
        assertThat(server.events("SD-03", "PRESS").stream().map(e -> e.getJsonObject("body").getLong("pressCounter")).toList())
                .as("each press exactly once").doesNotHaveDuplicates();
    }

    /** Two presses in the session, the third refused by the locked MCU: forced, tamper, photo; DONE says two. */
    private static void extraPress(FakeControlServer server) throws Exception {
        await(() -> server.events("SD-04", "PRESS").size() >= 3 && !server.events("SD-04", "TAMPER").isEmpty()
                && server.results.stream().anyMatch(r -> "DONE".equals(r.getString("state"))));
        List<JsonObject> presses = server.events("SD-04", "PRESS");
        assertThat(presses).extracting(p -> p.getJsonObject("body").getBoolean("forced")).containsExactly(false, false, true);
        JsonObject extra = presses.get(2).getJsonObject("body");
        assertThat(extra.getLong("sessionId")).isZero();
        assertThat(extra.getString("tokenId")).isNull();
        assertThat(server.events("SD-04", "TAMPER")).singleElement()
                .satisfies(t -> assertThat(t.getJsonObject("body").getString("kind")).isEqualTo("FORCED_PRESS"));
        await(() -> server.snapshots.containsKey(presses.get(2).getString("eventId")));
        assertThat(server.snapshots.get(presses.get(2).getString("eventId"))).as("photo of the extra press").isNotNull();
        assertThat(server.events("SD-04", "SESSION_ENDED")).singleElement()
                .satisfies(e -> assertThat(e.getJsonObject("body").getInteger("pressesUsed")).isEqualTo(2));
        assertThat(server.results).filteredOn(r -> "DONE".equals(r.getString("state")))
                .singleElement().satisfies(r -> assertThat(r.getInteger("pressesUsed")).isEqualTo(2));
    }

    /** The press is a normal one in its session; its uploaded photo is an empty sheet (no ink, no red). */
    private static void blankPage(FakeControlServer server) throws Exception {
        await(() -> server.events("SD-05", "PRESS").size() == 1
                && server.snapshots.containsKey(server.events("SD-05", "PRESS").get(0).getString("eventId")));
        JsonObject press = server.events("SD-05", "PRESS").get(0);
        assertThat(press.getJsonObject("body").getBoolean("forced")).isFalse();
        BufferedImage photo = ImageIO.read(new ByteArrayInputStream(server.snapshots.get(press.getString("eventId"))));
        int[] inkAndRed = inkAndRed(photo);
        assertThat(inkAndRed[0]).as("dark pixels on the page").isLessThan(50);
        assertThat(inkAndRed[1]).as("red pixels on the page").isZero();
    }

    /** Nothing reached the server during the outage; afterwards the whole session arrives, in seq order, and DONE. */
    private static void offlineSession(FakeControlServer server) throws Exception {
        await(() -> server.events("SD-06", "SESSION_ENDED").size() == 1 && server.events("SD-06", "PRESS").size() == 3
                && server.results.stream().anyMatch(r -> "DONE".equals(r.getString("state"))));
        List<JsonObject> events = server.events.stream().filter(e -> "SD-06".equals(e.getString("deviceId"))).toList();
        List<Long> seqs = events.stream().map(e -> e.getLong("seq")).toList();
        assertThat(seqs).as("replayed in order, each once").isSorted().doesNotHaveDuplicates();
        assertThat(events).extracting(e -> e.getString("type")).containsSubsequence("SESSION_STARTED", "PRESS", "PRESS", "PRESS",
                "SESSION_ENDED");
        assertThat(server.events("SD-06", "PRESS")).extracting(p -> p.getJsonObject("body").getBoolean("forced"))
                .containsOnly(false);
        assertThat(server.results).filteredOn(r -> "DONE".equals(r.getString("state")))
                .singleElement().satisfies(r -> assertThat(r.getInteger("pressesUsed")).isEqualTo(3));
    }

    private static int[] inkAndRed(BufferedImage image) {
        int dark = 0;
        int red = 0;
        for (int y = PageRenderer.MARGIN + 10; y < PageRenderer.MARGIN + PageRenderer.PAGE_HEIGHT - 10; y++) {
            for (int x = PageRenderer.MARGIN + 10; x < PageRenderer.MARGIN + PageRenderer.PAGE_WIDTH - 10; x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                dark += g < 200 ? 1 : 0;
                red += r > 150 && g < 110 && b < 110 ? 1 : 0;
            }
        }
        return new int[] {dark, red};
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
    }
}
