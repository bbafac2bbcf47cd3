package com.sealflow.server.approval;

import static com.sealflow.server.approval.B.approval;
import static com.sealflow.server.approval.B.handle;
import static com.sealflow.server.approval.B.start;
import static com.sealflow.server.approval.B.users;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.approval.model.TimeLimit.Timeout.Action;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.DatabaseConfig;
import com.sealflow.server.db.Databases;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Races forced with barriers: exactly one winner. */
class ConcurrencyTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void twoApproversOfAnOrSignNodeActingAtOnceHaveExactlyOneWinner(Dialect d) throws Exception {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("race", start(), approval("any", users("a", "b"), ApprovalMode.ANY),
            handle("stamp", users("wushi"), "STAMP")));
        for (int round = 0; round < 5; round++) {
            String id = h.start(key, "zhangsan", Map.of());
            String ta = h.pendingOf(id, "a").id();
            String tb = h.pendingOf(id, "b").id();
            CyclicBarrier barrier = new CyclicBarrier(2);
            CompletableFuture<Object> fa = CompletableFuture.supplyAsync(() -> attempt(h, barrier, ta, "a"));
            CompletableFuture<Object> fb = CompletableFuture.supplyAsync(() -> attempt(h, barrier, tb, "b"));
            List<Object> outcomes = List.of(fa.get(), fb.get());
            assertThat(outcomes).filteredOn(o -> o instanceof ActionResult).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof ApprovalConflictException c
                && c.reason() == ApprovalConflictException.Reason.STALE_TASK).hasSize(1);
            assertThat(h.view(id).tasks()).filteredOn(t -> t.status() == TaskStatus.APPROVED).hasSize(1);
            assertThat(h.pendingUsers(id)).containsExactly("wushi");
            assertThat(h.actions(id)).containsOnlyOnce("NODE_APPROVED:any");
        }
    }

    private static Object attempt(Harness h, CyclicBarrier barrier, String taskId, String user) {
        try {
            barrier.await();
            return Harness.await(h.engine.execute(new ApprovalCommand.Approve(taskId, user, null), null));
        } catch (ApprovalConflictException e) {
            return e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void twoIdenticalStartsAtOnceCreateOneInstanceAndBothGetItsResult(Dialect d) throws Exception {
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("start-race", start(), approval("any", users("a"), ApprovalMode.ANY),
            handle("stamp", users("wushi"), "STAMP")));
        String bk = Harness.unique("req");
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<CompletableFuture<ActionResult>> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            both.add(CompletableFuture.supplyAsync(() -> {
                try {
                    barrier.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return Harness.await(h.engine.start(new StartCommand(key, bk, "zhangsan", Map.of(), "same-key")));
            }));
        }
        ActionResult r1 = both.get(0).get();
        ActionResult r2 = both.get(1).get();
        assertThat(r1).isEqualTo(r2);
        assertThat(Harness.await(h.engine.instanceByBusinessKey(bk)).id()).isEqualTo(r1.instanceId());
        assertThat(h.pendingUsers(r1.instanceId())).containsExactly("a");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void startsOfOneBusinessKeyAtOnceWithoutAKeyCreateOneInstanceAndRefuseTheRest(Dialect d) throws Exception {
        // on PostgreSQL a loser's write can fail on the unique business key after its lookup found nothing: that write
        // travels pipelined with COMMIT, which then rolls the transaction back, and the retry answers 409 DUPLICATE
        Harness h = Harness.shared(d);
        String key = h.deploy(B.flow("start-crowd", start(), approval("any", users("a"), ApprovalMode.ANY),
            handle("stamp", users("wushi"), "STAMP")));
        for (int round = 0; round < 3; round++) {
            String bk = Harness.unique("crowd");
            int n = 6;
            CyclicBarrier barrier = new CyclicBarrier(n);
            List<CompletableFuture<Object>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        barrier.await();
                        return Harness.await(h.engine.start(new StartCommand(key, bk, "zhangsan", Map.of(), null)));
                    } catch (ApprovalConflictException e) {
                        return e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            List<Object> outcomes = new ArrayList<>();
            for (CompletableFuture<Object> f : all) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).filteredOn(o -> o instanceof ActionResult).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof ApprovalConflictException c
                && c.reason() == ApprovalConflictException.Reason.DUPLICATE).hasSize(n - 1);
            String id = ((ActionResult) outcomes.stream().filter(o -> o instanceof ActionResult).findFirst().orElseThrow()).instanceId();
            assertThat(Harness.await(h.engine.instanceByBusinessKey(bk)).id()).isEqualTo(id);
            assertThat(h.pendingUsers(id)).containsExactly("a");
            assertThat(h.actions(id)).filteredOn(a -> a.startsWith("START")).hasSize(1);
        }
    }

    @Test
    void twoServerNodesProcessingDueTimersActExactlyOncePerTimeout() {
        DatabaseConfig config = TestDatabases.postgresConfig();
        Database db1 = Databases.open(Harness.VERTX, config);
        Database db2 = Databases.open(Harness.VERTX, config);
        try {
            Harness node1 = new Harness(db1);
            Harness node2 = new Harness(db2);
            String key = node1.deploy(B.flow("tt", start(), approval("a", users("lisi", "b"), ApprovalMode.ALL)
                .timeLimit(Duration.ofHours(1), Action.AUTO_APPROVE, null), handle("stamp", users("wushi"), "STAMP")));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(node1.start(key, "zhangsan", Map.of()));
            }
            node1.clock.advance(Duration.ofHours(2));
            node2.clock.advance(Duration.ofHours(2));
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(node1.engine.processDueTimers(1000));
                runs.add(node2.engine.processDueTimers(1000));
            }
            int applied = Harness.await(Future.all(runs)).list().stream().mapToInt(o -> (Integer) o).sum();
            assertThat(applied).isEqualTo(40);
            for (String id : ids) {
                assertThat(node1.actions(id).stream().filter(a -> a.equals("TIMEOUT:a"))).hasSize(2);
                assertThat(node1.actions(id)).containsOnlyOnce("NODE_APPROVED:a");
                assertThat(node1.pendingUsers(id)).containsExactly("wushi");
            }
            long handleEvents = node1.committed.stream().filter(e -> e instanceof ApprovalEvent.HandleReached).count()
                + node2.committed.stream().filter(e -> e instanceof ApprovalEvent.HandleReached).count();
            assertThat(handleEvents).isEqualTo(20);
        } finally {
            Harness.await(db1.close());
            Harness.await(db2.close());
        }
    }
}
