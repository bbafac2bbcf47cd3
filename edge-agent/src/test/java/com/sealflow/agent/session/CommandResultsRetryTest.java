package com.sealflow.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.agent.identity.DeviceKeys;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.journal.ProtocolEvidenceSealer;
import com.sealflow.agent.mqtt.CloudLink;
import com.sealflow.agent.testkit.FakeClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DONE whose publish fails while the link stays up (Paho refuses a publish when the broker's in-flight window is
 * full, which happens under load) is published again by the agent's timer, not only after a reconnect that may never
 * come: otherwise the server never learns the session ended and the request stays open.
 */
class CommandResultsRetryTest {

    @TempDir
    Path dir;

    /** Connected throughout; refuses the first {@code failures} publishes like a full in-flight window. */
    static final class BusyLink implements CloudLink {
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final AtomicInteger failures;

        BusyLink(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public void start(Listener listener) {
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retained) {
            if (failures.getAndDecrement() > 0) {
                return CompletableFuture.failedFuture(new IllegalStateException("too many publishes in progress (32202)"));
            }
            delivered.add(topic + " " + new String(payload, StandardCharsets.UTF_8));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public String lastError() {
            return "";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aDoneRefusedByABusyLinkIsPublishedAgainWithoutAReconnect() throws Exception {
        BusyLink link = new BusyLink(1);
        try (Journal journal = new Journal(dir, "dev-r", new ProtocolEvidenceSealer(DeviceKeys.generate().privateKey()))) {
            CommandResults results = new CommandResults(link, "dev-r", new FakeClock(), journal);
            results.done("cmd-1", 2);
            assertThat(link.delivered).isEmpty();
            assertThat(results.unsentCount()).isEqualTo(1);

            results.retryUnsent();

            assertThat(results.unsentCount()).isZero();
            assertThat(link.delivered).hasSize(1);
            assertThat(link.delivered.get(0)).contains("cmd-res/cmd-1").contains("\"state\":\"DONE\"").contains("\"pressesUsed\":2");
            results.retryUnsent();
            assertThat(link.delivered).hasSize(1);
        }
    }
}
