package com.sealflow.protocol.mqtt;

/**
 * MQTT topic names: {@code sealflow/v1/dev/{deviceId}/cmd/{name}} (down),
 * {@code .../cmd-res/{commandId}}, {@code .../evt} and {@code .../status} (up). Device ids and
 * other segments must not contain {@code / + #} (they would escape the per-device ACL).
 */
public final class Topics {

    public static final String ROOT = "sealflow/v1/dev/";
    public static final String COMMAND = "cmd";
    public static final String COMMAND_RESULT = "cmd-res";
    public static final String EVENTS = "evt";
    public static final String STATUS = "status";

    private Topics() {
    }

    public static String command(String deviceId, String name) {
        return device(deviceId) + COMMAND + "/" + segment(name);
    }

    public static String commandResult(String deviceId, String commandId) {
        return device(deviceId) + COMMAND_RESULT + "/" + segment(commandId);
    }

    public static String events(String deviceId) {
        return device(deviceId) + EVENTS;
    }

    public static String status(String deviceId) {
        return device(deviceId) + STATUS;
    }

    /** What an agent subscribes to: every command for itself. */
    public static String commandFilter(String deviceId) {
        return device(deviceId) + COMMAND + "/+";
    }

    /** What the server subscribes to for {@code kind} ("evt", "status", "cmd-res/+") of every device. */
    public static String allDevicesFilter(String kind) {
        return ROOT + "+/" + kind;
    }

    /** The same as a MQTT 5 shared subscription, so N server nodes split the load. */
    public static String sharedFilter(String group, String kind) {
        return "$share/" + segment(group) + "/" + allDevicesFilter(kind);
    }

    /** The device-relative prefix an ACL grants: {@code sealflow/v1/dev/{deviceId}/#}. */
    public static String deviceAclPattern(String deviceId) {
        return device(deviceId) + "#";
    }

    /** Splits a topic under {@link #ROOT}; null when it is not one of ours. */
    public static ParsedTopic parse(String topic) {
        if (topic == null || !topic.startsWith(ROOT)) {
            return null;
        }
        String[] parts = topic.substring(ROOT.length()).split("/", -1);
        if (parts.length < 2 || parts[0].isEmpty()) {
            return null;
        }
        String kind = parts[1];
        boolean withName = kind.equals(COMMAND) || kind.equals(COMMAND_RESULT);
        if (withName && parts.length == 3 && !parts[2].isEmpty()) {
            return new ParsedTopic(parts[0], kind, parts[2]);
        }
        if (!withName && parts.length == 2 && (kind.equals(EVENTS) || kind.equals(STATUS))) {
            return new ParsedTopic(parts[0], kind, null);
        }
        return null;
    }

    /**
     * A topic taken apart.
     *
     * @param deviceId the device segment
     * @param kind     cmd, cmd-res, evt or status
     * @param name     command name (cmd) or command id (cmd-res); null otherwise
     */
    public record ParsedTopic(String deviceId, String kind, String name) {
    }

    private static String device(String deviceId) {
        return ROOT + segment(deviceId) + "/";
    }

    private static String segment(String value) {
        if (value == null || value.isEmpty() || value.contains("/") || value.contains("+") || value.contains("#")) {
            throw new IllegalArgumentException("not a valid topic segment: " + value);
        }
        return value;
    }
}
