package com.sealflow.server.approval;

import com.sealflow.server.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An engine on a real database of one dialect, with the demo org, a hand-moved clock and recorded events. Shared per
 * dialect by the semantics tests (flows and business keys are unique per test); timer tests take a fresh one.
 */
final class Harness {

    static final Vertx VERTX = Vertx.vertx();
    private static final Map<Dialect, Harness> SHARED = new EnumMap<>(Dialect.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final Database db;
    final DemoOrg org = new DemoOrg();
    final MutableClock clock = new MutableClock(1_800_000_000_000L);
    final ApprovalEngine engine;
    final List<ApprovalEvent> inTx = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<ApprovalEvent> committed = new java.util.concurrent.CopyOnWriteArrayList<>();

    Harness(Database db) {
        this.db = db;
        this.engine = new ApprovalEngine(db, org, clock);
        engine.onEvent((e, c) -> {
            inTx.add(e);
            return Future.succeededFuture();
        });
        engine.onCommitted(committed::add);
    }

    static synchronized Harness shared(Dialect d) {
        return SHARED.computeIfAbsent(d, x -> new Harness(TestDatabases.open(VERTX, x)));
    }

    static Harness fresh(Dialect d) {
        return new Harness(TestDatabases.open(VERTX, d));
    }

    static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + ProcessHandle.current().pid();
    }

    static <T> T await(Future<T> f) {
        try {
            return f.await(30, TimeUnit.SECONDS);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** Saves and publishes under a unique key; returns the key. */
    String deploy(FlowDefinition f) {
        String key = unique(f.key());
        FlowDefinition k = new FlowDefinition(key, f.name(), f.formFields(), f.root());
        await(engine.saveDraft(k, "admin"));
        await(engine.publish(key, "admin"));
        return key;
    }

    String deploy(FlowNode root) {
        return deploy(new FlowDefinition("f", "flow", List.of(), root));
    }

    String start(String key, String applicant, Map<String, Object> facts) {
        return await(engine.start(new StartCommand(key, unique("req"), applicant, facts, null))).instanceId();
    }

    InstanceView view(String id) {
        return await(engine.instance(id));
    }

    List<TaskView> pending(String id) {
        return view(id).tasks().stream().filter(t -> t.status() == TaskStatus.PENDING).toList();
    }

    List<String> pendingUsers(String id) {
        return pending(id).stream().map(TaskView::assigneeId).toList();
    }

    TaskView pendingOf(String id, String user) {
        List<TaskView> mine = pending(id).stream().filter(t -> t.assigneeId().equals(user)).toList();
        assertThat(mine).as("pending tasks of %s in %s", user, id).hasSize(1);
        return mine.get(0);
    }

    ActionResult approve(String id, String user) {
        return act(new ApprovalCommand.Approve(pendingOf(id, user).id(), user, "ok"));
    }

    ActionResult reject(String id, String user) {
        return act(new ApprovalCommand.Reject(pendingOf(id, user).id(), user, "no"));
    }

    ActionResult act(ApprovalCommand c) {
        return await(engine.execute(c, null));
    }

    com.sealflow.server.approval.model.InstanceStatus status(String id) {
        return view(id).status();
    }

    List<String> actions(String id) {
        List<String> out = new ArrayList<>();
        view(id).history().forEach(h -> out.add(h.action() + (h.nodeId() == null ? "" : ":" + h.nodeId())));
        return out;
    }

    Throwable failure(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
