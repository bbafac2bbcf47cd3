package com.sealflow.server.archive;

import com.sealflow.server.approval.ApprovalEvent;
import com.sealflow.server.approval.ApprovalListener;
import com.sealflow.server.web.CurrentUser;
import com.sealflow.server.web.ProblemException;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's public API. When a flow's AUTO ARCHIVE step runs, the request is queued inside that transaction; right
 * after commit (and by a timer, for retries and other nodes) it is archived: the record is gathered, numbered, given an
 * unguessable verification code, hashed and chained. Reviews made later are chained as addenda. Auditors, admins and
 * legal staff read the whole archive; applicants their own records; anyone may verify a code.
 */
public final class ArchiveService {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveService.class);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final int CODE_LENGTH = 16;
    private static final long RETRY_MS = 30_000;

    private final ArchiveStore store;
    private final Archivist archivist;
    private final ArchiveSearch search;
    private final Integrity integrity;
    private final Clock clock;
    private final ArchiveSettings settings;
    private final SecureRandom random = new SecureRandom();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean drainAgain = new AtomicBoolean();

    ArchiveService(ArchiveStore store, Archivist archivist, Clock clock, ArchiveSettings settings) {
        this.store = store;
        this.archivist = archivist;
        this.search = new ArchiveSearch(store.db());
        this.integrity = new Integrity(store);
        this.clock = clock;
        this.settings = settings;
    }

    ArchiveSettings settings() {
        return settings;
    }

    ArchiveStore store() {
        return store;
    }

    /** Inside the approval's transaction: the ARCHIVE step queues the request. */
    public ApprovalListener approvalListener() {
        return (event, conn) -> event instanceof ApprovalEvent.AutoStepReached e && "ARCHIVE".equals(e.action())
            ? store.enqueue(conn, e.businessKey(), clock.millis()) : Future.succeededFuture();
    }

    /** After commit: archive what the step queued, now rather than at the next timer tick. */
    public Consumer<ApprovalEvent> afterCommit() {
        return event -> {
            if (event instanceof ApprovalEvent.InstanceEnded) {
                drainSoon();
            }
        };
    }

    /**
     * One run of {@link #processPending} at a time for the after-commit path: a burst of ended instances would otherwise
     * start as many runs, each reading the same queue head. A request made while a run is under way makes it run once
     * more; after a failure the timer takes over.
     */
    private void drainSoon() {
        drainAgain.set(true);
        if (draining.compareAndSet(false, true)) {
            drainAgain.set(false);
            processPending(20).onComplete(ar -> {
                if (ar.failed()) {
                    LOG.warn("archiving failed: {}", ar.cause().toString());
                }
                draining.set(false);
                if (ar.succeeded() && drainAgain.get()) {
                    drainSoon();
                }
            });
        }
    }

    /** Archives due queued requests; returns how many were archived. A failure is retried later. */
    public Future<Integer> processPending(int max) {
        long now = clock.millis();
        return store.due(now, max).compose(ids -> {
            Future<Integer> chain = Future.succeededFuture(0);
            for (String id : ids) {
                chain = chain.compose(n -> archive(id, true).map(no -> no.isPresent() ? n + 1 : n).recover(e -> {
                    LOG.warn("archiving request {} failed, retrying later", id, e);
                    return store.retryLater(id, clock.millis() + RETRY_MS, e.toString()).map(n);
                }));
            }
            return chain;
        });
    }

    /** Archives a finished request now; empty when it was archived already (or another node claimed it). */
    public Future<Optional<String>> archive(String requestId) {
        return archive(requestId, false);
    }

    private Future<Optional<String>> archive(String requestId, boolean queued) {
        return archivist.gather(requestId).compose(body -> store.db().inTransaction(tx ->
            (queued ? store.claim(tx, requestId) : Future.succeededFuture(true)).compose(claimed -> !claimed
                ? Future.succeededFuture(Optional.<String>empty())
                : store.recordByRequest(tx, requestId).compose(existing -> existing.isPresent()
                    ? Future.succeededFuture(Optional.<String>empty())
                    : write(tx, body).map(Optional::of)))));
    }

    private Future<String> write(SqlConnection tx, JsonObject body) {
        long now = clock.millis();
        ZonedDateTime at = Instant.ofEpochMilli(now).atZone(ZONE);
        return store.nextNumbers(tx, at.getYear(), 1).compose(numbers -> {
            String no = numbers.get(0);
            String code = newCode();
            JsonObject full = body.copy().put("no", no).put("archivedAt", now).put("verificationCodeSha256", ArchiveHash.sha256(code))
                .put("retainUntil", at.plusYears(settings.retentionYears()).toInstant().toEpochMilli());
            return store.append(tx, List.of(new ArchiveEntry.New(ArchiveEntry.RECORD, no, now, full)))
                .compose(entries -> store.index(tx, List.of(indexRow(entries.get(0).seq(), code, full))))
                .map(no);
        });
    }

    static IndexRow indexRow(long seq, String code, JsonObject full) {
        JsonObject r = full.getJsonObject("request");
        JsonArray seals = full.getJsonArray("seals", new JsonArray());
        List<String> sealIds = seals.stream().map(s -> ((JsonObject) s).getString("id")).toList();
        String sealNames = String.join("、", seals.stream().map(s -> ((JsonObject) s).getString("name", "")).toList());
        JsonObject applicant = r.getJsonObject("applicant", new JsonObject());
        JsonObject dept = r.getJsonObject("department");
        return new IndexRow(seq, full.getString("no"), r.getString("id"), r.getString("no"), code, full.getLong("archivedAt"),
            r.getString("documentName"), r.getString("counterparty"), applicant.getString("id"), applicant.getString("name"),
            dept == null ? null : dept.getString("id"), dept == null ? null : dept.getString("name"), sealNames,
            full.getJsonArray("presses", new JsonArray()).size(), sealIds, Archivist.deviceIds(full));
    }

    String newCode() {
        char[] out = new char[CODE_LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)];
        }
        return new String(out);
    }

    /** Inside the reviewing transaction: a review of a press of an archived request becomes an addendum. */
    public Future<Void> reviewed(SqlConnection tx, String pressId, String requestId, String verdict, String comment, String userId) {
        if (requestId == null) {
            return Future.succeededFuture();
        }
        return store.recordByRequest(tx, requestId).compose(rec -> rec.isEmpty() ? Future.succeededFuture()
            : archivist.names(tx, userId == null ? Set.of() : Set.of(userId)).compose(names -> {
                long now = clock.millis();
                JsonObject body = new JsonObject().put("type", "REVIEW").put("pressId", pressId).put("verdict", verdict)
                    .put("comment", comment).put("by", Archivist.person(userId, names)).put("at", now);
                return store.append(tx, List.of(new ArchiveEntry.New(ArchiveEntry.ADDENDUM, rec.get().getString("no"), now, body)))
                    .mapEmpty();
            }));
    }

    static boolean seesAll(CurrentUser user) {
        return user.hasAnyRole(Role.AUDITOR, Role.ADMIN, Role.LEGAL);
    }

    Future<JsonObject> search(CurrentUser user, ArchiveSearch.Query query) {
        return search.search(seesAll(user) ? query : new ArchiveSearch.Query(query.q(), query.applicantId(), query.departmentId(),
            query.sealId(), query.deviceId(), query.from(), query.to(), query.page(), query.size(), user.id()));
    }

    /** The record with its addenda and integrity; 404 when the caller may not see it. */
    Future<JsonObject> detail(CurrentUser user, String no) {
        return visibleRecord(user, no).compose(this::detailOf);
    }

    /** The detail without an access check (export, evidence pack after the caller was checked). */
    Future<JsonObject> detailForSystem(String no) {
        return store.recordByNo(store.db().pool(), no)
            .compose(o -> detailOf(o.orElseThrow(() -> ProblemException.notFound("archive record " + no))));
    }

    private Future<JsonObject> detailOf(Row row) {
        return store.entriesOf(store.db().pool(), row.getString("no")).compose(entries ->
            integrity.check(store.db().pool(), row).map(check -> detailJson(row, entries, check)));
    }

    Future<Row> visibleRecord(CurrentUser user, String no) {
        return store.recordByNo(store.db().pool(), no).map(found -> {
            Row row = found.orElseThrow(() -> ProblemException.notFound("archive record " + no));
            if (!seesAll(user) && !user.id().equals(row.getString("applicant_id"))) {
                throw ProblemException.notFound("archive record " + no);
            }
            return row;
        });
    }

    private JsonObject detailJson(Row row, List<ArchiveEntry> entries, JsonObject check) {
        JsonObject out = ArchiveSearch.item(row);
        JsonArray addenda = new JsonArray();
        for (ArchiveEntry e : entries) {
            if (e.seq() == row.getLong("entry_seq")) {
                out.put("seq", e.seq()).put("hash", e.hash()).put("prevHash", e.prevHash()).put("record", e.bodyJson());
            } else {
                addenda.add(e.bodyJson().put("seq", e.seq()).put("hash", e.hash()).put("entryAt", e.at()));
            }
        }
        JsonObject record = out.getJsonObject("record", new JsonObject());
        return out.put("addenda", addenda).put("integrity", check).put("verifyUrl", settings.verifyUrl(row.getString("verification_code")))
            .put("retainUntil", record.getLong("retainUntil"));
    }

    /** What a stranger with the code may see, and whether the record still matches its hashes. */
    Future<JsonObject> verify(String code) {
        if (code == null || code.length() != CODE_LENGTH) {
            return Future.failedFuture(ProblemException.notFound("verification code"));
        }
        return store.recordByCode(store.db().pool(), code).compose(found -> {
            Row row = found.orElseThrow(() -> ProblemException.notFound("verification code"));
            return store.entriesOf(store.db().pool(), row.getString("no")).compose(entries ->
                integrity.check(store.db().pool(), row).map(check -> publicView(row, entries, check)));
        });
    }

    private static JsonObject publicView(Row row, List<ArchiveEntry> entries, JsonObject check) {
        JsonObject body = entries.stream().filter(e -> e.seq() == row.getLong("entry_seq")).findFirst()
            .map(ArchiveEntry::bodyJson).orElse(new JsonObject());
        JsonObject request = body.getJsonObject("request", new JsonObject());
        JsonArray seals = new JsonArray();
        body.getJsonArray("seals", new JsonArray()).forEach(s -> seals.add(((JsonObject) s).getString("name")));
        JsonArray photos = new JsonArray();
        body.getJsonArray("presses", new JsonArray()).forEach(p -> photos.add(new JsonObject()
            .put("at", ((JsonObject) p).getLong("at")).put("photoSha256", ((JsonObject) p).getString("photoSha256"))));
        boolean ok = check.getBoolean("ok");
        return new JsonObject().put("no", row.getString("no")).put("documentName", request.getString("documentName"))
            .put("company", body.getString("company")).put("seals", seals).put("submittedAt", request.getLong("submittedAt"))
            .put("finishedAt", request.getLong("finishedAt")).put("archivedAt", body.getLong("archivedAt"))
            .put("pressCount", photos.size()).put("presses", photos).put("addenda", entries.size() - 1)
            .put("status", ok ? "VALID" : "TAMPERED").put("integrity", new JsonObject().put("ok", ok)
                .put("storedHash", check.getString("storedHash")).put("recomputedHash", check.getString("recomputedHash"))
                .put("problems", new JsonArray(check.getJsonArray("checks").stream().map(JsonObject.class::cast)
                    .filter(c -> !c.getBoolean("ok")).map(c -> Map.of("check", c.getString("check"),
                        "detail", c.getString("detail") == null ? "" : c.getString("detail"))).toList())));
    }

    /** The whole chain, for auditors. */
    Future<JsonObject> verifyChain() {
        return integrity.chain(store.db().pool());
    }
}
