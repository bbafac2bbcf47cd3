package com.sealflow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.journal.PhotoStore;
import com.sealflow.agent.journal.ProtocolEvidenceSealer;
import com.sealflow.agent.journal.SealedEvent;
import com.sealflow.agent.testkit.AcceptedSocketTransport;
import com.sealflow.agent.testkit.ChildAgent;
import com.sealflow.agent.testkit.EmbeddedBroker;
import com.sealflow.agent.testkit.Envelopes;
import com.sealflow.agent.testkit.FakeMcu;
import com.sealflow.agent.testkit.FakeServer;
import com.sealflow.agent.testkit.TestSubscriber;
import com.sealflow.protocol.evidence.EvidenceChain;
import com.sealflow.protocol.evidence.SignedDeviceEvent;
import com.sealflow.protocol.link.LinkEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent ({@code AgentMain run}, -Xmx64m) in a child JVM, publishing to a real broker, is killed with SIGKILL
 * at a random moment while presses stream in, round after round. After each kill every press the MCU saw ACKed must be
 * in the journal exactly once with its photo intact and the chain valid; the MCU offers again what it never saw ACKed,
 * as firmware does. At the end the receiver, de-duplicating by event id, must hold every journaled event: seq 1..n
 * without a gap, one valid chain, and each press counter exactly once.
 *
 * <p>Rounds: {@code -Dsealflow.kill9.rounds=N} (default 10 in the suite; docs/benchmarks.md records a 50-round run),
 * seed: {@code -Dsealflow.kill9.seed=S} (printed, to repeat a run).
 */
class KillNineTest {

    private static final int ROUNDS = Integer.getInteger("sealflow.kill9.rounds", 10);

    @TempDir
    Path dir;

    @Test
    void noAcknowledgedPressIsLostOrPublishedTwiceAcrossKillMinusNine() throws Exception {
        long seed = Long.getLong("sealflow.kill9.seed", System.nanoTime());
        System.out.printf("KillNineTest: %d rounds, seed %d%n", ROUNDS, seed);
        Random random = new Random(seed);
        String dev = "dev-kill9";
        Set<Long> acked = new ConcurrentSkipListSet<>();
        long started = System.nanoTime();
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
             FakeServer server = new FakeServer();
             TestSubscriber cloud = new TestSubscriber(broker.url())) {
            ChildAgent agent = new ChildAgent(dir, dev, broker.url(), server.baseUrl(), List.of());
            long counter = 1000;
            List<Long> unanswered = List.of();
            for (int round = 0; round < ROUNDS; round++) {
                AcceptedSocketTransport wire = new AcceptedSocketTransport();
                Process process = agent.start(wire);
                try (FakeMcu mcu = new FakeMcu(wire, dev, agent.linkKey()).startingAt(counter)) {
                    mcu.start();
                    mcu.awaitHostHello();
                    // Presses never ACKed before the kill (maybe journaled, maybe not) are offered again, in order.
                    for (long c : unanswered) {
                        assertThat(mcu.reoffer(0, c).get(60, TimeUnit.SECONDS)).as("re-offered press %d", c)
                                .isInstanceOf(LinkEvent.Acknowledged.class);
                        acked.add(c);
                    }
                    for (int i = 1 + random.nextInt(4); i > 0; i--) {
                        assertThat(press(mcu, acked).future().get(60, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
                    }
                    List<Pressed> burst = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        burst.add(press(mcu, acked));
                    }
                    Thread.sleep(random.nextInt(250));
                    ChildAgent.kill(process);
                    counter = mcu.pressCounter();
                    unanswered = burst.stream().filter(p -> !acked.contains(p.counter())).map(Pressed::counter).toList();
                } finally {
                    process.destroyForcibly();
                    wire.close();
                }
                assertJournalHolds(agent, dev, acked);
            }
            drain(agent, cloud, dev, counter, unanswered, acked);
            assertPublishedExactlyOnce(agent, cloud, dev, acked);
        }
        System.out.printf("KillNineTest: %d rounds, %d presses ACKed, all journaled and published once, %.1f s%n", ROUNDS,
                acked.size(), (System.nanoTime() - started) / 1e9);
        assertThat(acked).hasSizeGreaterThanOrEqualTo(ROUNDS * 2);
    }

    private record Pressed(long counter, CompletableFuture<LinkEvent> future) {
    }

    private static Pressed press(FakeMcu mcu, Set<Long> acked) {
        long counter;
        CompletableFuture<LinkEvent> f;
        synchronized (mcu) {
            f = mcu.press();
            counter = mcu.pressCounter();
        }
        f.whenComplete((ev, err) -> {
            if (ev instanceof LinkEvent.Acknowledged) {
                acked.add(counter);
            }
        });
        return new Pressed(counter, f);
    }

