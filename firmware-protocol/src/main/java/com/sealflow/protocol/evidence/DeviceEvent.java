package com.sealflow.protocol.evidence;

import java.math.BigInteger;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One journaled device event, the unit the device signs and hash-chains (TOKENS.md, "Evidence").
 * The body is flat: text keys, values that are text, whole numbers, booleans or null, so that it
 * survives a JSON round trip unchanged; whole numbers are held as {@code Long}.
 *
 * @param eventId     unique id (UUID string); the server ingests by it idempotently
 * @param deviceId    the device that journaled it
 * @param seq         the device's event sequence number: 1 for its first event, then +1 each
 * @param type        a {@link DeviceEventType} name (text, so newer agents may add types)
 * @param at          device wall clock, epoch ms
 * @param monotonicMs device monotonic clock, ms (reveals wall-clock jumps and offline gaps)
 * @param body        type-specific fields, see {@link DeviceEventType}
 * @param prevHash    hex SHA-256 of the previous event of this device, {@link #GENESIS} for the first
 */
public record DeviceEvent(String eventId, String deviceId, long seq, String type, long at, long monotonicMs,
                          Map<String, Object> body, String prevHash) {

    /** prevHash of a device's first event. */
    public static final String GENESIS = "0".repeat(64);

    public DeviceEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(prevHash, "prevHash");
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
        if (!isLowerHex64(prevHash)) {
            throw new IllegalArgumentException("prevHash must be 64 lower-case hex digits");
        }
        body = normalise(body);
    }

    /** 64 lower-case hex digits; checked for every event the server takes in, so without a regular expression. */
    private static boolean isLowerHex64(String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> normalise(Map<String, ?> body) {
        TreeMap<String, Object> copy = new TreeMap<>();
        if (body != null) {
            body.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "body key"), scalar(key, value)));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object scalar(String key, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        throw new IllegalArgumentException("body." + key + " must be text, a whole number, a boolean or null, was "
                + value.getClass().getSimpleName());
    }
}
