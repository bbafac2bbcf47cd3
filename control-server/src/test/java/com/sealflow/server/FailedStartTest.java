package com.sealflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.db.Dialect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A start that fails leaves nothing behind: the embedded broker begun at launch is stopped, so its port is free for
 * the next start (the start-up archive's training run tries again on other ports after such a failure).
 */
class FailedStartTest {

    @Test
    void aStartThatCannotOpenItsHttpPortStopsTheBrokerItBegan() throws Exception {
        int mqttPort = TestServer.freePort();
        try (ServerSocket takenHttp = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> TestServer.start(Dialect.SQLITE, Map.of("http.port",
                Integer.toString(takenHttp.getLocalPort()), "mqtt.port", Integer.toString(mqttPort))))
                .satisfies(e -> assertThat(StartupArchive.portTaken(e)).as("the failure is the taken port").isTrue());
        }
        try (ServerSocket again = new ServerSocket(mqttPort, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(mqttPort);
        }
    }
}
