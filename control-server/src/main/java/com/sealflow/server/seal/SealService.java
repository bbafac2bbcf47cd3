package com.sealflow.server.seal;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * The seal module's public API: the registry and lifecycle for people (with authorisation), and look-ups
 * for the request, approval and device modules. Every change is one transaction that also tells the
 * {@link SealListener}s.
 */
public final class SealService {

    private final Database db;
    private final SealRepository repo;
    private final SealDirectory directory;
    private final Clock clock;
    private final List<SealListener> listeners = new CopyOnWriteArrayList<>();

    public SealService(Database db, SealDirectory directory, Clock clock) {
        this.db = db;
        this.repo = new SealRepository(db);
        this.directory = directory;
        this.clock = clock;
    }

    public void addListener(SealListener listener) {
        listeners.add(listener);
    }

    // ---- for other modules ----

    public Future<Optional<Seal>> byId(SqlClient client, String id) {
        return repo.find(client, id);
    }

    public Future<Optional<Seal>> byId(String id) {
        return repo.find(db.pool(), id);
    }

    /** The seals with these ids, in code order; unknown ids are simply absent. */
    public Future<List<Seal>> byIds(SqlClient client, Collection<String> ids) {
        return repo.byIds(client, ids);
    }

    /** Seals bound to a device (slot order): what the device module tells an enrolling agent. */
    public Future<List<Seal>> boundTo(SqlClient client, String deviceId) {
        return repo.byDevice(client, deviceId);
    }

    /** Custodians then backups of these seals, without duplicates: the approval resolver's SEAL_CUSTODIAN. */
    public Future<List<String>> custodiansOf(SqlClient client, Collection<String> sealIds) {
        return repo.byIds(client, sealIds).map(seals -> {
            Set<String> out = new LinkedHashSet<>();
            seals.forEach(s -> out.add(s.custodianId()));
            seals.forEach(s -> out.addAll(s.custodians()));
            return List.copyOf(out);
        });
    }

    /** Seals this user keeps (as custodian or backup). */
    public Future<List<Seal>> keptBy(SqlClient client, String userId) {
        return repo.list(client, new SealRepository.SealQuery(null, null, userId, null));
    }

    /** A take-out's CHECKOUT handed the seal out of its cabinet (device module or custodian). */
    public Future<Seal> checkOut(SqlConnection conn, String sealId, String actorId) {
        return transition(conn, sealId, actorId, SealChanged.Kind.CHECKED_OUT, (s, now) -> s.checkOut(now));
    }

    public Future<Seal> checkIn(SqlConnection conn, String sealId, String actorId) {
        return transition(conn, sealId, actorId, SealChanged.Kind.CHECKED_IN, (s, now) -> s.checkIn(now));
    }

    // ---- for people (HTTP) ----

    public Future<List<Seal>> list(Actor actor, SealStatus status, SealType type, String custodianId, String text) {
        return repo.list(db.pool(), new SealRepository.SealQuery(status, type, custodianId, text));
    }

    public Future<Seal> get(Actor actor, String id) {
        return repo.find(db.pool(), id).map(o -> o.orElseThrow(() -> DomainException.notFound("seal")));
    }

    public Future<Seal> register(Actor actor, JsonObject body) {
        requireAdmin(actor);
        SealInput in = SealInput.parse(body);
        return checkPeople(in).compose(v -> db.inTransaction(conn -> {
            long now = clock.millis();
            Seal seal = new Seal(Ids.newId(), in.code(), in.name(), in.type(), SealStatus.ACTIVE, in.departmentId(), in.custodianId(),
                in.backupCustodianId(), in.deviceId(), in.slot(), in.filingCode(), in.impressionFileId(), in.allowedDocumentTypes(),
                in.flowKey(), 1, now, now);
            return checkUnique(conn, seal)
                .compose(x -> repo.insert(conn, seal))
                .compose(x -> publish(conn, new SealChanged(SealChanged.Kind.REGISTERED, null, seal, actor.id())))
                .map(seal);
        }));
    }

