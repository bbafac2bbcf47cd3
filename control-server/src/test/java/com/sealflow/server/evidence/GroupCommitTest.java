package com.sealflow.server.evidence;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Events arriving together share one transaction: still in order, each once, flagged as alone, acknowledged after commit. */
class GroupCommitTest extends VertxPerClass {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void eventsArrivingTogetherAreStoredInOrderOnceAndFlaggedAsIfAlone(Dialect dialect) throws Exception {
        try (EvidenceIntakeTest.Kit k = new EvidenceIntakeTest.Kit(dialect, 5)) {
            List<JsonObject> events = new ArrayList<>();
            events.add(k.agent.next("SESSION_START", Map.of("tokenId", k.tokenId, "sessionId", 7L), null));
            events.add(k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 1), EvidenceIntakeTest.sha(1)));
            for (int i = 0; i < 30; i++) {
                events.add(k.agent.next("HEALTH", Map.of("queueDepth", (long) i), null));
            }
            // a forgery in the middle of the burst: same seq as the next genuine event, another key
            FakeAgent forger = new FakeAgent("SD-01", KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), k.agent.at);
            forger.seq = k.agent.seq;
            forger.prevHash = k.agent.prevHash;
            events.add(forger.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 2), EvidenceIntakeTest.sha(2),
                forger.keys.getPrivate()));
            events.add(k.agent.next("PRESS", FakeAgent.press(k.tokenId, "req-1", 2), EvidenceIntakeTest.sha(3)));
            events.add(events.get(1).copy());
            events.add(events.get(5));

            // all handed over at once, as the MQTT link does with a burst: they share transactions; each is
            // acknowledged only once committed, so a read from outside the transaction already sees it then
            List<Future<Long>> seenAtAck = events.stream().map(e -> k.intake.onEvent("SD-01", e)
                .compose(v -> k.f.db.execute("SELECT COUNT(*) AS n FROM device_event WHERE event_id = $1", e.getString("eventId")))
                .map(rs -> rs.iterator().next().getLong("n"))).toList();
            assertThat(seenAtAck.stream().map(f -> await(f)).toList()).containsOnly(1L);

            assertThat(await(k.f.db.execute("SELECT COUNT(*) AS n FROM device_event")).iterator().next().getLong("n")).isEqualTo(34);
            assertThat(k.presses()).hasSize(3);
            // the genuine chain is intact although the events were written together; only the forgery is flagged
            assertThat(k.kinds()).containsExactly("BAD_SIGNATURE");
            assertThat(await(k.f.db.execute("SELECT last_seq FROM evidence_chain WHERE device_id = 'SD-01'")).iterator().next()
                .getLong("last_seq")).isEqualTo(33L);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void oneFailingWriteDoesNotHoldBackTheOthersAndNothingCompletesBeforeItsCommit(Dialect dialect) throws Exception {
        try (EvidenceIntakeTest.Kit k = new EvidenceIntakeTest.Kit(dialect, 1)) {
            await(k.f.db.execute("CREATE TABLE gc_probe (id TEXT PRIMARY KEY)"));
            GroupCommit commits = new GroupCommit(k.f.db);
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = "p" + i;
                boolean bad = i == 7;
                done.add(commits.submit((tx, scratch) -> k.f.db.execute(tx, bad ? "INSERT INTO gc_missing (id) VALUES ($1)"
                    : "INSERT INTO gc_probe (id) VALUES ($1)", id).map(rs -> id)));
            }
            for (int i = 0; i < done.size(); i++) {
                Future<String> f = done.get(i);
                f.toCompletionStage().toCompletableFuture().handle((r, e) -> null).get(30, TimeUnit.SECONDS);
                assertThat(f.succeeded()).as("write %d", i).isEqualTo(i != 7);
                if (f.succeeded()) {
                    assertThat(f.result()).isEqualTo("p" + i);
                }
            }
            assertThat(await(k.f.db.execute("SELECT COUNT(*) AS n FROM gc_probe")).iterator().next().getLong("n")).isEqualTo(19);
            assertThat(commits.waiting()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aLongBacklogOfOneDeviceDoesNotHoldBackAnotherDevicesEvent(Dialect dialect) throws Exception {
        try (EvidenceIntakeTest.Kit k = new EvidenceIntakeTest.Kit(dialect, 1)) {
            GroupCommit commits = new GroupCommit(k.f.db);
            List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
            io.vertx.core.Promise<Void> hold = io.vertx.core.Promise.promise();
            // a transaction in progress while the backlog and the live event queue up behind it
            Future<Void> first = commits.submit("replaying", (tx, scratch) -> hold.future());
            List<Future<Void>> backlog = new ArrayList<>();
            for (int i = 0; i < 3 * GroupCommit.MAX_BATCH; i++) {
                String name = "r" + i;
                backlog.add(commits.submit("replaying", (tx, scratch) -> {
                    order.add(name);
                    return Future.succeededFuture();
                }));
            }
            Future<Void> live = commits.submit("live", (tx, scratch) -> {
                order.add("live");
                return Future.succeededFuture();
            });
            assertThat(commits.waiting()).isEqualTo(3 * GroupCommit.MAX_BATCH + 1);
            hold.complete();
            await(first);
            await(live);
            // the live event went into the next transaction (second in it, after one replayed event), not behind 768 of them
            assertThat(order.indexOf("live")).isEqualTo(1);
            for (Future<Void> f : backlog) {
                await(f);
            }
            // each lane in its own order of arrival
            List<String> replayed = order.stream().filter(n -> n.startsWith("r")).toList();
            assertThat(replayed).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 3 * GroupCommit.MAX_BATCH)
                .mapToObj(i -> "r" + i).toList());
            assertThat(commits.waiting()).isZero();
        }
    }
}
