package com.sealflow.server.device;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import com.sealflow.server.device.broker.BrokerSessions;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two unlock tokens for one device leave in counter order even when the first one's commit is answered late: its
 * transaction's event loop is busy when PostgreSQL has already released the device row, so the second token's
 * transaction commits and is told so first. Before the per-device lanes, the second token was published first and
 * the agent refused the first (counter not increasing). On PostgreSQL only: there the row lock is released by the
 * database while the first transaction's own loop has not yet heard of its commit.
 */
class CommandOrderTest extends VertxPerClass {

    @Test
    void aDevicesTokensLeaveInCounterOrderWhenTheFirstCommitIsAnsweredLate() throws Exception {
        try (DeviceFixture f = new DeviceFixture(TestDatabases.open(vertx, Dialect.POSTGRES), BrokerSessions.NONE, null, true)) {
            f.createAndEnroll("SD-01", DeviceKind.SEAL_DEVICE, List.of(new SealBinding("s1", null)));
            Context firstLoop = newContext();
            Context secondLoop = otherThreadThan(firstLoop);
            CountDownLatch hold = new CountDownLatch(1);

            CountDownLatch firstWritten = new CountDownLatch(1);
            Promise<List<String>> first = Promise.promise();
            firstLoop.runOnContext(v -> f.db.inTransaction(tx -> f.commands.issueUnlocks(tx, f.stamp("r1", "SD-01", "s1", 1))
                .map(ids -> {
                    // runs right after this task, which sends the COMMIT: the loop is busy when the answer comes
                    firstLoop.runOnContext(x -> awaitQuietly(hold));
                    firstWritten.countDown();
                    return ids;
                })).onComplete(first));
            // the first transaction holds the device row (its counter) before the second one starts
            assertThat(firstWritten.await(10, TimeUnit.SECONDS)).isTrue();

            Promise<List<String>> second = Promise.promise();
            secondLoop.runOnContext(v -> f.db.inTransaction(tx -> f.commands.issueUnlocks(tx, f.stamp("r2", "SD-01", "s1", 1)))
                .onComplete(second));
            String secondId = await(second.future()).get(0);
            Thread.sleep(200);
            assertThat(f.sent).as("the second token waits for the first one's transaction to end").isEmpty();

            hold.countDown();
            String firstId = await(first.future()).get(0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (f.sent.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(f.sent).extracting(s -> s.payload().getString("commandId")).containsExactly(firstId, secondId);
            long firstCounter = counter(f, firstId);
            assertThat(counter(f, secondId)).isEqualTo(firstCounter + 1);
        }
    }

    private static long counter(DeviceFixture f, String commandId) {
        return await(f.db.execute("SELECT counter FROM device_command WHERE id = $1", commandId)).iterator().next().getLong("counter");
    }

    /** A new context on an event-loop thread other than {@code context}'s, so blocking one does not block the other. */
    private static Context otherThreadThan(Context context) throws Exception {
        Thread taken = threadOf(context);
        for (int i = 0; i < 16; i++) {
            Context candidate = newContext();
            if (threadOf(candidate) != taken) {
                return candidate;
            }
        }
        throw new IllegalStateException("Vert.x has a single event loop");
    }

    /** Vert.x keeps one context per outside thread; a new thread gets a new one, on the next event loop. */
    private static Context newContext() throws Exception {
        CompletableFuture<Context> context = new CompletableFuture<>();
        Thread maker = new Thread(() -> context.complete(vertx.getOrCreateContext()));
        maker.start();
        maker.join();
        return context.get(5, TimeUnit.SECONDS);
    }

    private static Thread threadOf(Context context) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        context.runOnContext(v -> thread.complete(Thread.currentThread()));
        return thread.get(5, TimeUnit.SECONDS);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
