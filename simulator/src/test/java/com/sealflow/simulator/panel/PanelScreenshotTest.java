package com.sealflow.simulator.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.agent.testkit.EmbeddedBroker;
import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import com.sealflow.simulator.device.VirtualDevice;
import com.sealflow.simulator.testkit.FakeControlServer;
import com.sealflow.protocol.serial.AuthMethod;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Chromium renders the panels of live demo devices; the PNGs land in target/ for people to look at. */
class PanelScreenshotTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void panelsRenderInChromium(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
             FakeControlServer server = new FakeControlServer(broker.url())) {
            Map<String, String> codes = new java.util.HashMap<>();
            for (String id : List.of("CAB-01", "SD-01", "SD-02")) {
                codes.put(id, UUID.randomUUID().toString());
                server.codes.put(codes.get(id), id);
            }
            // exactly what control-server demo mode does
            try (Simulator sim = Simulator.start(SimulatorConfig.demo(server.url(), codes, Map.of(), dir.resolve("sim"), 0))) {
                assertThat(sim.fleet().all()).extracting(VirtualDevice::id).containsExactly("CAB-01", "SD-01", "SD-02");
                assertThat(sim.device("CAB-01").spec().slotCount()).isEqualTo(3);
                VirtualDevice sd = sim.device("SD-01");
                await(() -> "CONNECTED".equals(sd.agent().mqttState()) && sd.mcu().state().connected());
                server.unlock("SD-01", "zhengyi", 3, null);
                await(() -> sd.agent().armedTokens().size() == 1);
                sd.auth(AuthMethod.PIN, "1234");
                await(() -> sd.mcu().state().session() != null);
                sd.press();
                await(() -> sd.camera().last() != null);
                server.unlock("SD-01", "zhengyi", 2, null);
                await(() -> sd.agent().armedTokens().size() == 2);
                VirtualDevice cab = sim.device("CAB-01");
                await(() -> "CONNECTED".equals(cab.agent().mqttState()));
                cab.door(true);
                cab.slot(3, false);

                Path out = Path.of("target", "screenshots");
                Files.createDirectories(out);
                BufferedImage panel = shoot(sim.panelUrl("SD-01"), out.resolve("panel-SD-01.png"), 1280, 980);
                shoot(sim.panelUrl("CAB-01"), out.resolve("panel-CAB-01.png"), 1280, 980);
                shoot(sim.panelUrl("SD-01") + "?lang=en", out.resolve("panel-SD-01-en.png"), 1280, 980);
                shoot(sim.baseUrl() + "/sim/", out.resolve("index.png"), 1280, 640);
                // the LCD shows the session in green on the olive display: the panel rendered live data
                assertThat(panel.getWidth()).isEqualTo(1280);
                assertThat(countPixels(panel, 0xC8202B, 40)).as("red PRESS button pixels").isGreaterThan(5000);
            }
        }
    }

    private static BufferedImage shoot(String url, Path png, int width, int height) throws Exception {
        Files.deleteIfExists(png);
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--virtual-time-budget=4000", "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(png).exists();
        return ImageIO.read(png.toFile());
    }

    private static int countPixels(BufferedImage image, int rgb, int tolerance) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (Math.abs((p >> 16 & 0xFF) - (rgb >> 16 & 0xFF)) < tolerance && Math.abs((p >> 8 & 0xFF) - (rgb >> 8 & 0xFF)) < tolerance
                        && Math.abs((p & 0xFF) - (rgb & 0xFF)) < tolerance) {
                    count++;
                }
            }
        }
        return count;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
