package com.sealflow.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void fileValuesAreOverriddenByEnvironment() throws Exception {
        Path f = dir.resolve("agent.properties");
        Files.writeString(f, """
                data.dir=/var/lib/sealflow-agent
                transport=serial:/dev/ttyUSB0
                session.time-limit-seconds=120
                gpio.slot-pins=5, 6
                custodian.u1.pin=pbkdf2-sha256$1$AA==$AA==
                """);
        AgentConfig c = AgentConfig.fromProperties(ConfigLoader.load(f, Map.of(
                "SEALFLOW_AGENT_TRANSPORT", "tcp:sim:7000",
                "SEALFLOW_AGENT_STORE_MIN_FREE_BYTES", "42",
                "SEALFLOW_AGENT_CUSTODIAN_u2_BADGE", "hash2",
                "UNRELATED", "x")));
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/sealflow-agent"));
        assertThat(c.transport()).isEqualTo("tcp:sim:7000");
        assertThat(c.storeMinFreeBytes()).isEqualTo(42);
        assertThat(c.sessionTimeLimit()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.pins().slots()).isEqualTo(List.of(5, 6));
        assertThat(c.custodianPins()).containsOnlyKeys("u1");
        assertThat(c.custodianBadges()).containsEntry("u2", "hash2");
        assertThat(c.camera()).isEqualTo("opencv:0");
        assertThat(ConfigLoader.envName("replay.rate-per-second")).isEqualTo("SEALFLOW_AGENT_REPLAY_RATE_PER_SECOND");
    }

    @Test
    void aMalformedNumberNamesItsKey() throws Exception {
        assertThatThrownBy(() -> AgentConfig.fromProperties(ConfigLoader.load(null, Map.of("SEALFLOW_AGENT_SERIAL_BAUD", "fast"))))
                .hasMessageContaining("serial.baud");
    }
}
