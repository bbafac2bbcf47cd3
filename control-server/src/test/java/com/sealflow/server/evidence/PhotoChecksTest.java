package com.sealflow.server.evidence;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.device.DeviceFixture;
import com.sealflow.server.device.DeviceKind;
import com.sealflow.server.device.SealBinding;
import com.sealflow.server.device.broker.BrokerSessions;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The impression check runs after the upload's answer and raises its flags exactly once: with a second node checking
 * the same database at the same time, and again when a restart finds a photo stored but not checked.
 */
class PhotoChecksTest extends VertxPerClass {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void flagsFollowTheUploadOnceAcrossNodesAndRestarts(Dialect dialect) throws Exception {
        try (DeviceStack s = new DeviceStack(vertx, dialect, null, null, null, BrokerSessions.NONE)) {
            DeviceFixture.Enrolled d = s.f.createAndEnroll("SD-01", DeviceKind.SEAL_DEVICE, List.of(new SealBinding("seal-fin", null)));
            FakeAgent agent = new FakeAgent("SD-01", d.keyPair(), s.f.clock.millis());
            // a second server node on the same database, checking at the same time
            PhotoStore other = new PhotoStore(vertx, s.f.db, s.f.clock, new EvidenceSettings(s.f.dataDir, java.time.Duration.ofMinutes(10),
                java.time.Duration.ofMinutes(2), 256 * 1024));
            for (int i = 1; i <= 4; i++) {
                byte[] blank = TestImages.jpeg(blankPage(i));
                String sha = PhotoStore.sha256Hex(blank);
                JsonObject press = agent.next("PRESS", java.util.Map.of("sessionId", 7L, "pressCounter", (long) i, "forced", false), sha);
                await(s.intake.onEvent("SD-01", press));
                HttpResponse<String> put = s.send("PUT", "/api/device/v1/snapshots/" + press.getString("eventId"), null, "image/jpeg",
                    blank, "Authorization", "Bearer " + d.httpToken(), "X-Photo-Sha256", sha);
                assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
                other.checkPending();
            }
            s.awaitPhotoChecks();
            assertThat(blankPageFlags(s)).isEqualTo(4);

            // a restart finds one photo stored but not checked (the process died mid-check): checked once more, flagged once
            await(s.f.db.execute("UPDATE press SET photo_checked_at = NULL WHERE counter = 2"));
            await(s.f.db.execute("DELETE FROM evidence_anomaly WHERE kind IN ('BLANK_PAGE', 'NO_SEAL_IMPRESSION') AND press_id = "
                + "(SELECT id FROM press WHERE counter = 2)"));
            assertThat(await(other.uncheckedPhotos())).isEqualTo(1L);
            other.checkPending();
            s.photos.checkPending();
            s.awaitPhotoChecks();
            assertThat(blankPageFlags(s)).isEqualTo(4);
            assertThat(await(s.f.db.execute("SELECT COUNT(*) AS n FROM evidence_photo WHERE red_fraction IS NULL")).iterator().next()
                .getLong("n")).isZero();
        }
    }

    private static long blankPageFlags(DeviceStack s) {
        return await(s.f.db.execute("SELECT COUNT(*) AS n FROM evidence_anomaly WHERE kind = 'BLANK_PAGE'")).iterator().next()
            .getLong("n");
    }

    /** A blank sheet with a faint mark, so each photo has its own hash. */
    private static java.awt.image.BufferedImage blankPage(int mark) {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(250, 250, 250));
        g.fillRect(0, 0, 320, 240);
        g.setColor(new java.awt.Color(248, 248, 248));
        g.fillRect(mark * 10, 10, 4, 4);
        g.dispose();
        return img;
    }
}
