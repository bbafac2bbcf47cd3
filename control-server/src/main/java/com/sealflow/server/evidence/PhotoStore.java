package com.sealflow.server.evidence;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Press photos, content-addressed under {@code <dataDir>/photos/ab/cd/<sha256>.jpg}: written to a temp file,
 * fsynced (data), moved into place and the directory fsynced, so a file under its hash is always complete and
 * survives a power loss once the upload is answered. Uploads are idempotent by event id.
 * The upload is answered once the photo is durable and the press marked stored; {@link PhotoChecks} runs the
 * impression check afterwards.
 */
public final class PhotoStore {

    /** The answer to an upload: 201 stored now, 200 already stored with this hash (the impression check follows). */
    public record Stored(int status, String sha256) {
    }

    /** Uploads whose fsync may wait on the disk at once (fsyncs of different files overlap). */
    private static final int WRITERS = 16;
    /**
     * How long an upload waits for its event when the intake has received the event and not yet written it; then 404 as
     * for an event not received (the device retries). Well inside a device's request time-out (the agent's: 60 s).
     */
    static final long MAX_WAIT_FOR_EVENT_MS = 5_000;

    private final Database db;
    private final Clock clock;
    private final EvidenceSettings settings;
    private final PhotoChecks checks;
    /** Photo files are written and fsynced here, so that a slow disk never holds the workers the database needs. */
    private final WorkerExecutor writers;
    /** Marking a photo stored joins the intake's transactions (see {@link #shareListeners}). */
    private volatile GroupCommit commits;
    /** The intake's events not yet written, which an upload waits for (see {@link #shareListeners}). */
    private volatile EventsInFlight inFlight = new EventsInFlight();
    private final Vertx vertx;

    public PhotoStore(Vertx vertx, Database db, Clock clock, EvidenceSettings settings) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.vertx = vertx;
        this.checks = new PhotoChecks(vertx, db, clock, this::path, new Anomalies(db));
        this.commits = new GroupCommit(db);
        this.writers = vertx.createSharedWorkerExecutor("sealflow-photo-write", WRITERS);
    }

    /** Flags raised by the impression check go to the intake's listeners too (statistics). */
    void shareListeners(EvidenceIntake intake) {
        checks.anomalies = intake.anomalies();
        commits = intake.commits();
        inFlight = intake.inFlight();
    }

    /** Looks for stored photos not checked yet (after a restart, or written by another node). */
    public void checkPending() {
        checks.kick();
    }

    /** Photos stored but not checked yet. */
    public Future<Long> uncheckedPhotos() {
        return checks.backlog();
    }

    public Path path(String sha256) {
        return settings.dataDir().resolve("photos").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4))
            .resolve(sha256 + ".jpg");
    }

    /** DEVICE-CONTRACT snapshot upload, after the caller authenticated {@code deviceId} by its bearer token. */
    public Future<Stored> upload(String deviceId, String eventId, String contentType, String claimedSha, Buffer body) {
        if (body == null || body.length() == 0) {
            return Future.failedFuture(ProblemException.badRequest("the JPEG is the request body"));
        }
        if (body.length() > settings.maxPhotoBytes()) {
            return Future.failedFuture(new ProblemException(413, "too-large", "Payload too large",
                "a snapshot may be at most " + settings.maxPhotoBytes() + " bytes"));
        }
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("image/jpeg")) {
            return Future.failedFuture(notJpeg());
        }
        byte[] bytes = body.getBytes();
        // taken before the look-up, so that an event written in between is found by the look-up or by the one after the wait
        Future<Void> written = inFlight.settled(vertx, eventId, MAX_WAIT_FOR_EVENT_MS);
        boolean inFlightNow = !written.isComplete();
        return pressEvent(eventId)
            .compose(rs -> rs.size() > 0 || !inFlightNow ? Future.succeededFuture(rs) : written.compose(v -> pressEvent(eventId)))
            .compose(rs -> {
                if (rs.size() == 0) {
                    return Future.failedFuture(new ProblemException(404, "event-unknown", "Event not known yet",
                        "no press event " + eventId + " has arrived; retry later"));
                }
                Row event = rs.iterator().next();
                if (!deviceId.equals(event.getString("device_id"))) {
                    return Future.failedFuture(ProblemException.forbidden("the event belongs to another device"));
                }
                if (!looksLikeJpeg(bytes)) {
                    return Future.failedFuture(notJpeg());
                }
                return store(eventId, claimedSha, event.getString("photo_sha256"), bytes);
            });
    }

    private Future<RowSet<Row>> pressEvent(String eventId) {
        return db.execute("SELECT device_id, photo_sha256 FROM device_event WHERE event_id = $1 AND type = 'PRESS'", eventId);
    }

    /**
     * Hashes the photo and, when it is the one the event names, writes it: both on a writer thread, so the event loop
     * never spends the hash's half millisecond per 200 KB.
     */
    private Future<Stored> store(String eventId, String claimedSha, String eventSha, byte[] bytes) {
        return writers.executeBlocking(() -> {
            String sha = sha256Hex(bytes);
            if (claimedSha != null && !claimedSha.equalsIgnoreCase(sha)) {
                throw ProblemException.invalidField("X-Photo-Sha256", "X-Photo-Sha256 is not the body's SHA-256");
            }
            if (!sha.equals(eventSha)) {
                throw ProblemException.conflict("the event names a different photo (or none)");
            }
            write(path(sha), bytes);
            return sha;
        }, false).compose(sha -> commits.submit((tx, scratch) -> db.execute(tx, "UPDATE press SET photo_stored = 1, photo_due_at = NULL "
                + "WHERE event_id = $1 AND photo_stored = 0", eventId)
            .compose(updated -> updated.rowCount() == 0 ? Future.succeededFuture(new Stored(200, sha))
                : db.execute(tx, "INSERT INTO evidence_photo (sha256, size, red_fraction, stored_at) VALUES ($1, $2, NULL, $3) "
                    + "ON CONFLICT (sha256) DO NOTHING", sha, (long) bytes.length, clock.millis()).map(x -> new Stored(201, sha)))))
            .onSuccess(stored -> {
                if (stored.status() == 201) {
                    checks.kick();
                }
            });
    }

    static void write(Path target, byte[] bytes) {
        try {
            if (Files.exists(target)) {
                return;
            }
            Path dir = target.getParent();
            boolean newDir = !Files.isDirectory(dir);
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".upload-", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(false);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            // the file's name is durable once its directory is (and a new directory's name once its parent is)
            syncDirectory(dir);
            if (newDir) {
                syncDirectory(dir.getParent());
                syncDirectory(dir.getParent().getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store photo " + target, e);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // a platform that cannot open a directory (Windows) makes the rename durable by itself
        }
    }

    /** SOI marker at the start and EOI near the end: a JPEG by content, whatever the client claims. */
    static boolean looksLikeJpeg(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8 || (b[2] & 0xFF) != 0xFF) {
            return false;
        }
        for (int i = b.length - 2; i >= Math.max(2, b.length - 64); i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException notJpeg() {
        return new ProblemException(415, "unsupported-media-type", "Unsupported media type", "snapshots must be JPEG images");
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String skipLocked(Database db) {
        return db.dialect() == Dialect.POSTGRES ? " FOR UPDATE SKIP LOCKED" : "";
    }
}
