package com.sealflow.server.device;

import com.sealflow.server.db.AfterCommit;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Rounds;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes outbox rows: at once when a transaction that wrote one commits ({@link #kick()}), and from the
 * periodic poller for leftovers (a crash between commit and publish, a broker outage, another node's expired
 * claim). Rows are claimed with a lease in a transaction ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL), so two
 * server nodes never publish the same row; a node that dies mid-publish leaves a lease that runs out and the
 * row is sent again (at-least-once; the agent ignores a repeated commandId).
 */
public final class OutboxRelay {

    /** Where messages go: the server's MQTT link (QoS 1; completes on PUBACK). */
    @FunctionalInterface
    public interface Publisher {
        Future<Void> publish(String topic, byte[] payload);
    }

    private record Claimed(String id, String commandId, String topic, String payload) {
    }

    private record Acknowledged(Claimed claimed, Promise<Void> done) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    static final long LEASE_MS = 30_000;
    /** Orders a device's unlocks written in the same millisecond by their counter. */
    private static final String BY_COUNTER = "(SELECT c.counter FROM device_command c WHERE c.id = device_outbox.command_id)";

    private final Database db;
    private final Clock clock;
    private final String nodeId;
    private final Publisher publisher;
    private final Rounds rounds;
    private final Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean marking = new AtomicBoolean();
    private final CommandLanes lanes;

    public OutboxRelay(Database db, Clock clock, String nodeId, Publisher publisher) {
        this.db = db;
        this.clock = clock;
        this.nodeId = nodeId;
        this.publisher = publisher;
        this.lanes = new CommandLanes(clock::millis);
        this.rounds = new Rounds(BATCH, this::drainOnce, e -> LOG.warn("outbox relay round failed", e));
    }

    /** Drain now; if a drain is running, it goes round once more. Never blocks. */
    public void kick() {
        rounds.kick();
    }

    public String nodeId() {
        return nodeId;
    }

    /**
     * Publishes a row this node claimed in the transaction {@code tx} that wrote it (the fast path) once that
     * transaction has committed, after every command of the same device written before it; call it while
     * {@code tx} is open, right after writing the row.
     */
    void publishAfterCommit(SqlConnection tx, String deviceId, String outboxId, String commandId, String topic, String payload) {
        CommandLanes.Place place = lanes.take(deviceId);
        AfterCommit.run(tx, () -> lanes.committed(place, () -> publishClaimed(outboxId, commandId, topic, payload)),
            () -> lanes.rolledBack(place));
    }

    private void publishClaimed(String outboxId, String commandId, String topic, String payload) {
        Claimed c = new Claimed(outboxId, commandId, topic, payload);
        publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8)).compose(v -> markSent(c))
            .onFailure(e -> LOG.warn("publishing command {} failed; the poller retries after the lease", commandId, e));
    }

    /** One claim-and-publish round; the number of rows claimed. */
    public Future<Integer> drainOnce() {
        lanes.sweep();
        long now = clock.millis();
        return db.inTransaction(tx -> db.execute(tx, "SELECT id, command_id, topic, payload FROM device_outbox "
                + "WHERE sent_at IS NULL AND claim_until < $1 ORDER BY created_at, " + BY_COUNTER + ", id LIMIT " + BATCH
                + CommandWriter.skipLocked(db), now)
            .compose(rs -> {
                List<Claimed> claimed = new ArrayList<>();
                for (Row r : rs) {
                    claimed.add(new Claimed(r.getString("id"), r.getString("command_id"), r.getString("topic"), r.getString("payload")));
                }
                Future<Void> chain = Future.succeededFuture();
                for (Claimed c : claimed) {
                    chain = chain.compose(v -> db.execute(tx, "UPDATE device_outbox SET claimed_by = $1, claim_until = $2, "
                        + "attempts = attempts + 1 WHERE id = $3", nodeId, now + LEASE_MS, c.id()).mapEmpty());
                }
                return chain.map(v -> claimed);
            }))
            .compose(claimed -> {
                List<Future<Void>> sends = new ArrayList<>();
                for (Claimed c : claimed) {
                    sends.add(publisher.publish(c.topic(), c.payload().getBytes(StandardCharsets.UTF_8))
                        .compose(v -> markSent(c))
                        .recover(e -> {
                            LOG.warn("publishing command {} failed; retried after the lease", c.commandId(), e);
                            return Future.succeededFuture();
                        }));
                }
                return Future.join(sends).map(v -> claimed.size());
            });
    }

    /**
     * Publishes again every open, unexpired command (QUEUED or SENT) of a device that has just come (back) online.
     * A broker keeps no message for a client that never subscribed (first connect, clean start, expired session),
     * so a command published while the device was away is lost there. The device announces ONLINE only after it
     * has subscribed, and a command committed before that announcement is visible here, so nothing slips through.
     * The agent answers a repeated commandId with its first result, so a duplicate does no harm.
     *
     * @return the number of commands published again
     */
    public Future<Integer> resendOpen(String deviceId) {
        long now = clock.millis();
        return db.execute("SELECT o.id, o.command_id, o.topic, o.payload FROM device_outbox o JOIN device_command c "
                + "ON c.id = o.command_id WHERE c.device_id = $1 AND c.state IN ('QUEUED', 'SENT') AND c.expires_at > $2 "
                + "AND (o.sent_at IS NULL OR o.sent_at > 0) ORDER BY o.created_at, c.counter, o.id", deviceId, now)
            .compose(rs -> {
                Future<Void> chain = Future.succeededFuture();
                for (Row r : rs) {
                    Claimed c = new Claimed(r.getString("id"), r.getString("command_id"), r.getString("topic"), r.getString("payload"));
                    // one after the other: the device sees its commands in the order they were written
                    chain = chain.compose(v -> publisher.publish(c.topic(), c.payload().getBytes(StandardCharsets.UTF_8)))
                        .compose(v -> markSent(c));
                }
                if (rs.size() > 0) {
                    LOG.info("device {} came online: {} open command(s) sent again", deviceId, rs.size());
                }
                return chain.map(v -> rs.size());
            });
    }

    /**
     * Records a publish the broker acknowledged. Acknowledgements that arrive while a batch is being written wait
     * for the next batch, so at 100 commands a second this is a few transactions a second instead of one per
     * command (on SQLite every transaction takes the one writer lock the approvals need).
     */
    private Future<Void> markSent(Claimed c) {
        Promise<Void> done = Promise.promise();
        acknowledged.add(new Acknowledged(c, done));
        writeAcknowledged();
        return done.future();
    }

    private void writeAcknowledged() {
        if (!marking.compareAndSet(false, true)) {
            return;
        }
        List<Acknowledged> batch = new ArrayList<>();
        Acknowledged a;
        while (batch.size() < BATCH && (a = acknowledged.poll()) != null) {
            batch.add(a);
        }
        if (batch.isEmpty()) {
            marking.set(false);
            if (!acknowledged.isEmpty()) {
                writeAcknowledged();
            }
            return;
        }
        long now = clock.millis();
        Object[] outbox = new Object[batch.size() + 1];
        Object[] commands = new Object[batch.size() + 1];
        outbox[0] = now;
        commands[0] = now;
        for (int i = 0; i < batch.size(); i++) {
            outbox[i + 1] = batch.get(i).claimed().id();
            commands[i + 1] = batch.get(i).claimed().commandId();
        }
        String in = placeholders(batch.size());
        // command rows before outbox rows, the order a device answer's transaction locks them in (no deadlock on PostgreSQL)
        db.inTransaction(tx -> db.execute(tx, "UPDATE device_command SET state = 'SENT', updated_at = $1 WHERE state = 'QUEUED' "
                    + "AND id IN " + in, commands)
                .compose(v -> db.execute(tx, "UPDATE device_outbox SET sent_at = $1 WHERE sent_at IS NULL AND id IN " + in, outbox))
                .mapEmpty())
            .onComplete(ar -> {
                marking.set(false);
                for (Acknowledged b : batch) {
                    if (ar.succeeded()) {
                        b.done().tryComplete();
                    } else {
                        b.done().tryFail(ar.cause());
                    }
                }
                writeAcknowledged();
            });
    }

    /** {@code ($2, $3, ...)} for {@code n} values after the first parameter. */
    private static String placeholders(int n) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append('$').append(i + 2);
        }
        return sb.append(')').toString();
    }
}
