package com.sealflow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sealflow.agent.identity.DeviceKeys;
import com.sealflow.agent.identity.Enrolment;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.journal.PhotoStore;
import com.sealflow.agent.journal.ProtocolEvidenceSealer;
import com.sealflow.agent.journal.SealedEvent;
import com.sealflow.agent.testkit.AcceptedSocketTransport;
import com.sealflow.agent.testkit.EmbeddedBroker;
import com.sealflow.agent.testkit.Envelopes;
import com.sealflow.agent.testkit.FakeMcu;
import com.sealflow.protocol.evidence.EvidenceChain;
import com.sealflow.protocol.evidence.SignedDeviceEvent;
import com.sealflow.protocol.link.LinkEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent ({@code AgentMain run}, -Xmx64m) in a child JVM is killed with SIGKILL while presses stream in; every
 * press the MCU saw ACKed must be in the journal exactly once with its photo intact, and the chain must stay valid
 * across restarts.
 */
class KillNineTest {

    @TempDir
    Path dir;

    @Test
    void noAcknowledgedPressIsLostAcrossKillMinusNine() throws Exception {
        String dev = "dev-kill9";
        Path data = dir.resolve("data");
        DeviceKeys keys = DeviceKeys.generate();
        keys.store(data);
        new Enrolment(dev, "SN", "SEAL_DEVICE", new Enrolment.Mqtt("tcp://127.0.0.1:" + EmbeddedBroker.freePort(), dev, dev, "x"),
                new Enrolment.Http("http://127.0.0.1:1", "t"), List.of(), List.of(), 0).store(data);
        byte[] linkKey = new byte[32];
        new SecureRandom().nextBytes(linkKey);
        ConcurrentLinkedQueue<Long> acked = new ConcurrentLinkedQueue<>();
        Random random = new Random(42);
        long lastOffered = 0;

        for (int round = 0; round < 3; round++) {
            AcceptedSocketTransport wire = new AcceptedSocketTransport();
            Path props = dir.resolve("agent-" + round + ".properties");
            Files.writeString(props, String.join("\n", "data.dir=" + data, "transport=tcp:127.0.0.1:" + wire.port(),
                    "camera=synthetic", "gpio=none", "health.interval-seconds=3600",
                    "link.key=" + Base64.getEncoder().encodeToString(linkKey)) + "\n");
            Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                    "-cp", System.getProperty("java.class.path"), AgentMain.class.getName(), "-c", props.toString(), "run")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("agent-" + round + ".log").toFile()).start();
            try (FakeMcu mcu = new FakeMcu(wire, dev, linkKey).startingAt(1000L * (round + 1))) {
                mcu.start();
                mcu.awaitHostHello();
                if (lastOffered > 0) {
                    // The burst's last press may have been journaled but not ACKed: the MCU offers it again.
                    LinkEvent again = mcu.reoffer(0, lastOffered).get(20, TimeUnit.SECONDS);
                    assertThat(again).isInstanceOf(LinkEvent.Acknowledged.class);
                    acked.add(lastOffered);
                }
                for (int i = 0; i < 5; i++) {
                    pressAndRecord(mcu, acked).get(20, TimeUnit.SECONDS);
                }
                // Now a burst, and SIGKILL somewhere inside it.
                List<CompletableFuture<LinkEvent>> burst = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    burst.add(pressAndRecord(mcu, acked));
                }
                lastOffered = mcu.pressCounter();
                Thread.sleep(random.nextInt(150));
                agent.destroyForcibly();
                assertThat(agent.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                agent.destroyForcibly();
            }
            assertJournalHolds(data, dev, keys, acked);
        }
        assertThat(acked).hasSizeGreaterThanOrEqualTo(15);
    }

    private static CompletableFuture<LinkEvent> pressAndRecord(FakeMcu mcu, ConcurrentLinkedQueue<Long> acked) {
        long counter;
        CompletableFuture<LinkEvent> f;
        synchronized (mcu) {
            f = mcu.press();
            counter = mcu.pressCounter();
        }
        return f.whenComplete((ev, err) -> {
            if (ev instanceof LinkEvent.Acknowledged) {
                acked.add(counter);
            }
        });
    }

    private static void assertJournalHolds(Path data, String dev, DeviceKeys keys, ConcurrentLinkedQueue<Long> acked) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (Journal j = new Journal(data, dev, new ProtocolEvidenceSealer(keys.privateKey()))) {
            List<SealedEvent> all = j.all();
            List<SignedDeviceEvent> signed = new ArrayList<>();
            List<Long> counters = new ArrayList<>();
            for (SealedEvent e : all) {
                SignedDeviceEvent s = Envelopes.toSigned(json.readTree(e.envelope()));
                signed.add(s);
                if ("PRESS".equals(e.type())) {
                    counters.add((Long) s.event().body().get("pressCounter"));
                    assertThat(PhotoStore.sha256Hex(Files.readAllBytes(Path.of(e.photoPath())))).isEqualTo(e.photoSha256());
                }
            }
            assertThat(EvidenceChain.verify(signed, dev, keys.publicKey()).ok()).as("chain intact after SIGKILL").isTrue();
            for (Long c : acked) {
                assertThat(counters).as("ACKed press %d journaled exactly once", c).containsOnlyOnce(c);
            }
        }
    }
}
