package com.sealflow.server.device;

import com.sealflow.server.db.Database;
import com.sealflow.server.seal.DomainException;
import com.sealflow.server.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the request module that a HANDLE task's devices are done. Rows due for reporting are claimed with a lease
 * in one transaction (so nodes do not report the same task at once), reported after that commit, and cleared
 * when the report succeeded or was refused for good; a crash or a transient failure leaves the lease to run out.
 */
final class HandleReporter {

    private record Due(String commandId, String requestId, String taskId) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(HandleReporter.class);
    private static final long LEASE_MS = 60_000;
    static final long RETRY_MS = 2_000;

    private final Database db;
    private final Clock clock;
    private final HandleCompletion completion;

    HandleReporter(Database db, Clock clock, HandleCompletion completion) {
        this.db = db;
        this.clock = clock;
        this.completion = completion;
    }

    void kick() {
        reportDue().onFailure(e -> LOG.warn("reporting finished handle tasks failed", e));
    }

    Future<Integer> reportDue() {
        long now = clock.millis();
        return db.inTransaction(tx -> db.execute(tx, "SELECT id, request_id, handle_task_id FROM device_command "
                + "WHERE handle_due_at <= $1 ORDER BY handle_due_at LIMIT 50" + CommandWriter.skipLocked(db), now)
            .compose(rs -> {
                List<Due> due = new ArrayList<>();
                Future<Void> chain = Future.succeededFuture();
                for (Row r : rs) {
                    due.add(new Due(r.getString("id"), r.getString("request_id"), r.getString("handle_task_id")));
                    chain = chain.compose(v -> db.execute(tx, "UPDATE device_command SET handle_due_at = $1 WHERE id = $2",
                        now + LEASE_MS, r.getString("id")).mapEmpty());
                }
                return chain.map(v -> due);
            }))
            .compose(due -> {
                Future<Void> chain = Future.succeededFuture();
                for (Due d : due) {
                    chain = chain.compose(v -> report(d));
                }
                return chain.map(v -> due.size());
            });
    }

    private Future<Void> report(Due d) {
        return db.execute("SELECT id, device_id, seal_id, state, presses_used FROM device_command WHERE handle_task_id = $1 "
                + "AND request_id = $2 AND kind = 'UNLOCK' ORDER BY id", d.taskId(), d.requestId())
            .compose(rs -> {
                List<HandleCompletion.SealUsage> usage = new ArrayList<>();
                boolean allDone = true;
                for (Row r : rs) {
                    boolean done = "DONE".equals(r.getString("state"));
                    allDone &= done;
                    if (done) {
                        Integer used = r.getInteger("presses_used");
                        usage.add(new HandleCompletion.SealUsage(r.getString("seal_id"), r.getString("device_id"), r.getString("id"),
                            used == null ? 0 : used));
                    }
                }
                return completion.devicesFinished(d.requestId(), d.taskId(), allDone ? "DONE" : "PARTIAL", usage);
            })
            .transform(ar -> {
                boolean finalAnswer = ar.succeeded() || ar.cause() instanceof ProblemException p && p.status() < 500
                    || isClientError(ar.cause());
                if (ar.failed()) {
                    LOG.warn("handle task {} of request {}: report {}", d.taskId(), d.requestId(),
                        finalAnswer ? "refused for good" : "failed, will retry", ar.cause());
                }
                // a transient failure (a deadlock victim, a pool timeout under load) is tried again in seconds, not
                // after the whole claim lease: the request should not wait a minute for its completion
                return finalAnswer
                    ? db.execute("UPDATE device_command SET handle_due_at = NULL WHERE id = $1", d.commandId()).mapEmpty()
                    : db.execute("UPDATE device_command SET handle_due_at = $1 WHERE id = $2", clock.millis() + RETRY_MS,
                        d.commandId()).mapEmpty();
            });
    }

    private static boolean isClientError(Throwable t) {
        return t instanceof DomainException d && d.status() >= 400 && d.status() < 500;
    }
}
