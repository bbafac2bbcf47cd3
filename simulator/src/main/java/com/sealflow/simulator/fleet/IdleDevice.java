package com.sealflow.simulator.fleet;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;

/**
 * An idle device as the broker sees it, without an agent's threads: one MQTT 5 connection made with the device's
 * own credentials, a retained OFFLINE will on its status topic, a QoS 1 subscription to its commands, a retained
 * ONLINE status, then only keep-alive pings. Ten thousand of these fit on one event loop, which is what lets one
 * load machine stand in for a fleet. The packets are written by hand (MQTT 5.0 §3.1–§3.14); only what an idle
 * device needs.
 */
final class IdleDevice {

    /** What enrolment handed the device: its id and MQTT credentials. */
    record Credentials(String deviceId, String username, String password) {
    }

    private static final int KEEP_ALIVE_SECONDS = 60;

    private final Vertx vertx;
    private final Credentials credentials;
    private NetSocket socket;
    private Buffer pending = Buffer.buffer();
    private Promise<Void> connack;
    private long pingTimer = -1;
    private volatile boolean connected;
    private Runnable onLost = () -> { };

    IdleDevice(Vertx vertx, Credentials credentials) {
        this.vertx = vertx;
        this.credentials = credentials;
    }

    String deviceId() {
        return credentials.deviceId();
    }

    boolean connected() {
        return connected;
    }

    void onLost(Runnable action) {
        this.onLost = action;
    }

    /** Connects, subscribes and announces ONLINE; completes when the broker accepted the connection. */
    Future<Void> connect(NetClient client, String host, int port) {
        connack = Promise.promise();
        return client.connect(port, host).compose(s -> {
            socket = s;
            s.handler(this::received);
            s.closeHandler(v -> lost());
            s.write(connectPacket());
            return connack.future();
        }).onSuccess(v -> {
            connected = true;
            String base = "sealflow/v1/dev/" + credentials.deviceId();
            socket.write(subscribePacket(1, base + "/cmd/#"));
            socket.write(publishPacket(2, base + "/status", status("ONLINE"), true));
            pingTimer = vertx.setPeriodic(KEEP_ALIVE_SECONDS * 1000L / 2, t -> socket.write(Buffer.buffer(new byte[] {(byte) 0xC0, 0})));
        });
    }

    void close() {
        if (socket != null) {
            socket.close();
        }
    }

    private void lost() {
        boolean was = connected;
        connected = false;
        if (pingTimer >= 0) {
            vertx.cancelTimer(pingTimer);
            pingTimer = -1;
        }
        if (connack != null && !connack.future().isComplete()) {
            connack.tryFail("connection closed before CONNACK");
        }
        if (was) {
            onLost.run();
        }
    }

    private void received(Buffer data) {
        pending = pending.appendBuffer(data);
        while (true) {
            int[] length = remainingLength(pending);
            if (length == null || pending.length() < 1 + length[1] + length[0]) {
                return;
            }
            int first = pending.getByte(0) & 0xFF;
            int type = first >> 4;
            Buffer body = pending.getBuffer(1 + length[1], 1 + length[1] + length[0]);
            pending = pending.getBuffer(1 + length[1] + length[0], pending.length());
            if (type == 2) {
                int reason = body.length() > 1 ? body.getByte(1) & 0xFF : 0xFF;
                if (reason == 0) {
                    connack.tryComplete();
                } else {
                    connack.tryFail("CONNACK reason 0x" + Integer.toHexString(reason));
                    socket.close();
                }
            } else if (type == 3 && ((first & 0x06) >> 1) == 1) {
                int topicLength = body.getUnsignedShort(0);
                int packetId = body.getUnsignedShort(2 + topicLength);
                socket.write(Buffer.buffer(new byte[] {0x40, 2, (byte) (packetId >> 8), (byte) packetId}));
            }
        }
    }

    /** {remaining length, bytes it took}, or null when the header is not complete yet. */
    private static int[] remainingLength(Buffer b) {
        int value = 0;
        for (int i = 1; i <= 4; i++) {
            if (b.length() <= i) {
                return null;
            }
            int digit = b.getByte(i) & 0xFF;
            value |= (digit & 0x7F) << (7 * (i - 1));
            if ((digit & 0x80) == 0) {
                return new int[] {value, i};
            }
        }
        throw new IllegalStateException("malformed remaining length");
    }

    private String status(String state) {
        return "{\"state\":\"" + state + "\",\"at\":" + System.currentTimeMillis() + ",\"firmware\":\"idle-1\",\"agentVersion\":\"idle\"}";
    }

    private Buffer connectPacket() {
        Buffer v = Buffer.buffer();
        string(v, "MQTT");
        v.appendByte((byte) 5);
        // username, password, will retain, will QoS 1, will flag, clean start
        v.appendByte((byte) (0x80 | 0x40 | 0x20 | 0x08 | 0x04 | 0x02));
        v.appendShort((short) KEEP_ALIVE_SECONDS);
        v.appendByte((byte) 0); // no connect properties
        string(v, credentials.username());
        v.appendByte((byte) 0); // no will properties
        string(v, "sealflow/v1/dev/" + credentials.deviceId() + "/status");
        binary(v, status("OFFLINE").getBytes(StandardCharsets.UTF_8));
        string(v, credentials.username());
        binary(v, credentials.password().getBytes(StandardCharsets.UTF_8));
        return packet(0x10, v);
    }

    private static Buffer subscribePacket(int packetId, String filter) {
        Buffer v = Buffer.buffer().appendShort((short) packetId).appendByte((byte) 0);
        string(v, filter);
        v.appendByte((byte) 1); // QoS 1
        return packet(0x82, v);
    }

    private static Buffer publishPacket(int packetId, String topic, String payload, boolean retain) {
        Buffer v = Buffer.buffer();
        string(v, topic);
        v.appendShort((short) packetId).appendByte((byte) 0);
        v.appendBytes(payload.getBytes(StandardCharsets.UTF_8));
        return packet(0x30 | 0x02 | (retain ? 1 : 0), v);
    }

    private static Buffer packet(int header, Buffer variable) {
        Buffer p = Buffer.buffer().appendByte((byte) header);
        int len = variable.length();
        do {
            int digit = len % 128;
            len /= 128;
            p.appendByte((byte) (len > 0 ? digit | 0x80 : digit));
        } while (len > 0);
        return p.appendBuffer(variable);
    }

    private static void string(Buffer b, String s) {
        binary(b, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void binary(Buffer b, byte[] bytes) {
        b.appendShort((short) bytes.length).appendBytes(bytes);
    }
}
