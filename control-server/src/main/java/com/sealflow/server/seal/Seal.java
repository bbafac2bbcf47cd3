package com.sealflow.server.seal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * The seal aggregate. Immutable: every transition returns the next state or refuses with a 409, so no
 * caller can put a seal into a state the lifecycle does not allow.
 *
 * @param slot cabinet slot from 1, or {@code null} for a smart seal device's only seal
 */
public record Seal(
    String id,
    String code,
    String name,
    SealType type,
    SealStatus status,
    String departmentId,
    String custodianId,
    String backupCustodianId,
    String deviceId,
    Integer slot,
    String filingCode,
    String impressionFileId,
    List<DocumentType> allowedDocumentTypes,
    String flowKey,
    long version,
    long createdAt,
    long updatedAt) {

    public Seal {
        allowedDocumentTypes = List.copyOf(allowedDocumentTypes);
    }

    /** Empty {@code allowedDocumentTypes} means no restriction. */
    public boolean allows(DocumentType documentType) {
        return allowedDocumentTypes.isEmpty() || allowedDocumentTypes.contains(documentType);
    }

    /** The people who may act for this seal at a device: custodian first, then the backup if any. */
    public List<String> custodians() {
        return backupCustodianId == null || backupCustodianId.equals(custodianId)
            ? List.of(custodianId) : List.of(custodianId, backupCustodianId);
    }

    public boolean isCustodian(String userId) {
        return custodians().contains(userId);
    }

    Seal suspend(long now) {
        return move(Set.of(SealStatus.ACTIVE), SealStatus.SUSPENDED, "suspend", now);
    }

    Seal resume(long now) {
        return move(Set.of(SealStatus.SUSPENDED), SealStatus.ACTIVE, "resume", now);
    }

    Seal reportLost(long now) {
        return move(Set.of(SealStatus.ACTIVE, SealStatus.SUSPENDED, SealStatus.OUT), SealStatus.LOST, "report lost", now);
    }

    /** Destruction is final and releases the device binding so the slot can hold a new seal. */
    Seal destroy(long now) {
        Seal moved = move(Set.of(SealStatus.ACTIVE, SealStatus.SUSPENDED, SealStatus.LOST), SealStatus.DESTROYED, "destroy", now);
        return new Seal(id, code, name, type, moved.status(), departmentId, custodianId, backupCustodianId, null, null,
            filingCode, impressionFileId, allowedDocumentTypes, flowKey, moved.version(), createdAt, now);
    }

    Seal checkOut(long now) {
        return move(Set.of(SealStatus.ACTIVE), SealStatus.OUT, "check out", now);
    }

    Seal checkIn(long now) {
        return move(Set.of(SealStatus.OUT), SealStatus.ACTIVE, "check in", now);
    }

    private Seal move(Set<SealStatus> from, SealStatus to, String action, long now) {
        if (!from.contains(status)) {
            throw DomainException.conflict("seal-state", "cannot " + action + " a seal that is " + status);
        }
        return new Seal(id, code, name, type, to, departmentId, custodianId, backupCustodianId, deviceId, slot,
            filingCode, impressionFileId, allowedDocumentTypes, flowKey, version + 1, createdAt, now);
    }

    public JsonObject toJson() {
        return new JsonObject()
            .put("id", id).put("code", code).put("name", name).put("type", type.name()).put("status", status.name())
            .put("departmentId", departmentId).put("custodianId", custodianId).put("backupCustodianId", backupCustodianId)
            .put("deviceId", deviceId).put("slot", slot).put("filingCode", filingCode)
            .put("impressionFileId", impressionFileId)
            .put("allowedDocumentTypes", new JsonArray(allowedDocumentTypes.stream().map(Enum::name).toList()))
            .put("flowKey", flowKey).put("version", version).put("createdAt", createdAt).put("updatedAt", updatedAt);
    }
}
