package com.sealflow.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.agent.AgentMain;
import com.sealflow.agent.testkit.FakeServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollerTest {

    static final String ANSWER = """
            {"deviceId":"dev-42","serialNo":"SN42","kind":"SEAL_DEVICE",
             "mqtt":{"url":"tcp://127.0.0.1:1883","clientId":"dev-42","username":"dev-42","password":"s3cret"},
             "http":{"baseUrl":"http://127.0.0.1:8080","token":"tok"},
             "tokenKeys":[{"kid":"k1","publicKey":"MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE="}],
             "seals":[{"sealId":"seal-1","slot":null}],"serverTime":1700000000000,"futureField":1}
            """;

    @TempDir
    Path data;

    @Test
    void enrolsOnceStoresKeyOwnerOnlyAndSendsThePublicKey() throws Exception {
        try (FakeServer server = new FakeServer()) {
            server.code("ABC-123", ANSWER);
            Enrolment e = new Enroller(HttpClient.newHttpClient()).enroll(server.baseUrl(), "ABC-123", "1.0.0", data);
            assertThat(e.deviceId()).isEqualTo("dev-42");
            assertThat(e.mqtt().password()).isEqualTo("s3cret");
            assertThat(e.tokenKeys()).extracting(Enrolment.TokenKey::kid).containsExactly("k1");

            DeviceKeys keys = DeviceKeys.load(data);
            assertThat(Base64.getDecoder().decode(server.enrolledKey())).isEqualTo(keys.publicKey().getEncoded());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(DeviceKeys.PRIVATE_FILE))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(Enrolment.FILE))))
                    .isEqualTo("rw-------");
            assertThat(Enrolment.load(data)).isEqualTo(e);

            assertThatThrownBy(() -> new Enroller(HttpClient.newHttpClient()).enroll(server.baseUrl(), "ABC-123", "1.0.0", data))
                    .isInstanceOf(IOException.class).hasMessageContaining("410");
            assertThat(DeviceKeys.load(data).publicKey()).as("a refused enrolment keeps the old key").isEqualTo(keys.publicKey());
        }
    }

    @Test
    void cliEnrollsAndStatusReportsTheJournal() throws Exception {
        try (FakeServer server = new FakeServer()) {
            server.code("XYZ", ANSWER);
            Path cfg = data.resolve("agent.properties");
            Files.writeString(cfg, "data.dir=" + data.resolve("d") + "\nstore.min-free-bytes=1\n");
            var out = new java.io.ByteArrayOutputStream();
            var old = System.out;
            int enrolled;
            int status;
            try {
                System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
                var cli = new picocli.CommandLine(new AgentMain());
                enrolled = cli.execute("-c", cfg.toString(), "enroll", "--server", server.baseUrl(), "--code", "XYZ");
                status = cli.execute("-c", cfg.toString(), "status");
            } finally {
                System.setOut(old);
            }
            String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(enrolled).isZero();
            assertThat(status).isZero();
            assertThat(text).contains("enrolled as dev-42").contains("device        dev-42").contains("journal       0 events")
                    .contains("store free");
        }
    }
}
