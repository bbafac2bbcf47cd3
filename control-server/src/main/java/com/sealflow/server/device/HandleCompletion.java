package com.sealflow.server.device;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * SPI the request module implements: the device side of a HANDLE task is finished. Called inside the
 * transaction that records the last device result, so the task completes exactly once with it.
 */
@FunctionalInterface
public interface HandleCompletion {

    /** Copies actually used per seal, as the devices reported them. */
    record SealUsage(String sealId, String deviceId, String commandId, int copiesUsed) {
    }

    /**
     * Every unlock issued for {@code handleTaskId} has ended and at least one ended DONE.
     *
     * @param outcome DONE when all ended DONE, PARTIAL when some were rejected, expired or revoked
     */
    Future<Void> devicesFinished(SqlConnection tx, String requestId, String handleTaskId, String outcome, List<SealUsage> usage);

    HandleCompletion NONE = (tx, requestId, handleTaskId, outcome, usage) -> Future.succeededFuture();
}
