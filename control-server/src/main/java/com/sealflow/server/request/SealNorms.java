package com.sealflow.server.request;

import com.sealflow.server.seal.DomainException;
import com.sealflow.server.seal.Seal;
import com.sealflow.server.seal.SealService;
import com.sealflow.server.seal.SealType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The usage norms checked whenever a request is saved or submitted: its seals exist, are in use (not
 * suspended, out, lost or destroyed), may be pressed on this document type, and agree on one flow.
 */
final class SealNorms {

    /** Most sensitive first: a request's {@code sealType} fact is the most sensitive of its seals. */
    private static final List<SealType> SENSITIVITY = List.of(SealType.OFFICIAL, SealType.LEGAL_REP, SealType.FINANCE,
        SealType.CONTRACT, SealType.INVOICE, SealType.DEPARTMENT, SealType.OTHER);

    private final SealService seals;

    SealNorms(SealService seals) {
        this.seals = seals;
    }

    /** The seals in the request's order, and the flow to run. */
    record Checked(List<Seal> seals, String flowKey) {

        SealType mostSensitiveType() {
            return seals.stream().map(Seal::type).min((a, b) -> SENSITIVITY.indexOf(a) - SENSITIVITY.indexOf(b)).orElse(SealType.OTHER);
        }
    }

    Future<Checked> check(SqlClient client, RequestInput in) {
        return seals.byIds(client, in.sealIds()).map(found -> {
            List<Seal> ordered = new ArrayList<>();
            for (String id : in.sealIds()) {
                found.stream().filter(s -> s.id().equals(id)).findFirst().ifPresent(ordered::add);
            }
            if (ordered.size() != in.sealIds().size()) {
                throw DomainException.invalid("sealIds", "unknown seal");
            }
            for (Seal s : ordered) {
                if (!s.status().usable()) {
                    throw DomainException.conflict("seal-unavailable", "seal " + s.name() + " (" + s.code() + ") is " + s.status()
                        + " and cannot be requested");
                }
            }
            List<JsonObject> errors = new ArrayList<>();
            for (Seal s : ordered) {
                if (!s.allows(in.documentType())) {
                    errors.add(DomainException.fieldError("documentType", "seal " + s.name() + " may only be used on "
                        + s.allowedDocumentTypes()));
                }
                if (in.type() == RequestType.TAKE_OUT && s.deviceId() == null) {
                    errors.add(DomainException.fieldError("sealIds", "seal " + s.name() + " is not kept in a device or cabinet"));
                }
            }
            Set<String> flows = new LinkedHashSet<>();
            ordered.forEach(s -> flows.add(s.flowKey() == null || in.type() == RequestType.TAKE_OUT
                ? in.type().defaultFlowKey() : s.flowKey()));
            if (flows.size() > 1) {
                errors.add(DomainException.fieldError("sealIds", "these seals follow different flows " + flows
                    + "; request them separately"));
            }
            if (!errors.isEmpty()) {
                throw DomainException.invalid(errors);
            }
            return new Checked(ordered, flows.iterator().next());
        });
    }
}
