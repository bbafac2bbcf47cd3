package com.sealflow.agent.mqtt;

/** The per-device topic tree of DEVICE-CONTRACT.md: {@code sealflow/v1/dev/{deviceId}/...}. */
public record Topics(String deviceId) {

    public String root() {
        return "sealflow/v1/dev/" + deviceId;
    }

    public String commandFilter() {
        return root() + "/cmd/+";
    }

    public String commandPrefix() {
        return root() + "/cmd/";
    }

    public String commandResult(String commandId) {
        return root() + "/cmd-res/" + commandId;
    }

    public String events() {
        return root() + "/evt";
    }

    public String status() {
        return root() + "/status";
    }
}