    /** Validation and the directory look-up happen before the transaction; the row lock then checks nothing changed meanwhile. */
    public Future<Seal> update(Actor actor, String id, JsonObject patch) {
        requireAdmin(actor);
        return repo.find(db.pool(), id).compose(found -> {
            Seal current = found.orElseThrow(() -> DomainException.notFound("seal"));
            if (current.status() == SealStatus.DESTROYED) {
                throw DomainException.conflict("seal-state", "a destroyed seal cannot be changed");
            }
            SealInput in = SealInput.patch(current, patch);
            return checkPeople(in).compose(v -> db.inTransaction(conn -> lock(conn, id).compose(locked -> {
                if (locked.version() != current.version()) {
                    throw DomainException.conflict("stale", "the seal was changed meanwhile; reload and retry");
                }
                Seal next = new Seal(id, in.code(), in.name(), in.type(), current.status(), in.departmentId(), in.custodianId(),
                    in.backupCustodianId(), in.deviceId(), in.slot(), in.filingCode(), in.impressionFileId(), in.allowedDocumentTypes(),
                    in.flowKey(), current.version() + 1, current.createdAt(), clock.millis());
                return checkUnique(conn, next)
                    .compose(x -> repo.update(conn, next))
                    .compose(x -> publish(conn, new SealChanged(SealChanged.Kind.UPDATED, current, next, actor.id())))
                    .map(next);
            })));
        });
    }

    public Future<Seal> suspend(Actor actor, String id) {
        requireAdmin(actor);
        return db.inTransaction(conn -> transition(conn, id, actor.id(), SealChanged.Kind.SUSPENDED, (s, now) -> s.suspend(now)));
    }

    public Future<Seal> resume(Actor actor, String id) {
        requireAdmin(actor);
        return db.inTransaction(conn -> transition(conn, id, actor.id(), SealChanged.Kind.RESUMED, (s, now) -> s.resume(now)));
    }

    /** Seal admins and the seal's own custodians may report it lost: the one who notices should not wait. */
    public Future<Seal> reportLost(Actor actor, String id) {
        return db.inTransaction(conn -> lock(conn, id).compose(current -> {
            if (!actor.sealAdmin() && !current.isCustodian(actor.id())) {
                throw DomainException.forbidden("only seal admins and the seal's custodians may report it lost");
            }
            return transition(conn, id, actor.id(), SealChanged.Kind.LOST, (s, now) -> s.reportLost(now));
        }));
    }

    public Future<Seal> destroy(Actor actor, String id) {
        requireAdmin(actor);
        return db.inTransaction(conn -> transition(conn, id, actor.id(), SealChanged.Kind.DESTROYED, (s, now) -> s.destroy(now)));
    }

    // ---- internals ----

    private Future<Seal> transition(SqlConnection conn, String id, String actorId, SealChanged.Kind kind,
                                    BiFunction<Seal, Long, Seal> step) {
        return lock(conn, id).compose(current -> {
            Seal next = step.apply(current, clock.millis());
            return repo.update(conn, next)
                .compose(v -> publish(conn, new SealChanged(kind, current, next, actorId)))
                .map(next);
        });
    }

    private Future<Seal> lock(SqlConnection conn, String id) {
        return repo.lock(conn, id).map(o -> o.orElseThrow(() -> DomainException.notFound("seal")));
    }

    private Future<Void> publish(SqlConnection conn, SealChanged event) {
        Future<Void> chain = Future.succeededFuture();
        for (SealListener l : listeners) {
            chain = chain.compose(v -> l.sealChanged(conn, event));
        }
        return chain;
    }

    private Future<Void> checkUnique(SqlConnection conn, Seal seal) {
        return repo.byCode(conn, seal.code()).compose(other -> {
            if (other.isPresent() && !other.get().id().equals(seal.id())) {
                throw new DomainException(409, "duplicate", "another seal already has code " + seal.code());
            }
            if (seal.deviceId() == null) {
                return Future.succeededFuture();
            }
            return repo.byDevice(conn, seal.deviceId()).map(onDevice -> {
                for (Seal s : onDevice) {
                    boolean sameSlot = s.slot() == null || seal.slot() == null || s.slot().equals(seal.slot());
                    if (!s.id().equals(seal.id()) && sameSlot) {
                        throw new DomainException(409, "device-slot-taken", "device " + seal.deviceId()
                            + (seal.slot() == null ? "" : " slot " + seal.slot()) + " already holds seal " + s.code());
                    }
                }
                return null;
            });
        });
    }

    private Future<Void> checkPeople(SealInput in) {
        List<String> ids = new ArrayList<>();
        ids.add(in.custodianId());
        if (in.backupCustodianId() != null) {
            ids.add(in.backupCustodianId());
        }
        return directory.unknownUsers(ids).map(unknown -> {
            List<JsonObject> errors = new ArrayList<>();
            if (unknown.contains(in.custodianId())) {
                errors.add(DomainException.fieldError("custodianId", "no such user"));
            }
            if (in.backupCustodianId() != null && unknown.contains(in.backupCustodianId())) {
                errors.add(DomainException.fieldError("backupCustodianId", "no such user"));
            }
            if (!errors.isEmpty()) {
                throw DomainException.invalid(errors);
            }
            return null;
        });
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.sealAdmin()) {
            throw DomainException.forbidden("only seal admins manage the seal registry");
        }
    }
}
