package com.sealflow.server.device.broker;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * An MQTT broker address as configured ({@code SEALFLOW_MQTT_URL}, e.g. {@code tcp://sealflow:secret@mqtt:1883}):
 * the URL Paho connects to (without user info) and the server's own credentials taken from the user info.
 */
public record MqttEndpoint(String url, String username, String password) {

    public static MqttEndpoint parse(String configured) {
        URI uri = URI.create(configured.trim());
        String user = null;
        String pass = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            pass = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        String scheme = uri.getScheme() == null ? "tcp" : uri.getScheme();
        int port = uri.getPort() > 0 ? uri.getPort() : ("ssl".equals(scheme) ? 8883 : 1883);
        return new MqttEndpoint(scheme + "://" + uri.getHost() + ":" + port, user, pass);
    }

    @Override
    public String toString() {
        return "MqttEndpoint[" + url + (username == null ? "" : ", user " + username) + "]";
    }
}
