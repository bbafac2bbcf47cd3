package com.sealflow.server.request;

import com.sealflow.server.seal.DocumentType;
import com.sealflow.server.seal.DomainException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The request aggregate. Immutable; each transition checks the current status and returns the next
 * state, so the rules of DESIGN §6 live here and nowhere else. Approval-driven transitions
 * ({@link #returned}, {@link #rejected}, {@link #completed}) are applied when the engine reports them.
 */
public record SealRequest(
    String id,
    String no,
    RequestType type,
    RequestStatus status,
    boolean frozen,
    String applicantId,
    String departmentId,
    List<String> sealIds,
    DocumentType documentType,
    String documentName,
    int copies,
    String reason,
    BigDecimal amount,
    String counterparty,
    TakeOut takeOut,
    JsonObject form,
    List<String> fileIds,
    String flowKey,
    Integer flowVersion,
    String instanceId,
    Long lastUrgedAt,
    long version,
    long createdAt,
    long updatedAt,
    Long submittedAt,
    Long finishedAt) {

    /** Urging the current approvers is allowed at most once per this many milliseconds. */
    public static final long URGE_INTERVAL_MS = 30 * 60 * 1000L;

    public SealRequest {
        sealIds = List.copyOf(sealIds);
        fileIds = List.copyOf(fileIds);
        form = form.copy();
    }

    /** Where a take-out goes and when it is due back. */
    public record TakeOut(long expectedReturnAt, String destination) {
    }

    SealRequest edited(RequestInput in, String newFlowKey, long now) {
        require(Set.of(RequestStatus.DRAFT, RequestStatus.RETURNED), "edit");
        return new SealRequest(id, no, in.type(), status, frozen, applicantId, departmentId, in.sealIds(), in.documentType(),
            in.documentName(), in.copies(), in.reason(), in.amount(), in.counterparty(), in.takeOut(), in.form(), in.fileIds(),
            newFlowKey, flowVersion, instanceId, lastUrgedAt, version + 1, createdAt, now, submittedAt, finishedAt);
    }

    SealRequest submitted(String newInstanceId, Integer newFlowVersion, long now) {
        requireNotFrozen();
        require(Set.of(RequestStatus.DRAFT, RequestStatus.RETURNED), "submit");
        return with(RequestStatus.IN_PROGRESS, frozen, newInstanceId, newFlowVersion, lastUrgedAt, now, now, null);
    }

    SealRequest withdrawn(long now) {
        require(Set.of(RequestStatus.DRAFT, RequestStatus.IN_PROGRESS, RequestStatus.RETURNED), "withdraw");
        return with(RequestStatus.WITHDRAWN, frozen, instanceId, flowVersion, lastUrgedAt, now, submittedAt, now);
    }

    SealRequest urged(long now) {
        require(Set.of(RequestStatus.IN_PROGRESS), "urge");
        if (lastUrgedAt != null && now - lastUrgedAt < URGE_INTERVAL_MS) {
            long waitMinutes = (URGE_INTERVAL_MS - (now - lastUrgedAt) + 59_999) / 60_000;
            throw new DomainException(429, "urge-too-soon", "approvers were urged recently; try again in " + waitMinutes + " min");
        }
        return with(status, frozen, instanceId, flowVersion, now, now, submittedAt, finishedAt);
    }

    SealRequest returned(long now) {
        require(Set.of(RequestStatus.IN_PROGRESS), "return");
        return with(RequestStatus.RETURNED, frozen, instanceId, flowVersion, lastUrgedAt, now, submittedAt, null);
    }

    SealRequest rejected(long now) {
        require(Set.of(RequestStatus.IN_PROGRESS, RequestStatus.RETURNED), "reject");
        return with(RequestStatus.REJECTED, frozen, instanceId, flowVersion, lastUrgedAt, now, submittedAt, now);
    }

    SealRequest completed(long now) {
        require(Set.of(RequestStatus.IN_PROGRESS), "complete");
        return with(RequestStatus.COMPLETED, frozen, instanceId, flowVersion, lastUrgedAt, now, submittedAt, now);
    }

    /** A seal on this request was reported lost: no further approval or stamping until an admin decides. */
    SealRequest frozenForLostSeal(long now) {
        require(Set.of(RequestStatus.DRAFT, RequestStatus.IN_PROGRESS, RequestStatus.RETURNED), "freeze");
        return with(status, true, instanceId, flowVersion, lastUrgedAt, now, submittedAt, finishedAt);
    }

    void requireNotFrozen() {
        if (frozen) {
            throw frozenProblem(no);
        }
    }

    static DomainException frozenProblem(String no) {
        return DomainException.conflict("request-frozen", "request " + no + " is frozen: one of its seals was reported lost");
    }

    private void require(Set<RequestStatus> from, String action) {
        if (!from.contains(status)) {
            throw DomainException.conflict("request-state", "cannot " + action + " request " + no + ": it is " + status);
        }
    }

    private SealRequest with(RequestStatus s, boolean f, String inst, Integer fv, Long urged, long now, Long submitted, Long finished) {
        return new SealRequest(id, no, type, s, f, applicantId, departmentId, sealIds, documentType, documentName, copies, reason,
            amount, counterparty, takeOut, form, fileIds, flowKey, fv, inst, urged, version + 1, createdAt, now, submitted, finished);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
            .put("id", id).put("no", no).put("type", type.name()).put("status", status.name()).put("frozen", frozen)
            .put("applicantId", applicantId).put("departmentId", departmentId).put("sealIds", new JsonArray(sealIds))
            .put("documentType", documentType.name()).put("documentName", documentName).put("copies", copies)
            .put("reason", reason).put("amount", amount).put("counterparty", counterparty)
            .put("form", form.copy()).put("fileIds", new JsonArray(fileIds))
            .put("flow", new JsonObject().put("key", flowKey).put("version", flowVersion))
            .put("createdAt", createdAt).put("updatedAt", updatedAt).put("submittedAt", submittedAt).put("finishedAt", finishedAt);
        json.put("takeOut", takeOut == null ? null
            : new JsonObject().put("expectedReturnAt", takeOut.expectedReturnAt()).put("destination", takeOut.destination()));
        return json;
    }
}
