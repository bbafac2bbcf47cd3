package com.sealflow.server.approval;

import com.sealflow.server.approval.ApprovalConflictException.Reason;
import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional shell around the pure decisions: lock the instance, load it, decide (asking the resolver for what
 * the decision needs), write the changed rows, tell in-transaction listeners, remember the idempotency key; after
 * commit tell informational listeners.
 */
final class Runtime {

    private static final Logger LOG = LoggerFactory.getLogger(Runtime.class);
    private static final Function<SqlConnection, Future<Void>> NOTHING_FIRST = c -> Future.succeededFuture();

    private final Database db;
    private final InstanceStore store;
    private final FlowStore flows;
    private final ApproverResolver resolver;
    private final Clock clock;
    private final List<ApprovalListener> listeners;
    private final List<Consumer<ApprovalEvent>> committed;
    Supplier<String> ids = Ids::newId;

    Runtime(Database db, InstanceStore store, FlowStore flows, ApproverResolver resolver, Clock clock,
            List<ApprovalListener> listeners, List<Consumer<ApprovalEvent>> committed) {
        this.db = db;
        this.store = store;
        this.flows = flows;
        this.resolver = resolver;
        this.clock = clock;
        this.listeners = listeners;
        this.committed = committed;
    }

    Future<ActionResult> start(StartCommand cmd) {
        return start(cmd, NOTHING_FIRST);
    }

    /**
     * As {@link #start(StartCommand)}, with {@code first} run at the beginning of the start's own transaction (the caller's
     * rows the instance is about: a request's draft), so both commit or roll back together in one commit.
     */
    Future<ActionResult> start(StartCommand cmd, Function<SqlConnection, Future<Void>> first) {
        if (cmd == null || blank(cmd.flowKey()) || blank(cmd.businessKey()) || blank(cmd.applicantId())) {
            return Future.failedFuture(ApprovalValidationException.of(null, "flowKey, businessKey and applicantId are required"));
        }
        Future<ActionResult> once = startOnce(cmd, first);
        // two identical starts racing on PostgreSQL: the loser hits the unique key, or sees the winner's instance after it
        // looked up the idempotency key and before the winner committed; it retries and finds the winner's result
        return once.recover(e -> isUniqueViolation(e) || (!blank(cmd.idempotencyKey()) && e instanceof ApprovalConflictException ce
            && ce.reason() == Reason.DUPLICATE) ? startOnce(cmd, first) : Future.failedFuture(e));
    }

    private Future<ActionResult> startOnce(StartCommand cmd, Function<SqlConnection, Future<Void>> first) {
        long now = clock.millis();
        String fingerprint = "start " + cmd.flowKey() + " " + cmd.businessKey() + " " + cmd.facts();
        return inTx(tx -> first.apply(tx.c).compose(done -> replay(tx, cmd.applicantId(), cmd.idempotencyKey(), fingerprint, now, () -> {
            SqlConnection c = tx.c;
            // pipelined: both lookups travel together
            Future<Integer> latest = flows.latestVersion(c, cmd.flowKey(), store.statements);
            Future<String> duplicate = tx.pipelined ? store.instanceIdOfBusinessKey(c, cmd.businessKey()) : null;
            return latest.compose(v -> flows.version(c, cmd.flowKey(), v))
                .compose(flow -> (duplicate != null ? duplicate : store.instanceIdOfBusinessKey(c, cmd.businessKey())).compose(existing -> {
                    if (existing != null) {
                        return Future.failedFuture(new ApprovalConflictException(Reason.DUPLICATE,
                            "an approval instance exists for " + cmd.businessKey()));
                    }
                    InstanceState s = new InstanceState();
                    s.id = ids.get();
                    s.flowKey = cmd.flowKey();
                    s.flowVersion = flow.version;
                    s.businessKey = cmd.businessKey();
                    s.applicantId = cmd.applicantId();
                    s.status = InstanceStatus.RUNNING;
                    s.round = 1;
                    s.facts = cmd.facts() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(cmd.facts());
                    s.startedAt = now;
                    return decideAndSave(tx, flow, s, List.of(), true, now, InstanceActions::start);
                })).map(Outcome::of);
        }))).map(Outcome::result);
    }

