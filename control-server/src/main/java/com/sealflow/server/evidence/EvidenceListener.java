package com.sealflow.server.evidence;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Told inside the intake's transaction when a press is recorded or an anomaly is flagged (statistics keep their
 * own copy this way and never read evidence tables). A failed future rolls the intake back, so keep it simple.
 */
public interface EvidenceListener {

    /** A press was recorded; {@code sealId} and {@code requestId} may be null (a press without a session). */
    record Press(String pressId, String deviceId, String sealId, String requestId, long at) {
    }

    /**
     * A flag was raised; {@code pressId} is null when the flag is about the device, not a press. {@code id} is the flag's
     * own id, the same when it is resolved (null from a teller without one).
     */
    record Anomaly(String kind, String deviceId, String pressId, long at, String id) {
        public Anomaly(String kind, String deviceId, String pressId, long at) {
            this(kind, deviceId, pressId, at, null);
        }
    }

    default Future<Void> onPress(SqlConnection tx, Press press) {
        return Future.succeededFuture();
    }

    default Future<Void> onAnomaly(SqlConnection tx, Anomaly anomaly) {
        return Future.succeededFuture();
    }

    /**
     * A flag told earlier (same id; kind, device, press and time as told) was resolved: a chain gap whose events all
     * arrived. Told once per flag.
     */
    default Future<Void> onAnomalyResolved(SqlConnection tx, Anomaly anomaly) {
        return Future.succeededFuture();
    }
}
