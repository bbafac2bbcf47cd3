package com.sealflow.simulator.device;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the simulator needs from the edge agent running a virtual device: its view for the panel
 * and the network switch. {@link #none()} is a device whose MCU line nobody drives (tests play
 * the agent themselves).
 */
public interface AgentHandle extends AutoCloseable {

    /** {@code CONNECTED}, {@code CONNECTING}, {@code DOWN} (network cut) or {@code NONE}. */
    String mqttState();

    /** Tokens the agent has accepted and not yet used: objects with tokenId, requestId, custodian, presses, expiresAt. */
    JsonArray armedTokens();

    /** Cuts (false) or restores (true) the agent's network: its MQTT link and uploads. */
    void network(boolean up);

    boolean networkUp();

    /** Network chaos: latency per relayed chunk and the chance a chunk drops its connection. */
    default void networkChaos(long delayMillis, double dropRate) {
        throw new UnsupportedOperationException("this device has no network to disturb");
    }

    /** Agent internals for the panel and scenario checks (journal depth, errors); empty without an agent. */
    default JsonObject details() {
        return new JsonObject();
    }

    @Override
    void close();

    static AgentHandle none() {
        return new AgentHandle() {
            private volatile boolean up = true;

            @Override
            public String mqttState() {
                return "NONE";
            }

            @Override
            public JsonArray armedTokens() {
                return new JsonArray();
            }

            @Override
            public void network(boolean up) {
                this.up = up;
            }

            @Override
            public boolean networkUp() {
                return up;
            }

            @Override
            public void close() {
            }
        };
    }
}
