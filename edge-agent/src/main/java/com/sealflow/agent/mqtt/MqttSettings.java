package com.sealflow.agent.mqtt;

/** Where and as whom the agent connects; from enrolment, overridable by config. */
public record MqttSettings(String url, String clientId, String username, String password, String deviceId,
                           String firmware, String agentVersion) {

    @Override
    public String toString() {
        return "MqttSettings[url=" + url + ", clientId=" + clientId + ", username=" + username + ", password=<hidden>]";
    }
}
