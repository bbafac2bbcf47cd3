package com.sealflow.server.device.broker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** What the server can do to live device sessions on its broker: cut one off (a disabled device). */
public interface BrokerSessions {

    /** Disconnects the client with this id now; false when it was not connected or the broker cannot. */
    CompletionStage<Boolean> disconnect(String clientId);

    /** For an external broker, where sessions are cut by revoking credentials there (see docs/mqtt-brokers.md). */
    BrokerSessions NONE = clientId -> CompletableFuture.completedFuture(false);
}
