package com.sealflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The newcomer's journey of the README's run command, through real HTTP, a real broker and the demo
 * company's virtual devices (simulated MCU over a pty or TCP + real edge agent): apply for the finance seal,
 * approve as department head and finance, the unlock reaches SD-01, the custodian enters the PIN and presses
 * twice, the presses arrive with photos and the request completes; security staff, the applicant and the custodian
 * can open the photos, other employees cannot.
 */
class DemoJourneyTest {

    static TestServer server;
    static Journey journey;

    @BeforeAll
    static void start() {
        server = TestServer.start(Dialect.SQLITE, Map.of("demo", "true", "demo.devices", "true"));
        journey = new Journey(server, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void applyApproveStampAndReviewThePhotos() throws Exception {
        // the virtual devices enrol and connect in the background after start-up; no need to wait for them: an
        // unlock published before SD-01 subscribed is sent again when it announces itself ONLINE
        TestHttp applicant = Servers.login(server, "zhangsan", "sealflow");
        JsonObject financeSeal = Journey.seal(applicant, s -> "FINANCE".equals(s.getString("type")));
        assertThat(financeSeal.getString("deviceId")).isEqualTo("SD-01");
        String requestId = Journey.applyForTwoStamps(applicant, financeSeal, "2026年三季度财务报表", new JsonObject());

        journey.approve("lisi", requestId, "同意");
        journey.approve("qianqi", requestId, "同意");

        JsonObject armed = journey.await(() -> applicant.get("/api/requests/" + requestId).json(),
            d -> d.getJsonArray("unlocks").size() == 1 && "ACCEPTED".equals(d.getJsonArray("unlocks").getJsonObject(0).getString("state")));
        assertThat(armed.getString("status")).isEqualTo("IN_PROGRESS");
        journey.pinAndPressTwice("SD-01");

        JsonObject done = journey.await(() -> applicant.get("/api/requests/" + requestId).json(),
            d -> "COMPLETED".equals(d.getString("status")) && d.getJsonArray("presses").size() == 2
                && d.getJsonArray("presses").stream().map(JsonObject.class::cast).allMatch(p -> p.getString("photoSha256") != null));
        assertThat(done.getJsonArray("unlocks").getJsonObject(0).getString("state")).isEqualTo("DONE");

        TestHttp security = Servers.login(server, "anbao", "sealflow");
        String pressId = done.getJsonArray("presses").getJsonObject(0).getString("id");
        TestHttp.Res photo = journey.await(() -> security.get("/api/evidence/" + pressId + "/photo"), r -> r.status() == 200);
        assertThat(photo.contentType()).startsWith("image/jpeg");
        // the applicant may see the proof that their document was stamped, and so may the seal's custodian
        TestHttp.Res own = applicant.get("/api/evidence/" + pressId + "/photo");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.contentType()).startsWith("image/jpeg");
        assertThat(Servers.login(server, "zhengyi", "sealflow").get("/api/evidence/" + pressId + "/photo").status()).isEqualTo(200);
        // anyone else: as if the press did not exist
        TestHttp.Res other = Servers.login(server, "zhaoliu", "sealflow").get("/api/evidence/" + pressId + "/photo");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.contentType()).startsWith("application/problem+json");
    }
}
