package com.sealflow.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.agent.identity.DeviceKeys;
import com.sealflow.agent.journal.EventDraft;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.journal.ProtocolEvidenceSealer;
import com.sealflow.agent.journal.StoredPhoto;
import com.sealflow.agent.mqtt.CloudLink;
import com.sealflow.agent.testkit.Await;
import com.sealflow.agent.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventPublisherTest {

    @TempDir
    Path dir;
    final FakeClock clock = new FakeClock();

    /** Records publishes; acknowledges them only when told to. */
    static final class RecordingLink implements CloudLink {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> acks = new CopyOnWriteArrayList<>();
        volatile boolean autoAck = true;
        /** Runs inside the next {@link #publish}, on the publisher's thread, before it returns. */
        volatile Runnable onNextPublish;

        @Override
        public void start(Listener listener) {
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retained) {
            sent.add(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
            CompletableFuture<Void> f = new CompletableFuture<>();
            acks.add(f);
            if (autoAck) {
                f.complete(null);
            }
            Runnable hook = onNextPublish;
            onNextPublish = null;
            if (hook != null) {
                hook.run();
            }
            return f;
        }

        @Override
        public String lastError() {
            return "";
        }

        @Override
        public void close() {
        }
    }

    private Journal journal(DeviceKeys keys) throws Exception {
        return new Journal(dir, "dev-p", new ProtocolEvidenceSealer(keys.privateKey()));
    }

    @Test
    void acknowledgedEventsAreNeverSentAgainAfterARestart() throws Exception {
        DeviceKeys keys = DeviceKeys.generate();
        RecordingLink link = new RecordingLink();
        try (Journal j = journal(keys)) {
            for (int i = 0; i < 5; i++) {
                j.append(Journal.newEventId(), EventDraft.of("DOOR", clock.wallMillis(), clock.monoMillis(), Map.of("open", i % 2 == 0)));
            }
            try (EventPublisher p = new EventPublisher(j, link, "t", clock, 1000)) {
                p.start();
                p.connected();
                Await.until(() -> unpublished(j) == 0, Duration.ofSeconds(10), "all acknowledged");
            }
        }
        assertThat(link.sent).hasSize(5);
        RecordingLink after = new RecordingLink();
        try (Journal j = journal(keys); EventPublisher p = new EventPublisher(j, after, "t", clock, 1000)) {
            p.start();
            p.connected();
            j.append(Journal.newEventId(), EventDraft.of("DOOR", clock.wallMillis(), clock.monoMillis(), Map.of("open", true)));
            p.wake();
            Await.until(() -> after.sent.size() == 1 && unpublished(j) == 0, Duration.ofSeconds(10), "the new event only");
            assertThat(after.sent.get(0)).contains("\"seq\":6");
        }
    }

    @Test
    void anEventInFlightIsNotResentUntilItsAckTimesOut() throws Exception {
        RecordingLink link = new RecordingLink();
        link.autoAck = false;
        try (Journal j = journal(DeviceKeys.generate()); EventPublisher p = new EventPublisher(j, link, "t", clock, 1000)) {
            j.append(Journal.newEventId(), EventDraft.of("DOOR", clock.wallMillis(), clock.monoMillis(), Map.of("open", true)));
            p.start();
            p.connected();
            Await.until(() -> link.sent.size() == 1, Duration.ofSeconds(10), "first send");
            p.wake();
            p.wake();
            assertThat(p.inFlight()).isEqualTo(1);
            clock.advanceMonoMillis(61_000);
            p.wake();
            Await.until(() -> link.sent.size() == 2, Duration.ofSeconds(10), "resend after the in-flight timeout");
            link.acks.forEach(f -> f.complete(null));
            Await.until(() -> unpublished(j) == 0, Duration.ofSeconds(10), "acknowledged");
        }
    }

    /**
     * The PUBACK of a live event arrives while the publisher walks a batch it read before that PUBACK: the batch
     * still lists the event as unpublished, and it must not be sent a second time. The PUBACK is delivered from
     * inside the publish of the backlog event in front of it in that batch, so the order is fixed, not timed.
     */
    @Test
    void aPubackArrivingWhileABatchIsWalkedDoesNotSendThatEventAgain() throws Exception {
        RecordingLink link = new RecordingLink();
        link.autoAck = false;
        try (Journal j = journal(DeviceKeys.generate()); EventPublisher p = new EventPublisher(j, link, "t", clock, 1)) {
            append(j);
            append(j);
            p.start();
            p.connected();
            // backlog 1..2 at one a second on a clock that stands still: seq 1 goes, seq 2 waits
            Await.until(() -> link.sent.size() == 1, Duration.ofSeconds(10), "seq 1 sent");
            append(j);
            p.wake();
            Await.until(() -> link.sent.size() == 2, Duration.ofSeconds(10), "live seq 3 sent ahead of the backlog");
            assertThat(link.sent.get(1)).contains("\"seq\":3");
            link.acks.get(0).complete(null);
            Await.until(() -> unpublished(j) == 2, Duration.ofSeconds(10), "seq 1 acknowledged");
            // the next batch lists 2 and 3; while 2 is being published, 3's PUBACK arrives
            link.onNextPublish = () -> link.acks.get(1).complete(null);
            clock.advanceMonoMillis(1_000);
            p.wake();
            Await.until(() -> link.sent.size() >= 3, Duration.ofSeconds(10), "seq 2 sent");
            link.acks.get(2).complete(null);
            Await.until(() -> unpublished(j) == 0, Duration.ofSeconds(10), "all acknowledged");
            assertThat(link.sent.stream().filter(s -> s.contains("\"seq\":3"))).as("publishes of seq 3").hasSize(1);
            p.wake();
            Await.until(() -> p.inFlight() == 0, Duration.ofSeconds(10), "nothing in flight");
        }
        assertThat(link.sent).hasSize(3);
    }

    /**
     * After an outage at most the window of replayed presses may be published and not yet confirmed by the server (their
     * photo not yet uploaded); each confirmation lets one more go, the backlog stays in seq order, and live events are not
     * held by the window.
     */
    @Test
    void theReplayWaitsForTheServerToConfirmItsPressesBeforeSendingMore() throws Exception {
        RecordingLink link = new RecordingLink();
        try (Journal j = journal(DeviceKeys.generate()); EventPublisher p = new EventPublisher(j, link, "t", clock, 1000, 3)) {
            for (int i = 0; i < 8; i++) {
                appendPress(j);
            }
            p.start();
            p.connected();
            Await.until(() -> link.sent.size() == 3, Duration.ofSeconds(10), "the window's three presses sent");
            assertThat(sentSeqs(link)).containsExactly(1L, 2L, 3L);
            appendPress(j);
            p.wake();
            Await.until(() -> link.sent.size() == 4, Duration.ofSeconds(10), "the live press sent although the window is full");
            assertThat(sentSeqs(link).get(3)).isEqualTo(9L);
            p.wake();
            Thread.sleep(300);
            assertThat(link.sent).as("nothing more of the backlog while the server confirmed none").hasSize(4);
            j.markPhoto(1, "UPLOADED");
            Await.until(() -> link.sent.size() == 5, Duration.ofSeconds(10), "one confirmed, one more replayed");
            assertThat(sentSeqs(link).get(4)).isEqualTo(4L);
            for (long seq = 2; seq <= 8; seq++) {
                j.markPhoto(seq, "UPLOADED");
                long expected = Math.min(9, seq + 4);
                Await.until(() -> link.sent.size() >= expected, Duration.ofSeconds(10), "replay continues as presses are confirmed");
            }
            Await.until(() -> unpublished(j) == 0, Duration.ofSeconds(10), "all published");
            assertThat(sentSeqs(link)).containsExactly(1L, 2L, 3L, 9L, 4L, 5L, 6L, 7L, 8L);
        }
    }

    /** A press the server never confirms (its photo refused with 404 again and again) holds the replay for a minute only. */
    @Test
    void aPressUnconfirmedForAMinuteNoLongerHoldsTheReplay() throws Exception {
        RecordingLink link = new RecordingLink();
        try (Journal j = journal(DeviceKeys.generate()); EventPublisher p = new EventPublisher(j, link, "t", clock, 1000, 1)) {
            appendPress(j);
            appendPress(j);
            p.start();
            p.connected();
            Await.until(() -> link.sent.size() == 1, Duration.ofSeconds(10), "the first press sent");
            p.wake();
            Thread.sleep(300);
            assertThat(link.sent).hasSize(1);
            clock.shiftWallMillis(61_000);
            Await.until(() -> link.sent.size() == 2, Duration.ofSeconds(10), "the second press sent a minute later");
        }
    }

    private void appendPress(Journal j) throws Exception {
        StoredPhoto photo = new StoredPhoto(dir.resolve("photo.jpg"), "ab".repeat(32), 10);
        j.append(Journal.newEventId(), new EventDraft("PRESS", clock.wallMillis(), clock.monoMillis(), Map.of("pressCounter", 1), photo));
    }

    private static List<Long> sentSeqs(RecordingLink link) {
        java.util.regex.Pattern seq = java.util.regex.Pattern.compile("\"seq\":(\\d+)");
        return link.sent.stream().map(s -> {
            java.util.regex.Matcher m = seq.matcher(s);
            if (!m.find()) {
                throw new AssertionError("no seq in " + s);
            }
            return Long.parseLong(m.group(1));
        }).toList();
    }

    private void append(Journal j) throws Exception {
        j.append(Journal.newEventId(), EventDraft.of("DOOR", clock.wallMillis(), clock.monoMillis(), Map.of("open", true)));
    }

    private static long unpublished(Journal j) {
        try {
            return j.depth().unpublished();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
