package com.sealflow.server.approval;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Reacts to engine events inside the action's transaction: a failed future rolls the whole action back. Use it for
 * work that must be atomic with the approval (unlock grants, request status); use {@link ApprovalEngine#onCommitted}
 * for notifications and live updates.
 */
@FunctionalInterface
public interface ApprovalListener {

    Future<Void> onEvent(ApprovalEvent event, SqlConnection connection);
}
