package com.sealflow.server.device;

import java.util.regex.Pattern;

/** The MQTT topic tree of DEVICE-CONTRACT: {@code sealflow/v1/dev/{deviceId}/...}; a device reaches only its own. */
public final class Topics {

    public static final String ROOT = "sealflow/v1/dev/";
    /** Shared-subscription group: every server node joins it, so each device message reaches one node. */
    public static final String SHARE_GROUP = "sealflow";

    /** Device ids are used inside topics and ACL patterns: no wildcards, separators or spaces. */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private Topics() {
    }

    public static boolean validDeviceId(String id) {
        return id != null && DEVICE_ID.matcher(id).matches();
    }

    public static String deviceRoot(String deviceId) {
        return ROOT + deviceId + "/";
    }

    public static String command(String deviceId, String name) {
        return deviceRoot(deviceId) + "cmd/" + name;
    }

    public static String events(String deviceId) {
        return deviceRoot(deviceId) + "evt";
    }

    public static String status(String deviceId) {
        return deviceRoot(deviceId) + "status";
    }

    public static String commandResult(String deviceId, String commandId) {
        return deviceRoot(deviceId) + "cmd-res/" + commandId;
    }

    /** {@code $share/sealflow/sealflow/v1/dev/+/<leaf>}: one member of the group gets each message. */
    public static String shared(String leafFilter) {
        return "$share/" + SHARE_GROUP + "/" + ROOT + "+/" + leafFilter;
    }

    /** The device id in a device topic, or null when the topic is not one. */
    public static String deviceIdOf(String topic) {
        if (topic == null || !topic.startsWith(ROOT)) {
            return null;
        }
        int end = topic.indexOf('/', ROOT.length());
        return end < 0 ? null : topic.substring(ROOT.length(), end);
    }

    /** What follows the device id: {@code evt}, {@code status}, {@code cmd-res/<id>}. */
    public static String leafOf(String topic) {
        String id = deviceIdOf(topic);
        return id == null ? null : topic.substring(ROOT.length() + id.length() + 1);
    }
}
