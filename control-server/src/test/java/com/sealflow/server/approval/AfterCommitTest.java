package com.sealflow.server.approval;

import static com.sealflow.server.approval.B.approval;
import static com.sealflow.server.approval.B.start;
import static com.sealflow.server.approval.B.users;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.db.AfterCommit;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Work a listener leaves for after the commit (publishing a device command, a live event) runs once the engine's
 * transaction has committed — on PostgreSQL the engine sends BEGIN and COMMIT itself — and never when it rolls back.
 */
class AfterCommitTest {

    private Harness h;

    @AfterEach
    void close() {
        if (h != null) {
            Harness.await(h.db.close());
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void workWaitsForTheCommitAndIsDroppedOnARollback(Dialect d) {
        h = Harness.fresh(d);
        List<Future<Long>> seenByOthers = new CopyOnWriteArrayList<>();
        AtomicBoolean refuse = new AtomicBoolean();
        h.engine.onEvent((e, conn) -> {
            if (!(e instanceof ApprovalEvent.InstanceStarted started)) {
                return Future.succeededFuture();
            }
            // run after the commit, the instance is visible to every other connection
            AfterCommit.run(conn, () -> seenByOthers.add(h.db.execute("SELECT COUNT(*) AS n FROM approval_instance WHERE id = $1",
                started.instanceId()).map(rs -> rs.iterator().next().getLong("n"))));
            return refuse.get() ? Future.failedFuture(new IllegalStateException("refused")) : Future.succeededFuture();
        });
        String key = h.deploy(B.flow("after", start(), approval("a", users("lisi"), ApprovalMode.ALL)));
        h.start(key, "zhangsan", Map.of());
        assertThat(seenByOthers).hasSize(1);
        assertThat(Harness.await(seenByOthers.get(0))).isEqualTo(1L);

        refuse.set(true);
        assertThat(h.failure(() -> h.start(key, "zhangsan", Map.of()))).hasMessageContaining("refused");
        assertThat(seenByOthers).as("nothing runs for a transaction that rolled back").hasSize(1);
    }
}
