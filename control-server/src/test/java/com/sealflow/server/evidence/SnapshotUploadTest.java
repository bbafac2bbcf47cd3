package com.sealflow.server.evidence;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.device.DeviceFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DEVICE-CONTRACT snapshot upload over real HTTP: 201, 200 idempotent, 409, 403, 404, 413, 415, 401; review routes. */
class SnapshotUploadTest extends VertxPerClass {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void uploadsAreCheckedStoredOnceAndReviewable(Dialect dialect) throws Exception {
        try (DeviceStack s = new DeviceStack(vertx, dialect)) {
            DeviceFixture.Enrolled a = s.enrollSealDevice("SD-01", "seal-fin");
            DeviceFixture.Enrolled b = s.enrollSealDevice("SD-02", "seal-inv");
            String token = s.armed("req-1", "SD-01", "seal-fin", 2).tokenId();
            FakeAgent agent = new FakeAgent("SD-01", a.keyPair(), s.f.clock.millis());
            byte[] stamped = TestImages.page(true);
            String sha = PhotoStore.sha256Hex(stamped);
            JsonObject press = agent.next("PRESS", FakeAgent.press(token, "req-1", 1), sha);
            String eventId = press.getString("eventId");
            String path = "/api/device/v1/snapshots/" + eventId;
            String bearerA = "Bearer " + a.httpToken();

            assertThat(s.putPhoto(path, bearerA, stamped, sha).statusCode()).isEqualTo(404);
            await(s.intake.onEvent("SD-01", press));
            assertThat(s.putPhoto(path, null, stamped, sha).statusCode()).isEqualTo(401);
            assertThat(s.putPhoto(path, "Bearer " + b.httpToken(), stamped, sha).statusCode()).isEqualTo(403);
            HttpResponse<String> png = s.send("PUT", path, null, "image/png", stamped, "Authorization", bearerA);
            assertThat(png.statusCode()).isEqualTo(415);
            assertThat(png.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).contains("problem+json"));
            byte[] fake = "GIF89a not a jpeg at all".getBytes();
            assertThat(s.putPhoto(path, bearerA, fake, PhotoStore.sha256Hex(fake)).statusCode()).isEqualTo(415);
            byte[] other = TestImages.page(false);
            assertThat(s.putPhoto(path, bearerA, other, PhotoStore.sha256Hex(other)).statusCode()).isEqualTo(409);
            assertThat(s.putPhoto(path, bearerA, new byte[300 * 1024], null).statusCode()).isEqualTo(413);

            HttpResponse<String> created = s.putPhoto(path, bearerA, stamped, sha);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(new JsonObject(created.body()).getString("sha256")).isEqualTo(sha);
            assertThat(s.putPhoto(path, bearerA, stamped, sha).statusCode()).isEqualTo(200);
            assertThat(Files.readAllBytes(s.photos.path(sha))).isEqualTo(stamped);

            // a press whose photo shows no seal is flagged by the impression check, which follows the upload
            s.awaitPhotoChecks();
            assertThat(await(s.queries.anomalies("SD-01", 10))).isEmpty();
            byte[] plain = TestImages.page(false);
            JsonObject second = agent.next("PRESS", FakeAgent.press(token, "req-1", 2), PhotoStore.sha256Hex(plain));
            await(s.intake.onEvent("SD-01", second));
            assertThat(s.putPhoto("/api/device/v1/snapshots/" + second.getString("eventId"), bearerA, plain, PhotoStore.sha256Hex(plain))
                .statusCode()).isEqualTo(201);
            s.awaitPhotoChecks();

            assertThat(s.send("GET", "/api/evidence", null, null, null).statusCode()).isEqualTo(401);
            assertThat(s.send("GET", "/api/evidence", "CUSTODIAN", null, null).statusCode()).isEqualTo(403);
            JsonArray flagged = new JsonArray(s.send("GET", "/api/evidence?flagged=true&deviceId=SD-01", "SECURITY", null, null).body());
            assertThat(flagged).hasSize(1);
            JsonObject p = flagged.getJsonObject(0);
            assertThat(p.getJsonArray("flags")).containsExactly("NO_SEAL_IMPRESSION");
            assertThat(p.getString("requestId")).isEqualTo("req-1");
            HttpResponse<String> photo = s.send("GET", "/api/evidence/" + p.getString("id") + "/photo", "AUDITOR", null, null);
            assertThat(photo.statusCode()).isEqualTo(200);
            assertThat(photo.headers().firstValue("Content-Type")).contains("image/jpeg");
            HttpResponse<String> review = s.json("POST", "/api/evidence/" + p.getString("id") + "/review", "SECURITY",
                "{\"verdict\":\"SUSPICIOUS\",\"comment\":\"no impression\"}");
            assertThat(review.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(review.body()).getJsonObject("review").getString("verdict")).isEqualTo("SUSPICIOUS");
            assertThat(s.json("POST", "/api/evidence/" + p.getString("id") + "/review", "SECURITY", "{\"verdict\":\"MAYBE\"}")
                .statusCode()).isEqualTo(400);
            assertThat(s.json("POST", "/api/evidence/nope/review", "SECURITY", "{\"verdict\":\"OK\"}").statusCode()).isEqualTo(404);
            assertThat(new JsonArray(s.send("GET", "/api/devices/SD-01/events", "SEAL_ADMIN", null, null).body())).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void badInputToDeviceRoutesIsAlwaysA4xxProblem(Dialect dialect) throws Exception {
        try (DeviceStack s = new DeviceStack(vertx, dialect)) {
            List<HttpResponse<String>> answers = List.of(
                s.json("POST", "/api/device/v1/enroll", null, "{not json"),
                s.json("POST", "/api/device/v1/enroll", null, "{\"code\": 12, \"publicKey\": \"x\"}"),
                s.json("POST", "/api/device/v1/enroll", null, "{\"code\": \"AAAA\", \"publicKey\": \"%%%\"}"),
                s.json("POST", "/api/device/v1/enroll", null, "[1, 2]"),
                s.json("POST", "/api/devices", "SEAL_ADMIN", "{\"serialNo\": \"x\", \"kind\": \"TOASTER\"}"),
                s.json("POST", "/api/devices", "SEAL_ADMIN",
                    "{\"serialNo\": \"x\", \"kind\": \"CABINET\", \"seals\": [{\"slot\": \"one\"}]}"),
                s.json("POST", "/api/devices", "SEAL_ADMIN", "{\"id\": \"a/#\", \"serialNo\": \"x\", \"kind\": \"CABINET\"}"),
                s.send("GET", "/api/devices/nope", "AUDITOR", null, null),
                s.json("POST", "/api/devices/nope/disable", "ADMIN", null),
                s.send("GET", "/api/devices", null, null, null),
                s.send("GET", "/api/evidence?from=yesterday", "SECURITY", null, null),
                s.send("GET", "/api/evidence/nope/photo", "SECURITY", null, null),
                s.send("PUT", "/api/device/v1/snapshots/x", null, "image/jpeg", new byte[] {1}, "Authorization", "Bearer forged"));
            for (HttpResponse<String> r : answers) {
                assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
            }
        }
    }
}
