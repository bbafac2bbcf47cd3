package com.sealflow.server.approval;

import java.util.Map;

/**
 * Starts the latest published version of {@code flowKey} for {@code businessKey} (the request id; one instance per key).
 * {@code facts} feed conditions and resolvers: {@code amount} (BigDecimal, yuan), {@code documentType}, {@code sealType}
 * (string or list), {@code sealId} / {@code sealIds}, {@code copies}, {@code takeOut} (boolean), {@code
 * takeOut.expectedReturnAt} (epoch millis), {@code applicant.departmentId}, {@code applicant.roles} (list), {@code
 * form.<field>}, and {@code approvers.<nodeId>} (list of user ids for APPLICANT_SELECT). Keys may be flat with dots or
 * nested maps.
 */
public record StartCommand(String flowKey, String businessKey, String applicantId, Map<String, Object> facts,
                           String idempotencyKey) {
}
