package com.sealflow.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The checks before the intake's transactions: each device's queue in turns, so a backlog does not hold back the others. */
class FairChecksTest {

    @Test
    void aDeviceArrivingBehindAnotherDevicesBacklogIsCheckedInTheNextTurns() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            FairChecks checks = new FairChecks(pool);
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            // the one thread is busy while a replaying device queues 200 checks and then a live device two
            Future<String> busy = checks.run("BUSY", () -> {
                started.countDown();
                await(gate);
                return "busy";
            });
            await(started);
            List<Future<Integer>> replayed = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                replayed.add(checks.run("REPLAY", () -> {
                    order.add("REPLAY-" + n);
                    return n;
                }));
            }
            Future<String> live1 = checks.run("LIVE", () -> {
                order.add("LIVE-1");
                return "live 1";
            });
            Future<String> live2 = checks.run("LIVE", () -> {
                order.add("LIVE-2");
                return "live 2";
            });
            assertThat(checks.waiting()).isEqualTo(202);
            gate.countDown();
            assertThat(Future.all(replayed).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(live2.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("live 2");
            assertThat(busy.result()).isEqualTo("busy");
            assertThat(live1.result()).isEqualTo("live 1");
            // turns: one of the backlog, then the live device, and so on; each device's own order is kept
            assertThat(order.subList(0, 4)).containsExactly("REPLAY-0", "LIVE-1", "REPLAY-1", "LIVE-2");
            List<String> replayOrder = order.stream().filter(s -> s.startsWith("REPLAY-")).toList();
            assertThat(replayOrder).hasSize(200).first().isEqualTo("REPLAY-0");
            assertThat(replayOrder.get(199)).isEqualTo("REPLAY-199");
            assertThat(checks.waiting()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingCheckFailsOnlyItsOwnFuture() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            FairChecks checks = new FairChecks(pool);
            Future<Integer> bad = checks.run("D", () -> {
                throw new IllegalStateException("broken");
            });
            Future<Integer> good = checks.run("D", () -> 7);
            assertThat(good.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(7);
            Future.join(bad, good).toCompletionStage().handle((v, e) -> null).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(bad.failed()).isTrue();
            assertThat(bad.cause()).hasMessage("broken");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
