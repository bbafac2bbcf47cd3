package com.sealflow.server.flowapi;

import io.vertx.core.Future;
import java.util.Map;

/** The applicant's part of a flow's facts ({@code applicant.departmentId}, {@code applicant.roles}) for simulation. */
@FunctionalInterface
public interface ApplicantFacts {

    /** Fails with a 422 (field applicantId) when there is no such user. */
    Future<Map<String, Object>> of(String applicantId);
}
