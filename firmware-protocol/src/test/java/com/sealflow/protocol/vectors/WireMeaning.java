package com.sealflow.protocol.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sealflow.protocol.serial.AuthMethod;
import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Frame;
import com.sealflow.protocol.serial.LockState;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.MessageType;
import com.sealflow.protocol.serial.SessionEndReason;
import com.sealflow.protocol.serial.TamperKind;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The "decoded meaning" of a frame as test-vectors.json states it: header fields plus every payload
 * field under its PROTOCOL.md name. {@link #describe} and {@link #frame} are inverse; the vector test
 * checks both directions against the committed file.
 */
public final class WireMeaning {

    private static final HexFormat HEX = HexFormat.of();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private WireMeaning() {
    }

    /** Header and payload of {@code frame}, field names as in PROTOCOL.md sections 3 and 4. */
    public static ObjectNode describe(Frame frame) {
        ObjectNode node = JSON.objectNode();
        MessageType type = frame.message().type();
        node.put("version", frame.version());
        node.put("type", type.name());
        node.put("typeCode", String.format(Locale.ROOT, "0x%02x", type.code()));
        node.put("flags", frame.flags());
        node.put("seq", frame.seq());
        node.put("ack", frame.ack());
        node.set("payload", payload(frame.message()));
        return node;
    }

    private static ObjectNode payload(Message message) {
        ObjectNode p = JSON.objectNode();
        if (message instanceof Message.Hello m) {
            p.put("deviceId", m.deviceId());
            p.put("firmwareVersion", m.firmwareVersion());
            p.put("pressCounter", m.pressCounter());
            p.put("capabilities", m.capabilities());
            p.put("slotCount", m.slotCount());
            p.put("lastUnlockCounter", m.lastUnlockCounter());
            p.put("versionCount", m.protocolVersions().size());
            ArrayNode versions = p.putArray("versions");
            m.protocolVersions().forEach(versions::add);
        } else if (message instanceof Message.Status m) {
            p.put("lockState", m.lockState().name());
            p.put("sessionId", m.sessionId());
            p.put("remainingPresses", m.remainingPresses());
            p.put("secondsLeft", m.secondsLeft());
            p.put("doorOpen", m.doorOpen());
            p.put("tamperLatched", m.tamperLatched());
            p.put("pressCounter", m.pressCounter());
        } else if (message instanceof Message.Unlock m) {
            p.put("sessionId", m.sessionId());
            p.put("slot", m.slot());
            p.put("presses", m.presses());
            p.put("timeLimitSeconds", m.timeLimitSeconds());
            p.put("unlockCounter", m.unlockCounter());
            p.put("mac", HEX.formatHex(m.mac()));
        } else if (message instanceof Message.Lock m) {
            p.put("sessionId", m.sessionId());
        } else if (message instanceof Message.Auth m) {
            p.put("method", m.method().name());
            p.put("credential", m.credential());
        } else if (message instanceof Message.Press m) {
            p.put("sessionId", m.sessionId());
            p.put("pressCounter", m.pressCounter());
            p.put("remainingPresses", m.remainingPresses());
        } else if (message instanceof Message.SessionEnd m) {
            p.put("sessionId", m.sessionId());
            p.put("reason", m.reason().name());
            p.put("pressesUsed", m.pressesUsed());
        } else if (message instanceof Message.Door m) {
            p.put("open", m.open());
        } else if (message instanceof Message.Slot m) {
            p.put("slot", m.slot());
            p.put("present", m.present());
        } else if (message instanceof Message.Tamper m) {
            p.put("kind", m.kind().name());
        } else if (message instanceof Message.Nack m) {
            p.put("code", m.code().name());
        }
        return p;
    }

    /** The frame a stated meaning stands for; throws if the meaning is inconsistent. */
    public static Frame frame(JsonNode node) {
        MessageType type = MessageType.valueOf(node.get("type").asText());
        String typeCode = String.format(Locale.ROOT, "0x%02x", type.code());
        if (!typeCode.equals(node.get("typeCode").asText())) {
            throw new IllegalArgumentException("typeCode " + node.get("typeCode") + " is not " + type + "'s " + typeCode);
        }
        return new Frame(node.get("version").asInt(), node.get("flags").asInt(), node.get("seq").asInt(), node.get("ack").asInt(),
                message(type, node.get("payload")));
    }

    private static Message message(MessageType type, JsonNode p) {
        return switch (type) {
            case HELLO -> {
                List<Integer> versions = new ArrayList<>();
                p.get("versions").forEach(v -> versions.add(v.asInt()));
                if (p.get("versionCount").asInt() != versions.size()) {
                    throw new IllegalArgumentException("versionCount disagrees with versions");
                }
                yield new Message.Hello(p.get("deviceId").asText(), p.get("firmwareVersion").asText(), p.get("pressCounter").asLong(),
                        p.get("capabilities").asInt(), p.get("slotCount").asInt(), p.get("lastUnlockCounter").asLong(), versions);
            }
            case STATUS -> new Message.Status(LockState.valueOf(p.get("lockState").asText()), p.get("sessionId").asLong(),
                    p.get("remainingPresses").asInt(), p.get("secondsLeft").asInt(), p.get("doorOpen").asBoolean(),
                    p.get("tamperLatched").asBoolean(), p.get("pressCounter").asLong());
            case UNLOCK -> new Message.Unlock(p.get("sessionId").asLong(), p.get("slot").asInt(), p.get("presses").asInt(),
                    p.get("timeLimitSeconds").asInt(), p.get("unlockCounter").asLong(), HEX.parseHex(p.get("mac").asText()));
            case LOCK -> new Message.Lock(p.get("sessionId").asLong());
            case AUTH -> new Message.Auth(AuthMethod.valueOf(p.get("method").asText()), p.get("credential").asText());
            case PRESS -> new Message.Press(p.get("sessionId").asLong(), p.get("pressCounter").asLong(), p.get("remainingPresses").asInt());
            case SESSION_END -> new Message.SessionEnd(p.get("sessionId").asLong(), SessionEndReason.valueOf(p.get("reason").asText()),
                    p.get("pressesUsed").asInt());
            case DOOR -> new Message.Door(p.get("open").asBoolean());
            case SLOT -> new Message.Slot(p.get("slot").asInt(), p.get("present").asBoolean());
            case TAMPER -> new Message.Tamper(TamperKind.valueOf(p.get("kind").asText()));
            case ACK -> new Message.Ack();
            case NACK -> new Message.Nack(ErrorCode.valueOf(p.get("code").asText()));
            case HEARTBEAT -> new Message.Heartbeat();
        };
    }
}
