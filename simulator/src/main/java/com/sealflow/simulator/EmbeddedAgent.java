package com.sealflow.simulator;

import com.sealflow.agent.EdgeAgent;
import com.sealflow.agent.health.AgentStatus;
import com.sealflow.simulator.chaos.NetworkProxy;
import com.sealflow.simulator.device.AgentHandle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A running edge agent as the panel sees it; its network is the pair of proxies in front of broker and server. */
final class EmbeddedAgent implements AgentHandle {

    private final EdgeAgent agent;
    private final NetworkProxy mqtt;
    private final NetworkProxy http;

    EmbeddedAgent(EdgeAgent agent, NetworkProxy mqtt, NetworkProxy http) {
        this.agent = agent;
        this.mqtt = mqtt;
        this.http = http;
    }

    EdgeAgent agent() {
        return agent;
    }

    @Override
    public String mqttState() {
        if (!mqtt.up()) {
            return "DOWN";
        }
        return agent.status().mqttConnected() ? "CONNECTED" : "CONNECTING";
    }

    @Override
    public JsonArray armedTokens() {
        AgentStatus status = agent.status();
        JsonArray tokens = new JsonArray();
        for (String id : status.armedTokens()) {
            tokens.add(new JsonObject().put("tokenId", id).put("state", "ARMED"));
        }
        if (status.activeToken() != null) {
            tokens.add(new JsonObject().put("tokenId", status.activeToken()).put("state", "IN_SESSION")
                    .put("presses", status.sessionPresses()));
        }
        return tokens;
    }

    @Override
    public void network(boolean up) {
        if (up) {
            mqtt.restore();
            http.restore();
        } else {
            mqtt.cut();
            http.cut();
        }
    }

    @Override
    public void networkChaos(long delayMillis, double dropRate) {
        for (NetworkProxy proxy : new NetworkProxy[] {mqtt, http}) {
            proxy.delayMillis(delayMillis);
            proxy.dropRate(dropRate);
        }
    }

    @Override
    public boolean networkUp() {
        return mqtt.up();
    }

    @Override
    public JsonObject details() {
        AgentStatus s = agent.status();
        return new JsonObject().put("agentDeviceId", s.deviceId()).put("mcuUp", s.mcuUp()).put("journalEvents", s.journalEvents())
                .put("unpublishedEvents", s.unpublishedEvents()).put("photosPending", s.photosPending()).put("lastSeq", s.lastSeq())
                .put("storeFull", s.storeFull()).put("lastErrors", new JsonObject(new java.util.HashMap<>(s.lastErrors())));
    }

    @Override
    public void close() {
        agent.close();
        mqtt.close();
        http.close();
    }
}
