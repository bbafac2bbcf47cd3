package com.sealflow.server.request;

import com.sealflow.server.seal.Actor;
import com.sealflow.server.seal.Seal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The facts a flow's conditions read (DESIGN §3): the request's fields, its seals and its applicant. */
final class Facts {

    private Facts() {
    }

    static Map<String, Object> of(SealRequest r, SealNorms.Checked checked, Actor applicant) {
        Map<String, Object> facts = new HashMap<>();
        if (r.amount() != null) {
            facts.put("amount", r.amount());
        }
        facts.put("documentType", r.documentType().name());
        facts.put("sealType", checked.mostSensitiveType().name());
        facts.put("sealTypes", checked.seals().stream().map(s -> s.type().name()).distinct().toList());
        facts.put("sealId", r.sealIds().get(0));
        facts.put("sealIds", r.sealIds());
        facts.put("copies", r.copies());
        facts.put("takeOut", r.type() == RequestType.TAKE_OUT);
        facts.put("requestType", r.type().name());
        if (r.takeOut() != null) {
            facts.put("takeOut.expectedReturnAt", r.takeOut().expectedReturnAt());
            facts.put("takeOut.destination", r.takeOut().destination());
        }
        facts.put("applicant.id", applicant.id());
        facts.put("applicant.departmentId", applicant.departmentId());
        facts.put("applicant.roles", List.copyOf(new TreeSet<>(applicant.roles())));
        Map<String, Object> form = r.form().getMap();
        form.forEach((k, v) -> facts.put("form." + k, v));
        facts.put("form", java.util.Collections.unmodifiableMap(new HashMap<>(form)));
        return facts;
    }

    static List<String> sealIds(List<Seal> seals) {
        return seals.stream().map(Seal::id).toList();
    }
}