    Future<ActionResult> execute(ApprovalCommand cmd, String idempotencyKey) {
        if (cmd == null || blank(cmd.actorId())) {
            return Future.failedFuture(ApprovalValidationException.of(null, "actorId is required"));
        }
        long now = clock.millis();
        String fingerprint = cmd.toString();
        Future<Outcome> outcome = inTx(tx -> {
            SqlConnection c = tx.c;
            Future<InstanceState> locked;
            Future<List<TaskState>> tasks = null;
            if (cmd instanceof ApprovalCommand.OnTask t) {
                if (blank(t.taskId())) {
                    return Future.failedFuture(new ApprovalNotFoundException("no such task"));
                }
                locked = store.instanceOfTask(c, t.taskId()).compose(i -> i == null
                    ? Future.failedFuture(new ApprovalNotFoundException("no such task")) : Future.succeededFuture(i));
                // pipelined: the task read travels with the lock and runs once the lock is held
                tasks = tx.pipelined ? store.tasksOfTask(c, t.taskId()) : null;
            } else {
                String id = ((ApprovalCommand.OnInstance) cmd).instanceId();
                locked = store.instance(c, id, true);
                tasks = tx.pipelined ? store.tasks(c, id) : null;
            }
            Future<List<TaskState>> prefetched = tasks;
            return locked.compose(inst -> {
                if (inst == null) {
                    return Future.failedFuture(new ApprovalNotFoundException("no such instance"));
                }
                return replay(tx, cmd.actorId(), idempotencyKey, fingerprint, now, () -> load(tx, inst, prefetched).compose(loaded ->
                    decideAndSave(tx, loaded.flow, inst, loaded.tasks, false, now, run -> {
                        if (cmd instanceof ApprovalCommand.OnTask t) {
                            TaskActions.apply(run, t);
                        } else {
                            InstanceActions.apply(run, (ApprovalCommand.OnInstance) cmd);
                        }
                    })).map(Outcome::of));
            });
        });
        return outcome.map(Outcome::result);
    }

    /** Applies a due timer of one task; false when another node already did (or it is no longer due). */
    Future<Boolean> timer(String instanceId, String taskId) {
        long now = clock.millis();
        return inTx(tx -> {
            // claimed, not waited for: an instance another node's timer or a user's action holds is left for the next round
            Future<InstanceState> locked = store.claimInstance(tx.c, instanceId);
            // pipelined: sent right behind the claim, the task read runs once the lock is held (unused when skipped)
            Future<List<TaskState>> prefetched = tx.pipelined ? store.tasks(tx.c, instanceId) : null;
            return locked.compose(inst -> {
                if (inst == null || inst.status.isFinal()) {
                    return Future.succeededFuture(new Outcome(null, List.of()));
                }
                return load(tx, inst, prefetched).compose(loaded -> {
                    boolean[] acted = new boolean[1];
                    return decideAndSave(tx, loaded.flow, inst, loaded.tasks, false, now,
                        run -> acted[0] = InstanceActions.timer(run, taskId), () -> acted[0])
                        .map(run -> acted[0] ? Outcome.of(run) : new Outcome(null, List.of()));
                });
            });
        }).map(o -> o.result() != null);
    }

    /** What a transaction produced: the result and the events to publish after commit. */
    private record Outcome(ActionResult result, List<ApprovalEvent> events) {
        static Outcome of(Run run) {
            return new Outcome(new ActionResult(run.inst.id, run.inst.status, List.copyOf(run.newPending)), run.events);
        }
    }

    private record Loaded(FlowIndex flow, List<TaskState> tasks) {
    }

    /** The instance's flow version (cached) and tasks; {@code prefetched}: the task read already sent, or null. */
    private Future<Loaded> load(Tx tx, InstanceState inst, Future<List<TaskState>> prefetched) {
        return flows.version(tx.c, inst.flowKey, inst.flowVersion)
            .compose(flow -> (prefetched != null ? prefetched : store.tasks(tx.c, inst.id)).map(tasks -> new Loaded(flow, tasks)));
    }

