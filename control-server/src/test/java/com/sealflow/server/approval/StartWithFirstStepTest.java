package com.sealflow.server.approval;

import static com.sealflow.server.approval.B.approval;
import static com.sealflow.server.approval.B.start;
import static com.sealflow.server.approval.B.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A start with the caller's first step: the step's rows and the new instance commit together or not at all. */
class StartWithFirstStepTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theFirstStepCommitsWithTheStartAndRollsBackWithARefusal(Dialect d) {
        Harness h = Harness.shared(d);
        String table = "start_probe_" + d.name().toLowerCase(java.util.Locale.ROOT);
        Harness.await(h.db.execute("CREATE TABLE IF NOT EXISTS " + table + " (k TEXT PRIMARY KEY)"));
        String key = h.deploy(B.flow("first", start(), approval("one", users("a"), ApprovalMode.ALL)));
        String business = Harness.unique("req");

        ActionResult started = Harness.await(h.engine.start(new StartCommand(key, business, "zhangsan", Map.of(), null),
            probe(h, table, business + "/1")));
        assertThat(h.pendingUsers(started.instanceId())).containsExactly("a");
        assertThat(probes(h, table, business)).isEqualTo(1);

        // a second start for the same business key is refused: its first step's row goes with it
        assertThatThrownBy(() -> Harness.await(h.engine.start(new StartCommand(key, business, "zhangsan", Map.of(), null),
            probe(h, table, business + "/2")))).isInstanceOf(ApprovalConflictException.class);
        assertThat(probes(h, table, business)).isEqualTo(1);

        // a failing first step: no instance is started
        String other = Harness.unique("req");
        assertThatThrownBy(() -> Harness.await(h.engine.start(new StartCommand(key, other, "zhangsan", Map.of(), null),
            c -> Future.failedFuture(new IllegalStateException("the caller's rows could not be written")))))
            .isInstanceOf(IllegalStateException.class);
        assertThat(Harness.await(h.db.execute("SELECT COUNT(*) AS n FROM approval_instance WHERE business_key = $1", other))
            .iterator().next().getLong("n")).isZero();
    }

    private static Function<SqlConnection, Future<Void>> probe(Harness h, String table, String k) {
        return c -> h.db.execute(c, "INSERT INTO " + table + " (k) VALUES ($1)", k).mapEmpty();
    }

    private static long probes(Harness h, String table, String business) {
        return Harness.await(h.db.execute("SELECT COUNT(*) AS n FROM " + table + " WHERE k LIKE $1", business + "/%"))
            .iterator().next().getLong("n");
    }
}
