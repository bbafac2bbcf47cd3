package com.sealflow.server.device;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two server nodes' relays on one database drain the same outbox concurrently: every command leaves exactly once. */
class OutboxRelayRaceTest extends VertxPerClass {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void twoRelaysNeverDoubleSend(Dialect dialect) throws Exception {
        try (DeviceFixture f = new DeviceFixture(vertx, dialect)) {
            for (int d = 1; d <= 3; d++) {
                f.createAndEnroll("SD-0" + d, DeviceKind.SEAL_DEVICE, List.of(new SealBinding("s" + d, null)));
            }
            int total = 240;
            List<UnlockRequest> requests = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                int d = 1 + i % 3;
                requests.add(f.stamp("r" + i, "SD-0" + d, "s" + d, 1));
            }
            await(f.db.inTransaction(tx -> {
                Future<Void> chain = Future.succeededFuture();
                for (UnlockRequest r : requests) {
                    chain = chain.compose(v -> f.commands.issueUnlocks(tx, r).mapEmpty());
                }
                return chain;
            }));
            Map<String, AtomicInteger> published = new ConcurrentHashMap<>();
            OutboxRelay.Publisher slow = (topic, payload) -> {
                String id = new JsonObject(new String(payload, StandardCharsets.UTF_8)).getString("commandId");
                published.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                Promise<Void> acked = Promise.promise();
                vertx.setTimer(1, t -> acked.complete());
                return acked.future();
            };
            OutboxRelay a = new OutboxRelay(f.db, f.clock, "node-a", slow);
            OutboxRelay b = new OutboxRelay(f.db, f.clock, "node-b", slow);
            List<Future<Integer>> rounds = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                rounds.add(a.drainOnce());
                rounds.add(b.drainOnce());
            }
            await(Future.all(rounds));
            while (await(a.drainOnce()) + await(b.drainOnce()) > 0) {
                // leftovers, if the concurrent rounds ran out early
            }
            assertThat(published).hasSize(total);
            assertThat(published.values()).allMatch(n -> n.get() == 1);
            long stillQueued = await(f.db.execute("SELECT COUNT(*) AS n FROM device_command WHERE state = 'QUEUED'"))
                .iterator().next().getLong("n");
            assertThat(stillQueued).isZero();
        }
    }
}
