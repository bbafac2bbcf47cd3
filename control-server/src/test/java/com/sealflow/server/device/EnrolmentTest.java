package com.sealflow.server.device;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.web.ProblemException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnrolmentTest extends VertxPerClass {

    static String newKey() throws Exception {
        return Base64.getEncoder().encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
    }

    static int status(Throwable t) {
        Throwable c = t;
        while (c != null && !(c instanceof ProblemException)) {
            c = c.getCause();
        }
        return c == null ? -1 : ((ProblemException) c).status();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void enrolmentCodeWorksOnceAndGivesCredentialsThatOnlyWorkWhileEnabled(Dialect dialect) throws Exception {
        try (DeviceFixture f = new DeviceFixture(vertx, dialect)) {
            Device created = await(f.registry.create(new DeviceRegistry.NewDevice("SD-01", "SN-1", DeviceKind.SEAL_DEVICE, "HQ 3F",
                List.of(new SealBinding("seal-fin", null)))));
            assertThat(created.status()).isEqualTo(DeviceStatus.PENDING_ENROLMENT);
            EnrolmentCode code = await(f.registry.issueEnrolmentCode("SD-01"));
            assertThat(code.code()).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");
            assertThat(code.qrPngDataUrl()).startsWith("data:image/png;base64,");
            String stored = await(f.db.execute("SELECT code_hash FROM device_enrolment_code")).iterator().next().getString("code_hash");
            assertThat(stored).doesNotContain(code.code().replace("-", ""));

            JsonObject answer = await(f.registry.enroll(code.code().toLowerCase(), newKey(), "1.2.0"));
            assertThat(answer.getString("deviceId")).isEqualTo("SD-01");
            assertThat(answer.getJsonObject("mqtt").getString("username")).isEqualTo("SD-01");
            assertThat(answer.getJsonObject("mqtt").getString("clientId")).isEqualTo("SD-01");
            assertThat(answer.getJsonArray("tokenKeys").getJsonObject(0).getString("kid")).isEqualTo("k1");
            assertThat(answer.getJsonArray("seals").getJsonObject(0).getString("sealId")).isEqualTo("seal-fin");
            assertThat(await(f.registry.get("SD-01")).status()).isEqualTo(DeviceStatus.OFFLINE);
            assertThat(await(f.registry.get("SD-01")).firmware()).isEqualTo("1.2.0");

            String password = answer.getJsonObject("mqtt").getString("password");
            String token = answer.getJsonObject("http").getString("token");
            assertThat(f.registry.verify("SD-01", password.getBytes(StandardCharsets.UTF_8)).toCompletableFuture().get()).isTrue();
            assertThat(f.registry.verify("SD-01", "x".getBytes(StandardCharsets.UTF_8)).toCompletableFuture().get()).isFalse();
            assertThat(await(f.registry.deviceForHttpToken(token))).isEqualTo("SD-01");

            assertThatThrownBy(() -> await(f.registry.enroll(code.code(), newKey(), null)))
                .satisfies(t -> assertThat(status(t)).isEqualTo(410));
            assertThatThrownBy(() -> await(f.registry.enroll("AAAA-BBBB-CCCC-DDDD", newKey(), null)))
                .satisfies(t -> assertThat(status(t)).isEqualTo(404));

            await(f.registry.disable("SD-01"));
            assertThat(f.registry.verify("SD-01", password.getBytes(StandardCharsets.UTF_8)).toCompletableFuture().get()).isFalse();
            assertThat(await(f.registry.deviceForHttpToken(token))).isNull();
            assertThatThrownBy(() -> await(f.registry.issueEnrolmentCode("SD-01")))
                .satisfies(t -> assertThat(status(t)).isEqualTo(409));
            await(f.registry.enable("SD-01"));
            assertThat(await(f.registry.get("SD-01")).status()).isEqualTo(DeviceStatus.OFFLINE);
            assertThat(f.registry.verify("SD-01", password.getBytes(StandardCharsets.UTF_8)).toCompletableFuture().get()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void expiredOrSupersededCodesAndBadKeysAreRefused(Dialect dialect) throws Exception {
        try (DeviceFixture f = new DeviceFixture(vertx, dialect)) {
            await(f.registry.create(new DeviceRegistry.NewDevice("CAB-01", "SN-C", DeviceKind.CABINET, null, List.of())));
            EnrolmentCode first = await(f.registry.issueEnrolmentCode("CAB-01"));
            EnrolmentCode second = await(f.registry.issueEnrolmentCode("CAB-01"));
            assertThatThrownBy(() -> await(f.registry.enroll(first.code(), newKey(), null)))
                .satisfies(t -> assertThat(status(t)).isEqualTo(410));
            assertThatThrownBy(() -> await(f.registry.enroll(second.code(), "bm90IGEga2V5", null)))
                .satisfies(t -> assertThat(status(t)).isEqualTo(422));
            f.clock.advance(Duration.ofHours(25));
            assertThatThrownBy(() -> await(f.registry.enroll(second.code(), newKey(), null)))
                .satisfies(t -> assertThat(status(t)).isEqualTo(410));
            assertThatThrownBy(() -> await(f.registry.create(new DeviceRegistry.NewDevice("CAB-01", "SN-X", DeviceKind.CABINET, null,
                List.of()))))
                .satisfies(t -> assertThat(status(t)).isEqualTo(409));
            assertThatThrownBy(() -> await(f.registry.create(new DeviceRegistry.NewDevice("bad/id", "SN-Y", DeviceKind.CABINET, null,
                List.of()))))
                .satisfies(t -> assertThat(status(t)).isEqualTo(400));
        }
    }
}
