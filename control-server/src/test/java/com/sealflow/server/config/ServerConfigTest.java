package com.sealflow.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every setting has a file key and an environment variable; the environment wins; defaults follow DESIGN §10. */
class ServerConfigTest {

    @Test
    void defaultsAreDesignSection10() {
        ServerConfig c = ServerConfig.load(ConfigSource.ofValues(Map.of()));
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.dbUrl()).isNull();
        assertThat(c.database().dialect().name()).isEqualTo("SQLITE");
        assertThat(c.mqttUrl()).isNull();
        assertThat(c.mqttPort()).isEqualTo(1883);
        assertThat(c.demo()).isFalse();
        assertThat(c.simPort()).isEqualTo(8081);
        assertThat(c.adminPassword()).isNull();
        assertThat(c.passwordIterations()).isEqualTo(600_000);
        assertThat(c.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.sessionAbsoluteTimeout()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void fixedVariableNames() {
        assertThat(ConfigSource.envName("http.port")).isEqualTo("SEALFLOW_HTTP_PORT");
        assertThat(ConfigSource.envName("data.dir")).isEqualTo("SEALFLOW_DATA_DIR");
        assertThat(ConfigSource.envName("db.url")).isEqualTo("SEALFLOW_DB_URL");
        assertThat(ConfigSource.envName("mqtt.url")).isEqualTo("SEALFLOW_MQTT_URL");
        assertThat(ConfigSource.envName("mqtt.port")).isEqualTo("SEALFLOW_MQTT_PORT");
        assertThat(ConfigSource.envName("demo")).isEqualTo("SEALFLOW_DEMO");
        assertThat(ConfigSource.envName("sim.port")).isEqualTo("SEALFLOW_SIM_PORT");
        assertThat(ConfigSource.envName("admin.password")).isEqualTo("SEALFLOW_ADMIN_PASSWORD");
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Path file = Files.createTempFile("sealflow", ".properties");
        Files.writeString(file, "http.port=9000\ndemo=true\ndb.url=jdbc:postgresql://db:5432/sealflow\ndb.password=from-file\n");
        ServerConfig c = ServerConfig.load(ConfigSource.of(Map.of("SEALFLOW_CONFIG", file.toString(), "SEALFLOW_HTTP_PORT", "9100")));
        assertThat(c.httpPort()).isEqualTo(9100);
        assertThat(c.demo()).isTrue();
        assertThat(c.database().dialect().name()).isEqualTo("POSTGRES");
        assertThat(c.toString()).doesNotContain("from-file");
    }

    @Test
    void theReadPoolIsEightConnectionsOnPostgresAndFourOnSqliteUnlessSet() {
        Map<String, String> postgres = Map.of("SEALFLOW_DB_URL", "jdbc:postgresql://db:5432/sealflow");
        assertThat(ServerConfig.load(ConfigSource.ofValues(postgres)).database().readPoolSize()).isEqualTo(8);
        Map<String, String> four = new java.util.HashMap<>(postgres);
        four.put("SEALFLOW_DB_READ_POOL_SIZE", "4");
        assertThat(ServerConfig.load(ConfigSource.ofValues(four)).database().readPoolSize()).isEqualTo(4);
        assertThat(ServerConfig.load(ConfigSource.ofValues(four)).withHttpPort(9000).database().readPoolSize()).isEqualTo(4);
        // SQLite: query-only readers beside its one writer
        assertThat(ServerConfig.load(ConfigSource.ofValues(Map.of())).database().readPoolSize()).isEqualTo(4);
        assertThat(ServerConfig.load(ConfigSource.ofValues(Map.of("SEALFLOW_DB_READ_POOL_SIZE", "2"))).database().readPoolSize())
            .isEqualTo(2);
        assertThat(ServerConfig.load(ConfigSource.ofValues(Map.of("SEALFLOW_DB_READ_POOL_SIZE", "2"))).database().maxPoolSize())
            .isEqualTo(1);
        assertThatThrownBy(() -> ServerConfig.load(ConfigSource.ofValues(Map.of("SEALFLOW_DB_READ_POOL_SIZE", "-1"))))
            .hasMessageContaining("SEALFLOW_DB_READ_POOL_SIZE");
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> ServerConfig.load(ConfigSource.ofValues(Map.of("SEALFLOW_HTTP_PORT", "eighty"))))
            .hasMessageContaining("SEALFLOW_HTTP_PORT");
        assertThatThrownBy(() -> ServerConfig.load(ConfigSource.ofValues(Map.of("SEALFLOW_DEMO", "perhaps"))))
            .hasMessageContaining("SEALFLOW_DEMO");
        assertThatThrownBy(() -> ConfigSource.of(Map.of("SEALFLOW_CONFIG", "/no/such/file.properties")))
            .hasMessageContaining("does not exist");
    }
}