    /** A last run left alone: the last presses are offered again and the whole backlog goes out to the broker. */
    private static void drain(ChildAgent agent, TestSubscriber cloud, String dev, long counter, List<Long> unanswered,
                              Set<Long> acked) throws Exception {
        AcceptedSocketTransport wire = new AcceptedSocketTransport();
        Process process = agent.start(wire);
        try (FakeMcu mcu = new FakeMcu(wire, dev, agent.linkKey()).startingAt(counter)) {
            mcu.start();
            mcu.awaitHostHello();
            for (long c : unanswered) {
                assertThat(mcu.reoffer(0, c).get(60, TimeUnit.SECONDS)).isInstanceOf(LinkEvent.Acknowledged.class);
                acked.add(c);
            }
            long last = journalLastSeq(agent, dev);
            cloud.await(s -> distinct(s, dev).size() >= last, Duration.ofSeconds(60), "all " + last + " journaled events published");
        } finally {
            ChildAgent.kill(process);
            wire.close();
        }
    }

    private static long journalLastSeq(ChildAgent agent, String dev) throws Exception {
        try (Journal j = new Journal(agent.data(), dev, new ProtocolEvidenceSealer(agent.keys().privateKey()))) {
            return j.depth().lastSeq();
        }
    }

    private static void assertJournalHolds(ChildAgent agent, String dev, Set<Long> acked) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (Journal j = new Journal(agent.data(), dev, new ProtocolEvidenceSealer(agent.keys().privateKey()))) {
            List<SignedDeviceEvent> signed = new ArrayList<>();
            List<Long> counters = new ArrayList<>();
            for (SealedEvent e : j.all()) {
                SignedDeviceEvent s = Envelopes.toSigned(json.readTree(e.envelope()));
                signed.add(s);
                if ("PRESS".equals(e.type())) {
                    counters.add((Long) s.event().body().get("pressCounter"));
                    assertThat(PhotoStore.sha256Hex(Files.readAllBytes(Path.of(e.photoPath())))).isEqualTo(e.photoSha256());
                }
            }
            assertThat(EvidenceChain.verify(signed, dev, agent.keys().publicKey()).ok()).as("chain intact after SIGKILL").isTrue();
            assertThat(counters).as("no press journaled twice").doesNotHaveDuplicates();
            assertThat(counters).as("every ACKed press journaled").containsAll(acked);
        }
    }

    private static void assertPublishedExactlyOnce(ChildAgent agent, TestSubscriber cloud, String dev, Set<Long> acked) {
        List<JsonNode> events = distinct(cloud, dev);
        long deliveries = cloud.events(dev).size();
        List<Long> seqs = events.stream().map(e -> e.path("seq").asLong()).toList();
        System.out.printf("KillNineTest: %d events received as %d deliveries (QoS 1 repeats de-duplicated by event id), seq %d..%d%n",
                events.size(), deliveries, seqs.get(0), seqs.get(seqs.size() - 1));
        List<Long> counters = events.stream().filter(e -> "PRESS".equals(e.path("type").asText()))
                .map(e -> e.path("body").path("pressCounter").asLong()).toList();
        TreeSet<Long> seen = new TreeSet<>(counters);
        List<Long> missing = LongStream.rangeClosed(seen.first(), seen.last()).filter(c -> !seen.contains(c)).boxed().toList();
        System.out.printf("KillNineTest: %d presses published, counters %d..%d, missing %s, ACKed but not published %s%n",
                counters.size(), seen.first(), seen.last(), missing, acked.stream().filter(c -> !seen.contains(c)).toList());
        assertThat(events).extracting(e -> e.path("seq").asLong()).as("seq 1..n without a gap")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(EvidenceChain.verify(events.stream().map(Envelopes::toSigned).toList(), dev, agent.keys().publicKey()).ok())
                .as("the published chain verifies").isTrue();
        assertThat(counters).as("each press published under one event id").doesNotHaveDuplicates().containsAll(acked);
        assertThat(missing).as("no gap in the press counter").isEmpty();
    }

    /** The receiver's view: one copy per event id, in seq order. */
    private static List<JsonNode> distinct(TestSubscriber cloud, String dev) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        cloud.events(dev).forEach(e -> byId.putIfAbsent(e.path("eventId").asText(), e));
        return byId.values().stream().sorted(Comparator.comparingLong(e -> e.path("seq").asLong())).toList();
    }
}
