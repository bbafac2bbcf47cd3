package com.sealflow.server.device;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.config.ConfigSource;
import com.sealflow.server.config.ServerConfig;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import com.sealflow.server.demo.DemoSeeds;
import com.sealflow.server.device.broker.FakeDevice;
import com.sealflow.server.device.broker.FreePort;
import com.sealflow.server.evidence.EvidenceModule;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The production wiring: embedded broker on disk under the data dir, demo devices, enrolment and a live unlock. */
class DeviceModuleTest {

    @Test
    void wiresBrokerLinkDemoDevicesAndAudit() throws Exception {
        Vertx vertx = Vertx.vertx();
        Path dataDir = Files.createTempDirectory("sealflow-module-");
        int port = FreePort.find();
        ServerConfig config = ServerConfig.load(ConfigSource.ofValues(Map.of("SEALFLOW_DATA_DIR", dataDir.toString(),
            "SEALFLOW_MQTT_PORT", Integer.toString(port), "SEALFLOW_HTTP_PORT", "0",
            "SEALFLOW_MQTT_PUBLIC_URL", "tcp://seals.example.com:" + port)));
        Database db = TestDatabases.open(vertx, Dialect.SQLITE);
        DemoSeeds seeds = new DemoSeeds();
        AuditLog audit = new AuditLog(db, Clock.systemUTC());
        DeviceModule devices = DeviceModule.create(vertx, config, Clock.systemUTC(), db, audit, seeds);
        try {
            EvidenceModule.create(vertx, config, Clock.systemUTC(), db, audit, devices);
            devices.start();
            assertThat(Files.readString(dataDir.resolve("mqtt/conf/config.xml"))).contains("<enabled>false</enabled>")
                .contains("<bind-address>127.0.0.1</bind-address>");
            assertThat(Files.list(dataDir.resolve("keys/token-signing"))).isNotEmpty();
            await(seeds.runAll());
            await(seeds.runAll());
            assertThat(await(devices.registry().list())).extracting(Device::id).containsExactly("CAB-01", "SD-01", "SD-02");

            EnrolmentCode code = await(devices.registry().issueEnrolmentCode("SD-01", "admin-1"));
            JsonObject answer = await(devices.registry().enroll(code.code(), Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded()), "1.0.0"));
            assertThat(answer.getJsonObject("mqtt").getString("url")).isEqualTo("tcp://seals.example.com:" + port);
            try (FakeDevice device = new FakeDevice("tcp://127.0.0.1:" + port, "SD-01", "SD-01",
                answer.getJsonObject("mqtt").getString("password")).connect()) {
                device.subscribe("sealflow/v1/dev/SD-01/cmd/#");
                String cmd = await(db.inTransaction(tx -> devices.commands().issueUnlocks(tx, new UnlockRequest("r1", "R-1", "STAMP",
                    java.util.List.of(new UnlockRequest.SealUnlock("CW-001", "SD-01", null, 1)), java.util.List.of("zhengyi"), "t1"))))
                    .get(0);
                assertThat(new JsonObject(device.next(10).payload()).getString("commandId")).isEqualTo(cmd);
            }
            await(audit.sealed());
            long audited = await(db.execute("SELECT COUNT(*) AS n FROM audit_log WHERE object_type = 'device'")).iterator().next()
                .getLong("n");
            assertThat(audited).isGreaterThanOrEqualTo(5);
        } finally {
            devices.stop();
            db.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