    private Future<Run> decideAndSave(Tx tx, FlowIndex flow, InstanceState inst, List<TaskState> tasks, boolean isNew,
                                      long now, Consumer<Run> decision) {
        return decideAndSave(tx, flow, inst, tasks, isNew, now, decision, () -> true);
    }

    /** Runs the pure decision until the resolver has answered everything it asks, then writes what changed. */
    private Future<Run> decideAndSave(Tx tx, FlowIndex flow, InstanceState inst, List<TaskState> tasks, boolean isNew,
                                      long now, Consumer<Run> decision, Supplier<Boolean> write) {
        SqlConnection c = tx.c;
        Map<ApproverSpec, List<String>> resolved = new HashMap<>();
        ResolveContext ctx = new ResolveContext(inst.applicantId, inst.facts, c);
        return decide(flow, inst, tasks, resolved, now, decision, ctx).compose(run -> {
            if (!write.get()) {
                return Future.succeededFuture(run);
            }
            Set<String> known = tasks.stream().map(t -> t.id).collect(Collectors.toSet());
            Future<Void> f = tx.write(() -> store.write(c, run.inst, isNew, run.inst.facts != run.initialFacts,
                run.changed.stream().map(run::task).toList(), known, run.history, now));
            for (ApprovalEvent e : run.events) {
                for (ApprovalListener l : listeners) {
                    f = f.compose(v -> l.onEvent(e, c));
                }
            }
            return f.map(run);
        });
    }

    private Future<Run> decide(FlowIndex flow, InstanceState inst, List<TaskState> tasks, Map<ApproverSpec, List<String>> resolved,
                               long now, Consumer<Run> decision, ResolveContext ctx) {
        Run run = new Run(flow, inst, tasks, resolved, now, ids);
        try {
            decision.accept(run);
            return Future.succeededFuture(run);
        } catch (Run.Unresolved u) {
            return resolver.resolve(u.spec, ctx).compose(users -> {
                resolved.put(u.spec, users == null ? List.of() : users);
                return decide(flow, inst, tasks, resolved, now, decision, ctx);
            });
        } catch (ApprovalException e) {
            return Future.failedFuture(e);
        }
    }

    /** Returns the stored result of an earlier action with the same key, or runs the action and stores its result. */
    private Future<Outcome> replay(Tx tx, String actorId, String key, String fingerprint, long now,
                                   Supplier<Future<Outcome>> action) {
        if (key == null || key.isBlank()) {
            return action.get();
        }
        SqlConnection c = tx.c;
        return store.idempotent(c, actorId, key).compose(stored -> {
            if (stored != null) {
                if (!stored[0].equals(fingerprint)) {
                    return Future.failedFuture(new ApprovalConflictException(Reason.IDEMPOTENCY_MISMATCH,
                        "idempotency key " + key + " was used for another action"));
                }
                ActionResult r = InstanceStore.readResult(stored[1]);
                return Future.succeededFuture(new Outcome(r, List.of()));
            }
            return action.get().compose(o -> tx.write(() -> store.remember(c, actorId, key, fingerprint,
                InstanceStore.resultJson(o.result()), now)).map(o));
        });
    }

    /** One transaction; events go to informational listeners only once it committed. */
    private Future<Outcome> inTx(java.util.function.Function<Tx, Future<Outcome>> work) {
        return Tx.run(db, work).onSuccess(o -> publish(o.events()));
    }

    static boolean isUniqueViolation(Throwable e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("23505") || m.contains("unique constraint") || m.contains("duplicate key");
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    void publish(List<ApprovalEvent> events) {
        for (ApprovalEvent e : events) {
            for (Consumer<ApprovalEvent> l : committed) {
                try {
                    l.accept(e);
                } catch (RuntimeException ex) {
                    LOG.warn("after-commit approval listener failed on {}", e.getClass().getSimpleName(), ex);
                }
            }
        }
    }
}
