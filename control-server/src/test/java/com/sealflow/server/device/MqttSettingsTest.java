package com.sealflow.server.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.config.ConfigSource;
import com.sealflow.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded broker's bind address and the URL devices are told come from the typed config (file key or variable). */
class MqttSettingsTest {

    @Test
    void defaultsBindToLoopbackAndTellDevicesThePublicHost() {
        ServerConfig c = ServerConfig.load(ConfigSource.ofValues(Map.of("SEALFLOW_PUBLIC_URL", "https://seal.example.com",
            "SEALFLOW_MQTT_PORT", "18830")));
        assertThat(c.mqttHost()).isEqualTo("127.0.0.1");
        assertThat(c.mqttPublicUrl()).isNull();
        assertThat(DeviceModule.devicesUrl(c)).isEqualTo("tcp://seal.example.com:18830");
        assertThat(c.mqttDiskPersistence()).isFalse();
    }

    @Test
    void theEmbeddedBrokerKeepsItsStateInMemoryUnlessToldFile() {
        assertThat(ServerConfig.load(ConfigSource.ofValues(Map.of("SEALFLOW_MQTT_PERSISTENCE", "file"))).mqttDiskPersistence())
            .isTrue();
        assertThat(ServerConfig.load(ConfigSource.ofValues(Map.of("SEALFLOW_MQTT_PERSISTENCE", "memory"))).mqttDiskPersistence())
            .isFalse();
        assertThatThrownBy(() -> ServerConfig.load(ConfigSource.ofValues(Map.of("SEALFLOW_MQTT_PERSISTENCE", "disk"))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mqtt.persistence");
        assertThat(ServerConfig.load(ConfigSource.ofValues(Map.of("SEALFLOW_MQTT_PERSISTENCE", "file"))).withHttpPort(1)
            .mqttDiskPersistence()).isTrue();
    }

    @Test
    void configFileKeysAreReadAndVariablesWinOverThem() throws Exception {
        Path file = Files.createTempFile("sealflow-", ".properties");
        Files.writeString(file, "mqtt.host=0.0.0.0\nmqtt.public.url=tcp://from-file.example.com:1883\n");
        ServerConfig fromFile = ServerConfig.load(ConfigSource.of(Map.of(ConfigSource.CONFIG_FILE_VARIABLE, file.toString())));
        assertThat(fromFile.mqttHost()).isEqualTo("0.0.0.0");
        assertThat(fromFile.mqttPublicUrl()).isEqualTo("tcp://from-file.example.com:1883");
        assertThat(DeviceModule.devicesUrl(fromFile)).isEqualTo("tcp://from-file.example.com:1883");

        ServerConfig fromEnv = ServerConfig.load(ConfigSource.of(Map.of(ConfigSource.CONFIG_FILE_VARIABLE, file.toString(),
            "SEALFLOW_MQTT_HOST", "10.0.0.5", "SEALFLOW_MQTT_PUBLIC_URL", "ssl://mqtt.example.com:8883")));
        assertThat(fromEnv.mqttHost()).isEqualTo("10.0.0.5");
        assertThat(DeviceModule.devicesUrl(fromEnv)).isEqualTo("ssl://mqtt.example.com:8883");
        // the copy made for another HTTP port keeps them
        assertThat(fromEnv.withHttpPort(9999).mqttPublicUrl()).isEqualTo("ssl://mqtt.example.com:8883");
        assertThat(fromEnv.withHttpPort(9999).mqttHost()).isEqualTo("10.0.0.5");
    }
}
