package com.sealflow.agent.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sealflow.agent.clock.AgentClock;
import com.sealflow.agent.mqtt.CloudLink;
import com.sealflow.protocol.mqtt.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Publishes {@code cmd-res/{commandId}} (ACCEPTED | REJECTED{reason} | DONE{pressesUsed}). A result that could not
 * be delivered (link down) is kept in memory and sent again on the next connect.
 */
public final class CommandResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudLink link;
    private final String deviceId;
    private final AgentClock clock;
    private final Queue<Object[]> unsent = new ConcurrentLinkedQueue<>();

    public CommandResults(CloudLink link, String deviceId, AgentClock clock) {
        this.link = link;
        this.deviceId = deviceId;
        this.clock = clock;
    }

    public void accepted(String commandId) {
        send(commandId, "ACCEPTED", null, null);
    }

    public void rejected(String commandId, String reason) {
        send(commandId, "REJECTED", reason, null);
    }

    public void done(String commandId, Integer pressesUsed) {
        send(commandId, "DONE", null, pressesUsed);
    }

    private void send(String commandId, String state, String reason, Integer pressesUsed) {
        if (commandId == null) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commandId", commandId);
        m.put("deviceId", deviceId);
        m.put("state", state);
        m.put("reason", reason);
        m.put("at", clock.wallMillis());
        m.put("pressesUsed", pressesUsed);
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(m);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        publish(new Object[] {Topics.commandResult(deviceId, commandId), payload});
    }

    private void publish(Object[] msg) {
        if (!link.isConnected()) {
            unsent.add(msg);
            return;
        }
        link.publish((String) msg[0], (byte[]) msg[1], false).whenComplete((ok, err) -> {
            if (err != null) {
                unsent.add(msg);
            }
        });
    }

    /** Called on (re)connect. */
    public void flush() {
        Object[] msg;
        int n = unsent.size();
        while (n-- > 0 && (msg = unsent.poll()) != null) {
            publish(msg);
        }
    }
}
