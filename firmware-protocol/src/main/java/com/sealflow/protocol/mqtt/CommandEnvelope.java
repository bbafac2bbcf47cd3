package com.sealflow.protocol.mqtt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON payload on {@code cmd/{name}}.
 *
 * @param commandId unique id; the agent answers on {@code cmd-res/{commandId}} and ignores repeats
 * @param deviceId  target device (also in the topic; the agent refuses a mismatch)
 * @param name      one of {@link CommandNames}
 * @param sentAt    server wall clock, epoch ms
 * @param params    command-specific fields (strings, numbers, booleans), see {@link CommandNames}
 */
public record CommandEnvelope(String commandId, String deviceId, String name, long sentAt, Map<String, Object> params) {

    public CommandEnvelope {
        // Not Map.copyOf: JSON may carry explicit nulls, which it would reject.
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static CommandEnvelope unlock(String commandId, String deviceId, String encodedToken, long sentAt) {
        return new CommandEnvelope(commandId, deviceId, CommandNames.UNLOCK, sentAt, Map.of("token", encodedToken));
    }

    public static CommandEnvelope revoke(String commandId, String deviceId, String tokenId, String reason, long sentAt) {
        return new CommandEnvelope(commandId, deviceId, CommandNames.REVOKE, sentAt, Map.of("tokenId", tokenId, "reason", reason));
    }

    public static CommandEnvelope ping(String commandId, String deviceId, long sentAt) {
        return new CommandEnvelope(commandId, deviceId, CommandNames.PING, sentAt, Map.of());
    }
}
