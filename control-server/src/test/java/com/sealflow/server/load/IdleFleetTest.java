package com.sealflow.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import com.sealflow.simulator.fleet.IdleFleet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short variant of {@code simulator idle}: twenty devices enrolled through the API hold their own MQTT
 * connections to the embedded broker, the server (and its broker) restarts under them on the same database and
 * port, and every device is connected again. The 10,000-device figures come from the long variant.
 */
class IdleFleetTest {

    @Test
    void enrolledDevicesStayConnectedAndAllComeBackAfterABrokerRestart(@TempDir Path tmp) throws Exception {
        int mqttPort;
        try (ServerSocket s = new ServerSocket(0)) {
            mqttPort = s.getLocalPort();
        }
        Map<String, String> settings = Map.of("demo", "true", "mqtt.port", Integer.toString(mqttPort));
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path signal = tmp.resolve("restart");
        TestServer first = TestServer.start(Dialect.SQLITE, settings, data);
        IdleFleet fleet = new IdleFleet(new IdleFleet.Options("http://127.0.0.1:" + first.server.port(), "admin", "sealflow", 20,
            tmp.resolve("credentials.csv"), Duration.ofSeconds(1), null, true, signal, Duration.ofSeconds(60)));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(() -> {
            try {
                return fleet.run(new PrintStream(printed, true, StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        TestServer second = null;
        boolean firstClosed = false;
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            while (!Files.exists(signal) && !run.isDone() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(signal).as(printed.toString(StandardCharsets.UTF_8)).exists();
            first.close();
            firstClosed = true;
            second = TestServer.start(Dialect.SQLITE, settings, data);
            boolean ok = run.get();
            String report = printed.toString(StandardCharsets.UTF_8);
            assertThat(ok).as(report).isTrue();
            assertThat(report).contains("enrolled: 20 devices (20 new)", "connected: 20/20", "idle", "reconnect storm: all 20 back");
        } finally {
            if (!firstClosed) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }
}
