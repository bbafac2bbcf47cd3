package com.sealflow.server.evidence;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's impression check, off the upload path: an upload is acknowledged once its photo is fsynced and the
 * press marked stored; the check (a reduced JPEG decode, a millisecond or two) runs afterwards on its own threads
 * ({@link #THREADS}: half the cores, so it cannot take all the intake's CPU), never on the workers the database and
 * uploads need. A round checks up to {@value #BATCH} photos at once and records them in one transaction.
 * {@code press.photo_checked_at} is the queue: set in the same transaction that writes the result and raises the
 * flags, and only where it was still NULL, so each photo is checked into flags exactly once, also across a restart
 * (unchecked photos are picked up again) or several nodes. Flags therefore arrive shortly after the upload's 2xx,
 * later when many photos arrive at once.
 */
final class PhotoChecks {

    private static final Logger LOG = LoggerFactory.getLogger(PhotoChecks.class);
    private static final int BATCH = 16;
    /** Check threads: half the cores, at least one and at most four, so the checks never take all the intake's CPU. */
    static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));

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
        this.worker = vertx.createSharedWorkerExecutor("sealflow-photo-check", THREADS);
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

    /** A photo to check and, once checked, its figures. */
    private record Checked(String pressId, String eventId, String deviceId, String sha, ImpressionCheck.Result result) {
    }

    /** Checks the batch's photos on the check threads at once, then records them all in one transaction. */
    private Future<Integer> checkAll(RowSet<Row> rows) {
        List<Future<Checked>> checks = new ArrayList<>();
        for (Row r : rows) {
            String pressId = r.getString("id");
            String sha = r.getString("photo_sha256");
            checks.add(worker.executeBlocking(() -> new Checked(pressId, r.getString("event_id"), r.getString("device_id"), sha,
                check(pressId, sha)), false));
        }
        if (checks.isEmpty()) {
            return Future.succeededFuture(0);
        }
        return Future.all(checks).compose(all -> db.inTransaction(tx -> {
            Future<Void> chain = Future.succeededFuture();
            for (Future<Checked> c : checks) {
                chain = chain.compose(v -> record(tx, c.result()));
            }
            return chain;
        })).map(v -> rows.size());
    }

    private ImpressionCheck.Result check(String pressId, String sha) {
        try {
            return ImpressionCheck.check(Files.readAllBytes(files.apply(sha)));
        } catch (IOException e) {
            LOG.warn("photo {} of press {} unreadable: {}", sha, pressId, e.toString());
            return ImpressionCheck.check(new byte[0]);
        }
    }

    /** Writes one photo's figures and flags, unless another round or node recorded it first. */
    private Future<Void> record(SqlConnection tx, Checked c) {
        ImpressionCheck.Result check = c.result();
        return db.execute(tx, "UPDATE press SET photo_checked_at = $1 WHERE id = $2 AND photo_checked_at IS NULL", clock.millis(),
                c.pressId())
            .compose(claimed -> {
                if (claimed.rowCount() == 0) {
                    return Future.succeededFuture();
                }
                long now = clock.millis();
                Future<?> chain = db.execute(tx, "UPDATE evidence_photo SET red_fraction = $1 WHERE sha256 = $2",
                    (int) Math.round(check.redFraction() * 1_000_000), c.sha());
                String detail = String.format(Locale.ROOT, "red %.4f, luma sd %.1f", check.redFraction(), check.lumaStdDev());
                for (AnomalyKind kind : check.flags()) {
                    chain = chain.compose(v -> anomalies.flag(tx, kind, c.deviceId(), c.eventId(), c.pressId(), now, detail));
                }
                return chain.mapEmpty();
            });
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
