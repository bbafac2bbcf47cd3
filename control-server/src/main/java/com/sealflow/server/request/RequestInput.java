package com.sealflow.server.request;

import com.sealflow.server.seal.DocumentType;
import com.sealflow.server.seal.Fields;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** A validated create or edit of a request, as the applicant sends it (DESIGN §8). */
record RequestInput(
    RequestType type,
    List<String> sealIds,
    DocumentType documentType,
    String documentName,
    int copies,
    String reason,
    BigDecimal amount,
    String counterparty,
    SealRequest.TakeOut takeOut,
    JsonObject form,
    List<String> fileIds,
    boolean submit) {

    static final int MAX_SEALS = 10;
    static final int MAX_FILES = 20;
    static final int MAX_COPIES = 1000;
    private static final Set<String> KNOWN = Set.of("type", "sealIds", "documentType", "documentName", "copies", "reason",
        "amount", "counterparty", "takeOut", "form", "fileIds", "submit");

    static RequestInput parse(JsonObject body, long now) {
        Fields f = new Fields(body);
        for (String key : body.fieldNames()) {
            if (!KNOWN.contains(key)) {
                f.error(key, "unknown field");
            }
        }
        RequestType type = f.enumValue("type", RequestType.class, true);
        List<String> sealIds = f.textList("sealIds", 1, MAX_SEALS, 64);
        DocumentType documentType = f.enumValue("documentType", DocumentType.class, true);
        String documentName = f.text("documentName", true, 200);
        Integer copies = f.integer("copies", true, 1, MAX_COPIES);
        String reason = f.text("reason", true, 2000);
        BigDecimal amount = f.money("amount", false);
        String counterparty = f.text("counterparty", false, 200);
        SealRequest.TakeOut takeOut = takeOut(f, type, now);
        JsonObject form = f.object("form");
        List<String> fileIds = f.textList("fileIds", 0, MAX_FILES, 64);
        Boolean submit = f.bool("submit");
        f.check();
        return new RequestInput(type, sealIds, documentType, documentName, copies, reason, amount, counterparty, takeOut,
            form == null ? new JsonObject() : form, fileIds, Boolean.TRUE.equals(submit));
    }

    /** An edit of a draft or returned request: the given fields replace the stored ones. */
    static RequestInput merge(SealRequest current, JsonObject patch, long now) {
        JsonObject merged = current.toJson();
        JsonObject base = new JsonObject();
        for (String key : KNOWN) {
            if (merged.containsKey(key) && merged.getValue(key) != null) {
                base.put(key, merged.getValue(key));
            }
        }
        if (current.amount() != null) {
            base.put("amount", current.amount().toPlainString());
        }
        patch.forEach(e -> base.put(e.getKey(), e.getValue()));
        return parse(base, now);
    }

    private static SealRequest.TakeOut takeOut(Fields f, RequestType type, long now) {
        JsonObject raw = f.object("takeOut");
        if (type != RequestType.TAKE_OUT) {
            if (raw != null) {
                f.error("takeOut", "only a TAKE_OUT request has take-out details");
            }
            return null;
        }
        if (raw == null) {
            f.error("takeOut", "is required for a TAKE_OUT request");
            return null;
        }
        Fields t = f.nested("takeOut", raw);
        Long due = t.epochMillis("expectedReturnAt", true);
        String destination = t.text("destination", true, 200);
        if (due != null && due <= now) {
            t.error("expectedReturnAt", "must be in the future");
            return null;
        }
        if (due == null || destination == null) {
            return null;
        }
        return new SealRequest.TakeOut(due, destination);
    }
}
