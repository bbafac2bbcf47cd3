package com.sealflow.server.evidence;

import com.sealflow.protocol.evidence.ChainVerification;
import com.sealflow.protocol.evidence.DeviceEvent;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import com.sealflow.server.device.DeviceCommands;
import com.sealflow.server.device.DeviceEventSink;
import com.sealflow.server.device.DeviceRegistry;
import com.sealflow.server.evidence.IntakeBatch.Head;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in device events exactly once (by eventId: QoS 1 repeats are stored once), verifies each against the
 * device's enrolled key and its hash chain (firmware-protocol's {@code EvidenceChain}), records presses linked to
 * their request and token, and raises anomaly flags. Events are written in arrival order, those arriving together in
 * one transaction ({@link GroupCommit}); each is acknowledged only after its transaction committed.
 */
public final class EvidenceIntake implements DeviceEventSink {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceIntake.class);
    private static final String GENESIS = DeviceEvent.GENESIS;
    /** The most events one resend asks a device for (the agent refuses larger ranges). */
    private static final long MAX_RESEND = 100_000;
    private static final String HEAD_UPDATE = "UPDATE evidence_chain SET last_seq = $1, last_hash = $2, updated_at = $3 "
        + "WHERE device_id = $4";
    /** Scratch (and before-commit) key of the devices whose chain head the transaction moved. */
    private static final Object MOVED_HEADS = new Object();

    /**
     * What one event's checks found before it is written. {@code own}: the event's own problem (wrong device, hash
     * mismatch, bad signature), checked before the transaction so that the Ed25519 verification never holds the
     * database connection; the link to the chain head is checked inside it.
     */
    private record Context(String deviceId, ParsedEvent parsed, JsonObject raw, PublicKey key, JsonObject unlock,
                           boolean armed, long now, ChainVerification.Problem own, Map<Object, Object> scratch, boolean[] pending) {
    }

    private final Database db;
    private final Clock clock;
    private final EvidenceSettings settings;
    private final DeviceRegistry registry;
    private final DeviceCommands commands;
    private final Anomalies anomalies;
    /**
     * Each device's key as last read inside a transaction, kept decoded: lets an event's signature be checked before it is
     * queued.
     */
    private final Map<String, DeviceKey> knownKeys = new ConcurrentHashMap<>();
    private final GroupCommit commits;
    /** The events received and not yet written, which a photo upload may wait for ({@link PhotoStore}). */
    private final EventsInFlight inFlight = new EventsInFlight();
    /**
     * The threads that check events' hashes and Ed25519 signatures (the larger part of an event's CPU), one per core and
     * shared by every intake of the process; they hold no resource, so they are daemons and never shut down.
     */
    private static final ExecutorService VERIFY = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
        r -> {
            Thread t = new Thread(r, "sealflow-evidence-verify");
            t.setDaemon(true);
            return t;
        });
    /** The checks queued for those threads: one queue per device, taken in turns. */
    private static final FairChecks CHECKS = new FairChecks(VERIFY);

    public EvidenceIntake(Database db, Clock clock, EvidenceSettings settings, DeviceRegistry registry, DeviceCommands commands) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.registry = registry;
        this.commands = commands;
        this.anomalies = new Anomalies(db);
        this.commits = new GroupCommit(db, (tx, scratch, tags) -> IntakeBatch.read(db, registry, tx, scratch, tags));
    }

    Anomalies anomalies() {
        return anomalies;
    }

    /** Adds a listener told of presses and flags inside the intake's transaction. */
    public void addListener(EvidenceListener listener) {
        anomalies.listeners.add(listener);
    }

    @Override
    public Future<Void> onEvent(String deviceId, JsonObject envelope) {
        // only the queueing here, on the caller's thread (the server's MQTT link has one, shared by every device): the event is
        // parsed and its hash and signature checked on the verifying threads, each device's events in turns with the
        // others', against the key this device had last time. The event joins a transaction once checked, behind its
        // device's earlier events; the transaction checks the link to the chain head (and checks again if the key turns
        // out to be another one)
        DeviceKey key = knownKeys.get(deviceId);
        Future<Checked> checked = CHECKS.run(deviceId, () -> check(deviceId, envelope, key));
        String eventId = envelope.getValue("eventId") instanceof String id ? id : null;
        Object tag = eventId != null ? new IntakeBatch.Tag(deviceId, eventId) : null;
        Future<Void> written = commits.submit(deviceId, tag, checked, (tx, scratch) -> {
            Checked c = checked.succeeded() ? checked.result() : new Checked(ParsedEvent.parse(envelope), null, null);
            if (c.parsed() == null) {
                LOG.info("dropped malformed event from {}", deviceId);
                return Future.succeededFuture();
            }
            return write(tx, new Arrival(deviceId, envelope, c), scratch);
        });
        if (eventId != null) {
            inFlight.add(eventId, written);
        }
        return written;
    }

    /** The events received and not yet written. */
    EventsInFlight inFlight() {
        return inFlight;
    }

    /** An event's own checks, before it is queued for a transaction; null parts when it could not be checked. */
    private static Checked check(String deviceId, JsonObject envelope, DeviceKey key) {
        ParsedEvent parsed = ParsedEvent.parse(envelope);
        if (parsed == null || key == null) {
            return new Checked(parsed, null, null);
        }
        try {
            return new Checked(parsed, key.key(), parsed.ownProblem(deviceId, key));
        } catch (RuntimeException e) {
            // checked again in the transaction, where the failure fails the event
            return new Checked(parsed, null, null);
        }
    }

    /**
     * An event parsed ({@code parsed} null: malformed) and its own problem ({@code own}, null: sound) as checked with
     * {@code key} before it was queued ({@code key} null: not checked yet).
     */
    private record Checked(ParsedEvent parsed, PublicKey key, ChainVerification.Problem own) {
    }

    /** The group commit the intake writes through; photo uploads join it, so that they share its transactions. */
    GroupCommit commits() {
        return commits;
    }

    /** One event on its way to the store; the transaction checks it again when the device's key is not the one it was checked with. */
    private record Arrival(String deviceId, JsonObject raw, Checked checked) {

        ParsedEvent parsed() {
            return checked.parsed();
        }
    }

    @SuppressWarnings("unchecked")
    private Future<Void> write(SqlConnection tx, Arrival a, Map<Object, Object> scratch) {
        ParsedEvent parsed = a.parsed();
        String type = parsed.event().type();
        String deviceId = a.deviceId();
        // each device's key read once a transaction
        Future<PublicKey> read = (Future<PublicKey>) scratch.computeIfAbsent(IntakeBatch.keyKey(deviceId),
            k -> registry.publicKey(tx, deviceId));
        return read.compose(key -> {
            DeviceKey known = knownKeys.get(deviceId);
            if (key == null) {
                knownKeys.remove(deviceId);
            } else if (known == null || !key.equals(known.key())) {
                knownKeys.put(deviceId, DeviceKey.of(key));
            }
            // the event against its own claimed predecessor: only its device, hash and signature can fail here
            Checked checked = a.checked();
            ChainVerification.Problem own = key == null ? null
                : key.equals(checked.key()) ? checked.own() : parsed.ownProblem(deviceId, key);
            Future<JsonObject> unlock = "PRESS".equals(type) ? commands.unlockOfToken(tx, parsed.bodyText("tokenId"))
                : Future.succeededFuture();
            return unlock.compose(u -> {
                Future<Boolean> armed = "DOOR".equals(type) ? commands.acceptedUnlocks(tx, deviceId).map(l -> !l.isEmpty())
                    : Future.succeededFuture(false);
                return armed.compose(arm -> store(tx, new Context(deviceId, parsed, a.raw(), key, u, arm, clock.millis(), own,
                    scratch, new boolean[1])));
            });
        });
    }

    /**
     * The event once (by its id): as a rule its row joins the transaction's batch of event rows, with its checks' outcome
     * ({@link PendingWrites}); an event the transaction's first statement did not look up is inserted at once.
     */
    private Future<Void> store(SqlConnection tx, Context c) {
        DeviceEvent e = c.parsed().event();
        Boolean storedBefore = IntakeBatch.storedBefore(c.scratch(), e.eventId());
        if (storedBefore != null) {
            if (!IntakeBatch.firstTime(c.scratch(), e.eventId(), storedBefore)) {
                return Future.succeededFuture();
            }
            c.pending()[0] = true;
            return verifyAndFile(tx, c);
        }
        return db.execute(tx, "INSERT INTO device_event (event_id, device_id, seq, type, at, monotonic_ms, received_at, body, "
                + "photo_sha256, prev_hash, hash, verified) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0) "
                + "ON CONFLICT (event_id) DO NOTHING", e.eventId(), c.deviceId(), e.seq(), e.type(), e.at(), e.monotonicMs(), c.now(),
                new JsonObject(e.body()).encode(), c.parsed().photoSha256(), e.prevHash(), c.parsed().signed().hash())
            .compose(rs -> rs.rowCount() == 0 ? Future.succeededFuture() : verifyAndFile(tx, c));
    }

    private Future<Void> verifyAndFile(SqlConnection tx, Context c) {
        DeviceEvent e = c.parsed().event();
        return chainHead(tx, c)
            .compose(h -> {
                boolean first = h == null;
                long prevSeq = first ? 0 : h.seq();
                String prevHash = first ? GENESIS : h.hash();
                List<AnomalyKind> flags = new ArrayList<>();
                String detail = null;
                Anomalies.Gap gap = null;
                boolean authentic;
                if (c.key() == null) {
                    authentic = false;
                    flags.add(AnomalyKind.BAD_SIGNATURE);
                    detail = "device has no enrolled key";
                } else {
                    ChainVerification.Problem problem = c.own() != null ? c.own()
                        : !e.prevHash().equals(prevHash) ? ChainVerification.Problem.BROKEN_LINK
                        : e.seq() != prevSeq + 1 ? ChainVerification.Problem.SEQ_GAP : null;
                    authentic = problem == null || problem == ChainVerification.Problem.BROKEN_LINK
                        || problem == ChainVerification.Problem.SEQ_GAP;
                    if (!authentic) {
                        flags.add(AnomalyKind.BAD_SIGNATURE);
                        detail = problem.name();
                    } else if (e.seq() <= prevSeq) {
                        // behind the head: a late arrival filling a gap (replays and redeliveries come out of order),
                        // or a second event for a seq already taken (a clone, a replay under a new id)
                        return lateArrival(tx, c, prevSeq).compose(why -> {
                            if (why != null) {
                                flags.add(AnomalyKind.COUNTER_BACKWARDS);
                            }
                            // a late event that links may be the last one a gap waited for
                            // the repair reads the flags written so far: the pending ones first
                            return file(tx, c, flags, why, null, h).compose(v -> why != null ? Future.succeededFuture()
                                : PendingWrites.of(db, tx, c.scratch()).flush(tx)
                                    .compose(x -> anomalies.repairGaps(tx, c.deviceId(), e.seq(), c.now())));
                        });
                    } else if (problem != null) {
                        flags.add(AnomalyKind.CHAIN_BROKEN);
                        detail = problem.name() + ": seq " + e.seq() + " after " + prevSeq;
                    }
                    if (authentic && e.seq() > prevSeq + 1) {
                        // seqs skipped: the flag stays open until they all arrive (Anomalies.repairGaps)
                        gap = new Anomalies.Gap(prevSeq + 1, e.seq() - 1);
                    }
                }
                // Only an authentic event that moves forward becomes the new chain head: a forgery or replay never
                // rewinds it, and one gap is flagged once, not on every later event.
                Future<?> head = Future.succeededFuture();
                if (authentic && e.seq() > prevSeq + 1) {
                    // events in between never reached this server: the device still has them in its journal
                    head = commands.requestResend(tx, c.deviceId(), prevSeq + 1, Math.min(e.seq() - 1, prevSeq + MAX_RESEND));
                }
                if (authentic && e.seq() > prevSeq) {
                    c.scratch().put(headKey(c), new Head(e.seq(), c.parsed().signed().hash(), e.at(), e.monotonicMs()));
                    // a new head row at once (two nodes creating it collide on its key); a moved head (its row locked by
                    // chainHead) is written once a transaction, right before COMMIT, whatever number of events moved it
                    head = head.compose(v -> first
                        ? db.execute(tx, "INSERT INTO evidence_chain (device_id, last_seq, last_hash, updated_at) VALUES ($1, $2, $3, $4)",
                            c.deviceId(), e.seq(), c.parsed().signed().hash(), c.now()).mapEmpty()
                        : writeHeadAtCommit(tx, c));
                }
                String chainDetail = detail;
                Anomalies.Gap missing = gap;
                return head.compose(v -> file(tx, c, flags, chainDetail, missing, h));
            });
    }

    private static String headKey(Context c) {
        return IntakeBatch.headKey(c.deviceId());
    }

    /**
     * Registers the write of the device's head as the transaction leaves it: the heads moved in a transaction are written
     * in one batch right before COMMIT, one row per device whatever number of its events moved it.
     */
    @SuppressWarnings("unchecked")
    private Future<Void> writeHeadAtCommit(SqlConnection tx, Context c) {
        Map<Object, Object> scratch = c.scratch();
        Set<String> moved = (Set<String>) scratch.computeIfAbsent(MOVED_HEADS, k -> {
            Set<String> devices = new LinkedHashSet<>();
            db.beforeCommit(tx, MOVED_HEADS, () -> () -> {
                long now = clock.millis();
                List<Tuple> rows = new ArrayList<>(devices.size());
                for (String device : devices) {
                    Head last = (Head) scratch.get(IntakeBatch.headKey(device));
                    rows.add(Tuple.of(last.seq(), last.hash(), now, device));
                }
                return (rows.size() == 1 ? db.query(tx, HEAD_UPDATE).execute(rows.get(0)) : db.query(tx, HEAD_UPDATE).executeBatch(rows))
                    .mapEmpty();
            });
            return devices;
        });
        moved.add(c.deviceId());
        return Future.succeededFuture();
    }

    /**
     * The device's chain head, null before its first event: read (and locked) once a transaction, then kept in the
     * transaction's scratch, where every move of the head in this transaction is recorded too.
     */
    private Future<Head> chainHead(SqlConnection tx, Context c) {
        Head known = (Head) c.scratch().get(headKey(c));
        if (known != null) {
            return Future.succeededFuture(known == IntakeBatch.NO_HEAD ? null : known);
        }
        return db.execute(tx, "SELECT last_seq, last_hash, (SELECT at FROM device_event e WHERE e.device_id = c.device_id AND "
                + "e.seq = c.last_seq AND e.hash = c.last_hash) AS at, (SELECT monotonic_ms FROM device_event e WHERE e.device_id = "
                + "c.device_id AND e.seq = c.last_seq AND e.hash = c.last_hash) AS mono FROM evidence_chain c WHERE c.device_id = $1"
                + db.forUpdate(), c.deviceId())
            .map(rs -> {
                Row r = rs.size() == 0 ? null : rs.iterator().next();
                return r == null ? null : new Head(r.getLong("last_seq"), r.getString("last_hash"), r.getLong("at"), r.getLong("mono"));
            });
    }

    private Future<Void> file(SqlConnection tx, Context c, List<AnomalyKind> flags, String detail, Anomalies.Gap gap, Head before) {
        // verified: no chain or clock flag (the flags of its type, below, say nothing about the event's authenticity)
        return clockChecks(tx, c, flags, before)
            .compose(v -> byType(tx, c, flags, detail, gap, flags.isEmpty()));
    }

    /**
     * Null when an authentic event behind the chain head takes a free seq and links both ways to the events stored
     * around it (a late arrival); otherwise why it is not part of the chain.
     */
    private Future<String> lateArrival(SqlConnection tx, Context c, long headSeq) {
        DeviceEvent e = c.parsed().event();
        String hash = c.parsed().signed().hash();
        return PendingWrites.of(db, tx, c.scratch()).flush(tx).compose(v -> db.execute(tx, "SELECT seq, hash, prev_hash FROM device_event "
                + "WHERE device_id = $1 AND seq >= $2 AND seq <= $3 "
                + "AND event_id <> $4", c.deviceId(), e.seq() - 1, e.seq() + 1, e.eventId()))
            .map(rs -> {
                String why = null;
                boolean before = false;
                for (Row r : rs) {
                    long seq = r.getLong("seq");
                    if (seq == e.seq()) {
                        return "seq " + e.seq() + " taken (head " + headSeq + ")";
                    }
                    before |= seq == e.seq() - 1;
                    if (seq == e.seq() - 1 && !e.prevHash().equals(r.getString("hash"))
                        || seq == e.seq() + 1 && !hash.equals(r.getString("prev_hash"))) {
                        why = "seq " + e.seq() + " does not link to its neighbours (head " + headSeq + ")";
                    }
                }
                if (!before && e.seq() == 1 && !GENESIS.equals(e.prevHash())) {
                    why = "seq 1 does not start the chain (head " + headSeq + ")";
                }
                return why;
            });
    }

    /** {@code before}: the chain head before this event; when the event links to it, its clocks are the predecessor's. */
    private Future<Void> clockChecks(SqlConnection tx, Context c, List<AnomalyKind> flags, Head before) {
        DeviceEvent e = c.parsed().event();
        long tolerance = settings.clockTolerance().toMillis();
        if (e.at() > c.now() + tolerance) {
            flags.add(AnomalyKind.CLOCK_SKEW);
            return Future.succeededFuture();
        }
        // the device's estimate comes from token issue times seen at receipt, so delivery delay can only raise it: it
        // shows a device behind, never one ahead (a token that waited looks exactly like a clock ahead; the event
        // time beyond this server's clock, above, shows that)
        Long reported = c.parsed().bodyLong("clockSkewMs");
        if (reported != null && reported < -tolerance) {
            flags.add(AnomalyKind.CLOCK_SKEW);
            return Future.succeededFuture();
        }
        if (before != null && before.at() != null && before.seq() == e.seq() - 1 && before.hash().equals(e.prevHash())) {
            compareClocks(e, before.at(), before.monotonicMs(), tolerance, flags);
            return Future.succeededFuture();
        }
        return PendingWrites.of(db, tx, c.scratch()).flush(tx)
            .compose(v -> db.execute(tx, "SELECT at, monotonic_ms FROM device_event WHERE device_id = $1 AND seq = $2", c.deviceId(),
                e.seq() - 1))
            .map(rs -> {
                if (rs.size() > 0) {
                    Row prev = rs.iterator().next();
                    compareClocks(e, prev.getLong("at"), prev.getLong("monotonic_ms"), tolerance, flags);
                }
                return null;
            });
    }

    private static void compareClocks(DeviceEvent e, long prevAt, long prevMonotonicMs, long tolerance, List<AnomalyKind> flags) {
        long mono = e.monotonicMs() - prevMonotonicMs;
        // a monotonic clock going back means a reboot: nothing to compare
        if (mono >= 0 && Math.abs((e.at() - prevAt) - mono) > tolerance) {
            flags.add(AnomalyKind.CLOCK_SKEW);
        }
    }

    private Future<Void> byType(SqlConnection tx, Context c, List<AnomalyKind> flags, String detail, Anomalies.Gap gap,
                                boolean verified) {
        DeviceEvent e = c.parsed().event();
        String pressId = "PRESS".equals(e.type()) ? Ids.newId() : null;
        // the event's flags and anomaly rows are written with the transaction's others, in one batch each
        PendingWrites later = PendingWrites.of(db, tx, c.scratch());
        Future<Void> typed = Future.succeededFuture();
        // whether the press row was written flagged (its flags known then); a flag found after it (too many presses) marks it
        boolean[] flaggedAtInsert = {false};
        switch (e.type()) {
            case "PRESS" -> typed = press(tx, c, pressId, flags, flaggedAtInsert);
            case "TAMPER" -> flags.add(AnomalyKind.TAMPER);
            case "DOOR" -> {
                if (Boolean.TRUE.equals(e.body().get("open")) && !c.armed()) {
                    flags.add(AnomalyKind.DOOR_OPENED_WITHOUT_TOKEN);
                }
            }
            default -> {
                // sessions, slots, health, refused tokens: stored for the device timeline
            }
        }
        return typed.compose(v -> {
            Future<Void> chain = Future.succeededFuture();
            for (AnomalyKind kind : flags) {
                String why = kind == AnomalyKind.BAD_SIGNATURE || kind == AnomalyKind.CHAIN_BROKEN
                    || kind == AnomalyKind.COUNTER_BACKWARDS ? detail : null;
                Anomalies.Gap missing = kind == AnomalyKind.CHAIN_BROKEN ? gap : null;
                chain = chain.compose(x -> anomalies.flag(tx, new Anomalies.Flag(kind, c.deviceId(), e.eventId(), pressId, e.at(), why,
                    missing), flaggedAtInsert[0], later));
            }
            String names = flags.isEmpty() ? null : String.join(",", flags.stream().map(Enum::name).toList());
            return chain.map(x -> {
                if (c.pending()[0]) {
                    later.event(e.eventId(), c.deviceId(), e.seq(), e.type(), e.at(), e.monotonicMs(), c.now(),
                        new JsonObject(e.body()).encode(), c.parsed().photoSha256(), e.prevHash(), c.parsed().signed().hash(),
                        verified ? 1 : 0, names);
                } else {
                    later.eventChecked(e.eventId(), verified, names);
                }
                return null;
            });
        });
    }

    private Future<Void> press(SqlConnection tx, Context c, String pressId, List<AnomalyKind> flags, boolean[] flaggedAtInsert) {
        DeviceEvent e = c.parsed().event();
        JsonObject unlock = c.unlock();
        boolean forced = Boolean.TRUE.equals(e.body().get("forced"));
        boolean session = unlock != null && c.deviceId().equals(unlock.getString("deviceId"))
            && ("ACCEPTED".equals(unlock.getString("state")) || "DONE".equals(unlock.getString("state")));
        if (forced || !session) {
            flags.add(AnomalyKind.PRESS_WITHOUT_SESSION);
        }
        String photo = c.parsed().photoSha256();
        if (photo == null) {
            flags.add(AnomalyKind.MISSING_PHOTO);
        }
        String sealId = c.parsed().bodyText("sealId") != null ? c.parsed().bodyText("sealId")
            : unlock == null ? null : unlock.getString("sealId");
        Long slot = c.parsed().bodyLong("slot");
        String requestId = unlock != null ? unlock.getString("requestId") : c.parsed().bodyText("requestId");
        Long due = photo == null ? null : c.now() + settings.photoGrace().toMillis();
        // flagged at once when its flags are already known (the common case), so that no flag needs an UPDATE of it
        flaggedAtInsert[0] = !flags.isEmpty();
        // the row joins the transaction's batch of press rows (written before anything reads presses)
        PendingWrites later = PendingWrites.of(db, tx, c.scratch());
        later.press(pressId, e.eventId(), c.deviceId(), sealId,
            slot == null ? (unlock == null ? null : unlock.getInteger("slot")) : (Integer) slot.intValue(), requestId,
            c.parsed().bodyText("tokenId"), unlock == null ? null : unlock.getString("commandId"), e.at(),
            c.parsed().bodyLong("pressCounter"), photo, due, flags.isEmpty() ? 0 : 1);
        Future<?> insert = Future.succeededFuture();
        EvidenceListener.Press told = new EvidenceListener.Press(pressId, c.deviceId(), sealId, requestId, e.at());
        for (EvidenceListener l : anomalies.listeners) {
            insert = insert.compose(v -> l.onPress(tx, told));
        }
        if (unlock == null || !session) {
            return insert.mapEmpty();
        }
        String tokenId = c.parsed().bodyText("tokenId");
        return insert.compose(v -> later.flush(tx)).compose(v -> db.execute(tx, "SELECT COUNT(*) AS n FROM press WHERE token_id = $1",
                tokenId))
            .map(rs -> {
                Integer allowed = unlock.getInteger("pressesAllowed");
                if (allowed != null && rs.iterator().next().getLong("n") > allowed) {
                    flags.add(AnomalyKind.OVER_ALLOWED_PRESSES);
                }
                return null;
            });
    }

    @Override
    public Future<Void> onOffline(String deviceId, long at) {
        return commands.acceptedUnlocks(deviceId).compose(open -> open.isEmpty() ? Future.succeededFuture()
            : db.inTransaction(tx -> anomalies.flag(tx, AnomalyKind.DEVICE_OFFLINE_DURING_SESSION, deviceId, null, null, clock.millis(),
                "unlock " + open.get(0).getString("commandId") + " was accepted")));
    }

    /** Flags presses whose photo did not arrive in time; claimed in one transaction, so each is flagged once. */
    public Future<Integer> flagMissingPhotos() {
        long now = clock.millis();
        return db.inTransaction(tx -> db.execute(tx, "SELECT id, device_id, event_id, at FROM press WHERE photo_due_at <= $1 "
                + "AND photo_stored = 0 ORDER BY photo_due_at LIMIT 200" + PhotoStore.skipLocked(db), now)
            .compose(rs -> {
                Future<Void> chain = Future.succeededFuture();
                for (Row r : rs) {
                    chain = chain.compose(v -> db.execute(tx, "UPDATE press SET photo_due_at = NULL WHERE id = $1", r.getString("id")))
                        .compose(v -> anomalies.flag(tx, AnomalyKind.MISSING_PHOTO, r.getString("device_id"), r.getString("event_id"),
                            r.getString("id"), now, "no photo within " + settings.photoGrace()));
                }
                return chain.map(v -> rs.size());
            }));
    }
}
