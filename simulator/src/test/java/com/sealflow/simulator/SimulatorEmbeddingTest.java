package com.sealflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.simulator.device.DeviceConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorEmbeddingTest {

    @Test
    void startsFromVertxCodeWithoutBlockingTheEventLoopAndLeavesTheHostVertxRunning(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            SimulatorConfig config = new SimulatorConfig("127.0.0.1", 0, null, dir, false, false,
                    List.of(DeviceConfig.sealDevice("SD-01")));
            Simulator sim = vertx.<Simulator>executeBlocking(() -> null).compose(x -> Simulator.startAsync(config, vertx))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(sim.panelUrl("SD-01")).startsWith("http://127.0.0.1:").endsWith("/sim/panel/SD-01");
            sim.close();
            assertThat(vertx.createHttpServer().requestHandler(r -> r.response().end()).listen(0).await().actualPort()).isPositive();
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void agentsWithoutAnEnrolmentCodeOrEarlierEnrolmentDoNotStart(@TempDir Path dir) {
        SimulatorConfig config = new SimulatorConfig("127.0.0.1", 0, "http://127.0.0.1:9", dir, false, true,
                List.of(DeviceConfig.sealDevice("SD-01")));
        assertThatThrownBy(() -> Simulator.start(config)).hasMessageContaining("no enrolment code");
    }

    @Test
    void theDemoHasTheDesignedDevices(@TempDir Path dir) {
        SimulatorConfig demo = SimulatorConfig.demo("http://127.0.0.1:8080", java.util.Map.of("SD-01", "c1"),
                java.util.Map.of("zhengyi", "u-42"), dir, 8081);
        assertThat(demo.devices()).extracting(DeviceConfig::id).containsExactly("CAB-01", "SD-01", "SD-02");
        assertThat(demo.devices().get(0).slots()).isEqualTo(3);
        assertThat(demo.devices().get(1).custodianPins()).containsEntry("u-42", "1234");
        assertThat(demo.devices().get(0).custodianPins()).containsEntry("*", "1234");
        assertThat(demo.httpPort()).isEqualTo(8081);
    }
}
