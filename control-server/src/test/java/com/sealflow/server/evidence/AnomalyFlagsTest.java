package com.sealflow.server.evidence;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.device.DeviceFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One stamping session per case, photos uploaded over real HTTP: a clean session raises no flag at all (not even
 * after the missing-photo grace period), while a forced press, a blank-page photo and a missing photo are each
 * flagged on their press. (Over-allowance, broken chains and counter rollback: {@link EvidenceIntakeTest}.)
 */
class AnomalyFlagsTest extends VertxPerClass {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aCleanSessionHasNoFlagAndEachDeviationIsFlaggedOnItsPress(Dialect dialect) throws Exception {
        try (DeviceStack s = new DeviceStack(vertx, dialect)) {
            DeviceFixture.Enrolled d = s.enrollSealDevice("SD-01", "seal-fin");
            FakeAgent agent = new FakeAgent("SD-01", d.keyPair(), s.f.clock.millis());

            // clean: token accepted, session, two stamped presses with their photos, session end, DONE
            DeviceStack.Armed clean = session(s, agent, "req-clean", 2);
            press(s, d, agent, clean, 1, false, TestImages.page(true));
            press(s, d, agent, clean, 2, false, TestImages.page(true));
            await(s.intake.onEvent("SD-01", agent.next("SESSION_ENDED", Map.of("tokenId", clean.tokenId(), "pressesUsed", 2L,
                "reason", "COMPLETED"), null)));
            await(s.f.commands.onResult("SD-01", clean.commandId(), new JsonObject().put("state", "DONE").put("pressesUsed", 2)));
            s.f.clock.advance(Duration.ofMinutes(30));
            agent.at += Duration.ofMinutes(30).toMillis();
            await(s.intake.flagMissingPhotos());
            assertThat(await(s.queries.anomalies("SD-01", 100))).isEmpty();
            assertThat(flagsOf(s, "req-clean")).containsExactly(List.of(), List.of());

            // forced: the MCU reports the mechanism moved by force, even though a token is armed
            DeviceStack.Armed forced = session(s, agent, "req-forced", 2);
            press(s, d, agent, forced, 3, true, TestImages.page(true));
            assertThat(flagsOf(s, "req-forced")).containsExactly(List.of("PRESS_WITHOUT_SESSION"));

            // blank page: the photo shows an empty sheet (or a covered camera)
            DeviceStack.Armed blank = session(s, agent, "req-blank", 2);
            press(s, d, agent, blank, 4, false, TestImages.blank());
            assertThat(flagsOf(s, "req-blank").get(0)).contains("BLANK_PAGE");

            // missing photo: the press arrives, its photo never does
            press(s, d, agent, blank, 5, false, null);
            assertThat(flagsOf(s, "req-blank").get(1)).isEmpty();
            s.f.clock.advance(Duration.ofMinutes(11));
            agent.at += Duration.ofMinutes(11).toMillis();
            assertThat(await(s.intake.flagMissingPhotos())).isEqualTo(1);
            assertThat(flagsOf(s, "req-blank").get(1)).containsExactly("MISSING_PHOTO");
            assertThat(flagsOf(s, "req-clean")).containsExactly(List.of(), List.of());
        }
    }

    private static DeviceStack.Armed session(DeviceStack s, FakeAgent agent, String requestId, int copies) throws Exception {
        DeviceStack.Armed armed = s.armed(requestId, "SD-01", "seal-fin", copies);
        await(s.intake.onEvent("SD-01", agent.next("SESSION_STARTED", Map.of("tokenId", armed.tokenId(), "sessionId", 7L), null)));
        return armed;
    }

    private static void press(DeviceStack s, DeviceFixture.Enrolled d, FakeAgent agent, DeviceStack.Armed session, long counter,
                              boolean forced, byte[] photo) throws Exception {
        Map<String, Object> body = new HashMap<>(FakeAgent.press(session.tokenId(), requestOf(s, session), counter));
        body.put("forced", forced);
        String sha = photo == null ? String.format("%064x", counter) : PhotoStore.sha256Hex(photo);
        JsonObject event = agent.next("PRESS", body, sha);
        await(s.intake.onEvent("SD-01", event));
        if (photo != null) {
            HttpResponse<String> put = s.putPhoto("/api/device/v1/snapshots/" + event.getString("eventId"), "Bearer " + d.httpToken(),
                photo, sha);
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            // the impression check runs after the upload's answer; its flags follow shortly
            s.awaitPhotoChecks();
        }
    }

    private static String requestOf(DeviceStack s, DeviceStack.Armed session) {
        return await(s.f.db.execute("SELECT request_id FROM device_command WHERE id = $1", session.commandId())).iterator().next()
            .getString("request_id");
    }

    private static List<List<String>> flagsOf(DeviceStack s, String requestId) {
        JsonArray presses = await(s.queries.pressesOf(requestId));
        return presses.stream().map(JsonObject.class::cast)
            .map(p -> p.getJsonArray("flags").stream().map(String.class::cast).toList()).toList();
    }
}
