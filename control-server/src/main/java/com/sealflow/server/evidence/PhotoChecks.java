package com.sealflow.server.evidence;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's impression check, off the upload path: an upload is acknowledged once its photo is fsynced and the
 * press marked stored; the check (a full JPEG decode, tens of milliseconds) runs afterwards on one dedicated thread,
 * so it never holds the workers the database and uploads need. {@code press.photo_checked_at} is the queue: set in
 * the same transaction that writes the result and raises the flags, and only where it was still NULL, so each photo
 * is checked into flags exactly once, also across a restart (unchecked photos are picked up again) or several nodes.
 * Flags therefore arrive shortly after the upload's 2xx, later when many photos arrive at once.
 */
final class PhotoChecks {

    private static final Logger LOG = LoggerFactory.getLogger(PhotoChecks.class);
    private static final int BATCH = 16;

    private final Database db;
    private final Clock clock;
    private final Function<String, Path> files;
    private final WorkerExecutor worker;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    volatile Anomalies anomalies;

    PhotoChecks(Vertx vertx, Database db, Clock clock, Function<String, Path> files, Anomalies anomalies) {
        this.db = db;
        this.clock = clock;
        this.files = files;
        this.anomalies = anomalies;
        this.worker = vertx.createSharedWorkerExecutor("sealflow-photo-check", 1);
    }

    /** Checks what is waiting; a call while a round runs makes it look again when done. */
    void kick() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            round();
        }
    }

    private void round() {
        again.set(false);
        db.execute("SELECT id, event_id, device_id, photo_sha256 FROM press WHERE photo_stored = 1 AND photo_checked_at IS NULL "
                + "ORDER BY at LIMIT " + BATCH)
            .compose(this::checkAll)
            .onComplete(ar -> {
                if (ar.failed()) {
                    LOG.warn("impression checks failed: {}", ar.cause().toString());
                }
                boolean more = ar.succeeded() && ar.result() == BATCH;
                running.set(false);
                if ((more || again.get()) && ar.succeeded() && running.compareAndSet(false, true)) {
                    round();
                }
            });
    }

    private Future<Integer> checkAll(RowSet<Row> rows) {
        Future<Void> chain = Future.succeededFuture();
        for (Row r : rows) {
            chain = chain.compose(v -> checkOne(r.getString("id"), r.getString("event_id"), r.getString("device_id"),
                r.getString("photo_sha256")));
        }
        return chain.map(v -> rows.size());
    }

    private Future<Void> checkOne(String pressId, String eventId, String deviceId, String sha) {
        return worker.executeBlocking(() -> {
            try {
                return ImpressionCheck.check(Files.readAllBytes(files.apply(sha)));
            } catch (IOException e) {
                LOG.warn("photo {} of press {} unreadable: {}", sha, pressId, e.toString());
                return ImpressionCheck.check(new byte[0]);
            }
        }, false).compose(check -> db.inTransaction(tx -> db.execute(tx, "UPDATE press SET photo_checked_at = $1 WHERE id = $2 "
                + "AND photo_checked_at IS NULL", clock.millis(), pressId)
            .compose(claimed -> {
                if (claimed.rowCount() == 0) {
                    return Future.succeededFuture();
                }
                long now = clock.millis();
                Future<?> chain = db.execute(tx, "UPDATE evidence_photo SET red_fraction = $1 WHERE sha256 = $2",
                    (int) Math.round(check.redFraction() * 1_000_000), sha);
                String detail = String.format(Locale.ROOT, "red %.4f, luma sd %.1f", check.redFraction(), check.lumaStdDev());
                for (AnomalyKind kind : check.flags()) {
                    chain = chain.compose(v -> anomalies.flag(tx, kind, deviceId, eventId, pressId, now, detail));
                }
                return chain.mapEmpty();
            })));
    }

    /** Photos stored but not checked yet (tests and benchmarks wait for 0). */
    Future<Long> backlog() {
        return db.execute("SELECT COUNT(*) AS n FROM press WHERE photo_stored = 1 AND photo_checked_at IS NULL")
            .map(rs -> rs.iterator().next().getLong("n"));
    }

    void close() {
        worker.close();
    }
}
