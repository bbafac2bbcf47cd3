package com.sealflow.server.device;

import io.vertx.core.Future;
import java.util.List;

/**
 * SPI the request module implements: the device side of a HANDLE task is finished. Called after the transaction
 * that recorded the last device result has committed, and again (from the timer) until it succeeds, so an
 * implementation must be idempotent (the request module's {@code completeHandle} is). A failed future with a
 * 4xx problem (unknown task, request no longer in progress) is final; any other failure is retried.
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
    Future<Void> devicesFinished(String requestId, String handleTaskId, String outcome, List<SealUsage> usage);

    HandleCompletion NONE = (requestId, handleTaskId, outcome, usage) -> Future.succeededFuture();
}
