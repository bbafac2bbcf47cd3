package com.sealflow.server.seal;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A validated seal registration or edit, as sent by an admin. */
record SealInput(
    String code,
    String name,
    SealType type,
    String departmentId,
    String custodianId,
    String backupCustodianId,
    String deviceId,
    Integer slot,
    String filingCode,
    String impressionFileId,
    List<DocumentType> allowedDocumentTypes,
    String flowKey) {

    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Set<String> READ_ONLY = Set.of("id", "status", "version", "createdAt", "updatedAt");
    private static final Set<String> KNOWN = Set.of("code", "name", "type", "departmentId", "custodianId",
        "backupCustodianId", "deviceId", "slot", "filingCode", "impressionFileId", "allowedDocumentTypes", "flowKey");

    static SealInput parse(JsonObject body) {
        Fields f = new Fields(body);
        SealInput input = new SealInput(
            f.matching("code", true, CODE, "letters, digits, '_', '.', '-' (at most 64)"),
            f.text("name", true, 100),
            f.enumValue("type", SealType.class, true),
            f.matching("departmentId", false, ID, "is not an id"),
            f.matching("custodianId", true, ID, "is not an id"),
            f.matching("backupCustodianId", false, ID, "is not an id"),
            f.matching("deviceId", false, ID, "is not an id"),
            f.integer("slot", false, 1, 999),
            f.text("filingCode", false, 13),
            f.matching("impressionFileId", false, ID, "is not an id"),
            f.enumList("allowedDocumentTypes", DocumentType.class),
            f.matching("flowKey", false, KEY, "lower-case letters, digits and '-'"));
        if (input.filingCode() != null && FilingCode.problem(input.filingCode()) != null) {
            f.error("filingCode", FilingCode.problem(input.filingCode()));
        }
        if (input.slot() != null && input.deviceId() == null) {
            f.error("slot", "a slot needs a deviceId");
        }
        f.check();
        return input;
    }

    /** A PATCH: the fields given replace the seal's; status changes only through the lifecycle actions. */
    static SealInput patch(Seal current, JsonObject patch) {
        Fields f = new Fields(patch);
        for (String key : patch.fieldNames()) {
            if (READ_ONLY.contains(key)) {
                f.error(key, "cannot be changed here" + ("status".equals(key) ? "; use suspend, resume, report-lost or destroy" : ""));
            } else if (!KNOWN.contains(key)) {
                f.error(key, "unknown field");
            }
        }
        f.check();
        JsonObject merged = current.toJson();
        patch.forEach(e -> merged.put(e.getKey(), e.getValue()));
        if (patch.containsKey("deviceId") && patch.getValue("deviceId") == null) {
            merged.putNull("slot");
        }
        return parse(merged);
    }
}
