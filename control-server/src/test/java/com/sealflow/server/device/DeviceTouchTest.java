package com.sealflow.server.device;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A device's last-seen time never waits for its row: an approving transaction holds the row (the command counter)
 * until it commits, and the device's ACCEPTED answer must not queue behind it. On PostgreSQL the update skips a locked
 * row and the next message writes the time.
 */
class DeviceTouchTest extends VertxPerClass {

    @Test
    void lastSeenSkipsARowAnApprovalHoldsAndIsWrittenByTheNextMessage() throws Exception {
        try (DeviceFixture f = new DeviceFixture(vertx, Dialect.POSTGRES)) {
            f.createAndEnroll("SD-01", DeviceKind.SEAL_DEVICE, List.of(new SealBinding("s1", null)));
            Long before = lastSeen(f);

            // an approving transaction issuing an unlock: it holds the device row until it commits
            Promise<Void> locked = Promise.promise();
            Promise<Void> release = Promise.promise();
            Future<List<String>> approval = f.db.inTransaction(tx -> f.commands.issueUnlocks(tx, f.stamp("r1", "SD-01", "s1", 1))
                .compose(ids -> {
                    locked.complete();
                    return release.future().map(ids);
                }));
            await(locked.future());

            f.clock.advance(java.time.Duration.ofSeconds(10));
            f.registry.touch("SD-01").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(lastSeen(f)).isEqualTo(before);
            assertThat(approval.isComplete()).isFalse();

            release.complete();
            String command = await(approval).get(0);
            assertThat(f.state(command)).isEqualTo("QUEUED");
            // the skipped update is not counted as written: the next message writes the time at once
            f.clock.advance(java.time.Duration.ofMillis(10));
            await(f.registry.touch("SD-01"));
            assertThat(lastSeen(f)).isEqualTo(f.clock.millis());
        }
    }

    private static Long lastSeen(DeviceFixture f) {
        return await(f.db.execute("SELECT last_seen_at FROM device WHERE id = 'SD-01'")).iterator().next().getLong("last_seen_at");
    }
}
