package com.sealflow.server.request;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Implemented by the device module. Both methods run inside the transaction that caused them (write the
 * unlock grant and the outbox row on {@code conn}); a failed future rolls the whole action back.
 */
public interface SealActionListener {

    /** Does nothing: the default until the device module registers itself. */
    SealActionListener NONE = new SealActionListener() {
        @Override
        public Future<Void> sealActionDue(SqlConnection conn, SealActionDue due) {
            return Future.succeededFuture();
        }
    };

    Future<Void> sealActionDue(SqlConnection conn, SealActionDue due);

    default Future<Void> sealActionCancelled(SqlConnection conn, SealActionCancelled cancelled) {
        return Future.succeededFuture();
    }
}
