package com.sealflow.agent.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sealflow.agent.clock.AgentClock;
import com.sealflow.protocol.mqtt.CommandNames;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses {@code cmd/*} payloads and runs them off the MQTT thread, in arrival order. The receipt time of an unlock
 * is read on arrival, so queueing here counts against the token's TTL. Accepts the contract's flat payload
 * ({@code {"commandId","token",...}}) and the protocol's {@code CommandEnvelope} ({@code params.token}).
 */
public final class CommandDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SessionController sessions;
    private final CommandResults results;
    private final Consumer<JsonNode> configHandler;
    private final AgentClock clock;
    private final ExecutorService executor;
    private final Resend resend;

    /** Queues journaled events again for publishing; returns how many the journal still holds. */
    @FunctionalInterface
    public interface Resend {
        int events(long fromSeq, long toSeq) throws Exception;
    }

    /** The most events one {@code resend} may ask for. */
    static final long MAX_RESEND = 100_000;

    public CommandDispatcher(SessionController sessions, CommandResults results, Consumer<JsonNode> configHandler,
                             AgentClock clock, ExecutorService executor, Resend resend) {
        this.sessions = sessions;
        this.results = results;
        this.configHandler = configHandler;
        this.clock = clock;
        this.executor = executor;
        this.resend = resend;
    }

    public void dispatch(String name, byte[] payload) {
        long received = clock.monoNanos();
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            LOG.warn("cmd/{}: unreadable payload", name);
            return;
        }
        String commandId = text(root, "commandId");
        if (commandId == null) {
            LOG.warn("cmd/{} without commandId ignored", name);
            return;
        }
        executor.execute(() -> run(name, commandId, root, received));
    }

    private void run(String name, String commandId, JsonNode root, long received) {
        if (results.answerRepeat(commandId)) {
            LOG.info("cmd/{} {} repeated: answered with its first result", name, commandId);
            return;
        }
        try {
            switch (name) {
                case CommandNames.UNLOCK -> sessions.unlock(commandId, text(root, "token"), received);
                case CommandNames.REVOKE -> {
                    String tokenId = text(root, "tokenId");
                    if (tokenId == null) {
                        results.rejected(commandId, "BAD_FORMAT");
                    } else {
                        sessions.revoke(commandId, tokenId);
                    }
                }
                case CommandNames.CONFIG -> {
                    configHandler.accept(root.has("params") ? root.get("params") : root);
                    results.done(commandId, null);
                }
                case CommandNames.PING -> results.done(commandId, null);
                case CommandNames.RESEND -> resend(commandId, root);
                default -> results.rejected(commandId, "UNKNOWN_COMMAND");
            }
        } catch (RuntimeException e) {
            LOG.error("cmd/{} {} failed", name, commandId, e);
            results.rejected(commandId, "INTERNAL");
        }
    }

    private void resend(String commandId, JsonNode root) {
        long from = number(root, "fromSeq");
        long to = number(root, "toSeq");
        if (from < 1 || to < from || to - from >= MAX_RESEND) {
            results.rejected(commandId, "BAD_FORMAT");
            return;
        }
        try {
            int queued = resend.events(from, to);
            LOG.info("resend {}..{} asked by the server: {} event(s) queued again", from, to, queued);
            results.done(commandId, null);
        } catch (Exception e) {
            LOG.warn("resend {}..{} failed: {}", from, to, e.toString());
            results.rejected(commandId, "STORE_ERROR");
        }
    }

    private static long number(JsonNode root, String field) {
        String v = text(root, field);
        try {
            return v == null ? -1 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A field at the top level or under {@code params}. */
    private static String text(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if ((v == null || v.isNull()) && root.has("params")) {
            v = root.get("params").get(field);
        }
        return v == null || v.isNull() ? null : v.asText();
    }
}
