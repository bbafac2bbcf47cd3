package com.sealflow.server.evidence;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.device.DeviceFixture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A photo upload whose press event the intake has received but not yet written waits for the event's transaction and is
 * stored (201), instead of a 404 that sends the device into its retry pause; an event never received is still a 404 at
 * once, and an event whose transaction does not end in time a 404 after the wait.
 */
class UploadWaitsForEventTest extends VertxPerClass {

    /**
     * PostgreSQL only: on SQLite the held transaction holds the one connection, so any upload's look-up waits for it, with or
     * without the wait for the event, and the test would tell nothing.
     */
    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = "POSTGRES")
    void anUploadDuringTheEventsTransactionIsStoredOnceItCommits(Dialect dialect) throws Exception {
        try (DeviceStack s = new DeviceStack(vertx, dialect)) {
            s.photos.shareListeners(s.intake); // as EvidenceModule wires them
            DeviceFixture.Enrolled d = s.enrollSealDevice("SD-01", "seal-fin");
            FakeAgent agent = new FakeAgent("SD-01", d.keyPair(), s.f.clock.millis());
            byte[] stamped = TestImages.page(true);
            String sha = PhotoStore.sha256Hex(stamped);
            JsonObject press = agent.next("PRESS", FakeAgent.press(null, null, 1), sha);
            String path = "/api/device/v1/snapshots/" + press.getString("eventId");
            String bearer = "Bearer " + d.httpToken();

            // the intake's transactions are held: the event is received, checked and queued, not written
            Promise<Void> hold = Promise.promise();
            Future<Void> held = s.intake.commits().submit("hold", (tx, scratch) -> hold.future());
            Future<Void> written = s.intake.onEvent("SD-01", press);
            CompletableFuture<HttpResponse<String>> upload = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.putPhoto(path, bearer, stamped, sha);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            assertThat(upload).as("the upload waits for the event").isNotDone();
            assertThat(written.isComplete()).isFalse();

            long released = System.nanoTime();
            hold.complete();
            HttpResponse<String> answer = upload.get(PhotoStore.MAX_WAIT_FOR_EVENT_MS, TimeUnit.MILLISECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released)).isLessThan(PhotoStore.MAX_WAIT_FOR_EVENT_MS);
            await(held);
            await(written);
            assertThat(s.intake.inFlight().size()).isZero();
            assertThat(await(s.f.db.execute("SELECT photo_stored FROM press WHERE event_id = $1", press.getString("eventId")))
                .iterator().next().getInteger("photo_stored")).isEqualTo(1);

            // an event the intake never received: 404 at once, as before
            JsonObject unknown = agent.next("PRESS", FakeAgent.press(null, null, 2), sha);
            long asked = System.nanoTime();
            assertThat(s.putPhoto("/api/device/v1/snapshots/" + unknown.getString("eventId"), bearer, stamped, sha).statusCode())
                .isEqualTo(404);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked)).isLessThan(PhotoStore.MAX_WAIT_FOR_EVENT_MS);
        }
    }

    @Test
    void aWaitEndsWithTheTransactionOrAfterItsLimit() {
        EventsInFlight events = new EventsInFlight();
        assertThat(events.settled(vertx, "never-received", 60_000).isComplete()).isTrue();

        Promise<Void> committed = Promise.promise();
        events.add("e1", committed.future());
        Future<Void> waiting = events.settled(vertx, "e1", 60_000);
        assertThat(waiting.isComplete()).isFalse();
        committed.complete();
        assertThat(waiting.succeeded()).isTrue();
        assertThat(events.size()).isZero();

        Promise<Void> failed = Promise.promise();
        events.add("e2", failed.future());
        Future<Void> afterFailure = events.settled(vertx, "e2", 60_000);
        failed.fail("rolled back");
        assertThat(afterFailure.succeeded()).as("a failed write ends the wait too; the look-up then decides").isTrue();
        assertThat(events.size()).isZero();

        Promise<Void> stuck = Promise.promise();
        events.add("e3", stuck.future());
        long start = System.nanoTime();
        await(events.settled(vertx, "e3", 200));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(150L, 5_000L);
        assertThat(events.size()).isEqualTo(1);
    }
}
