package com.sealflow.agent.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sealflow.agent.clock.AgentClock;
import com.sealflow.agent.journal.Journal;
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
    private final Journal journal;
    private final Queue<Object[]> unsent = new ConcurrentLinkedQueue<>();

    public CommandResults(CloudLink link, String deviceId, AgentClock clock, Journal journal) {
        this.link = link;
        this.journal = journal;
        this.deviceId = deviceId;
        this.clock = clock;
    }

    public void rejected(String commandId, String reason) {
        send(commandId, "REJECTED", reason, null);
    }

    public void done(String commandId, Integer pressesUsed) {
        send(commandId, "DONE", null, pressesUsed);
    }

    /** An answer built before it is journaled: {@link #acceptedResult} then {@link #sendRecorded}. */
    public record Result(String commandId, String json) {
    }

    /** The ACCEPTED answer to {@code commandId}, for the caller to journal with the token (see {@link #sendRecorded}). */
    public Result acceptedResult(String commandId) {
        return new Result(commandId, commandId == null ? null : new String(payload(commandId, "ACCEPTED", null, null),
            java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Publishes an answer the caller has already journaled as the command's first result. */
    public void sendRecorded(Result result) {
        if (result.commandId() != null) {
            publish(new Object[] {Topics.commandResult(deviceId, result.commandId()),
                result.json().getBytes(java.nio.charset.StandardCharsets.UTF_8)});
        }
    }

    private void send(String commandId, String state, String reason, Integer pressesUsed) {
        if (commandId == null) {
            return;
        }
        byte[] payload = payload(commandId, state, reason, pressesUsed);
        try {
            journal.recordFirstResult(commandId, new String(payload, java.nio.charset.StandardCharsets.UTF_8), clock.wallMillis());
        } catch (java.sql.SQLException e) {
            org.slf4j.LoggerFactory.getLogger(CommandResults.class).warn("cannot remember result of {}: {}", commandId, e.toString());
        }
        publish(new Object[] {Topics.commandResult(deviceId, commandId), payload});
    }

    private byte[] payload(String commandId, String state, String reason, Integer pressesUsed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commandId", commandId);
        m.put("deviceId", deviceId);
        m.put("state", state);
        m.put("reason", reason);
        m.put("at", clock.wallMillis());
        m.put("pressesUsed", pressesUsed);
        try {
            return JSON.writeValueAsBytes(m);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A command seen before (QoS 1 redelivery, server retry): answers again with its first result and returns true;
     * the command must then not run again.
     */
    public boolean answerRepeat(String commandId) {
        try {
            java.util.Optional<String> first = journal.firstResult(commandId);
            first.ifPresent(r -> publish(new Object[] {Topics.commandResult(deviceId, commandId),
                    r.getBytes(java.nio.charset.StandardCharsets.UTF_8)}));
            return first.isPresent();
        } catch (java.sql.SQLException e) {
            return false;
        }
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

    /** Results still waiting to be published (their publish failed or the link was down). */
    public int unsentCount() {
        return unsent.size();
    }

    /** Publishes again what failed while the link stayed up; the agent's 1 s timer calls it. No-op while disconnected. */
    public void retryUnsent() {
        if (!unsent.isEmpty() && link.isConnected()) {
            flush();
        }
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
