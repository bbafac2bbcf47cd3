package com.sealflow.server.evidence;

import com.sealflow.protocol.evidence.ChainVerification;
import com.sealflow.protocol.evidence.DeviceEvent;
import com.sealflow.protocol.evidence.EvidenceCodec;
import com.sealflow.protocol.evidence.SignedDeviceEvent;
import com.sealflow.protocol.token.FastEd25519;
import io.vertx.core.json.JsonObject;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * An {@code evt} envelope (DEVICE-CONTRACT) turned into firmware-protocol's signed event. The photo hash is read
 * from the envelope's {@code photoSha256} or, as firmware-protocol puts it for PRESS, from {@code body.photoSha256}.
 */
record ParsedEvent(SignedDeviceEvent signed, String photoSha256) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    DeviceEvent event() {
        return signed.event();
    }

    Object body(String key) {
        return event().body().get(key);
    }

    String bodyText(String key) {
        return body(key) instanceof String s ? s : null;
    }

    Long bodyLong(String key) {
        return body(key) instanceof Long n ? n : null;
    }

    /**
     * The event's own problem, whatever precedes it: sent for another device, a hash that is not its canonical
     * bytes' hash, or a signature the key does not verify (firmware-protocol's {@code EvidenceChain.check} without
     * the link to the predecessor; Ed25519 through Bouncy Castle, the canonical bytes built once). Null when sound.
     */
    ChainVerification.Problem ownProblem(String deviceId, PublicKey key) {
        return ownProblem(deviceId, (canonical, signature) -> FastEd25519.INSTANCE.verify(key, canonical, signature));
    }

    /** As {@link #ownProblem(String, PublicKey)} with the device's key kept decoded between events. */
    ChainVerification.Problem ownProblem(String deviceId, DeviceKey key) {
        return ownProblem(deviceId, key::verify);
    }

    private ChainVerification.Problem ownProblem(String deviceId, BiPredicate<byte[], byte[]> verifier) {
        DeviceEvent event = event();
        if (!event.deviceId().equals(deviceId)) {
            return ChainVerification.Problem.WRONG_DEVICE;
        }
        byte[] canonical = EvidenceCodec.canonical(event);
        if (!EvidenceCodec.sha256Hex(canonical).equals(signed.hash())) {
            return ChainVerification.Problem.HASH_MISMATCH;
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(signed.signature());
        } catch (IllegalArgumentException e) {
            return ChainVerification.Problem.BAD_SIGNATURE;
        }
        return verifier.test(canonical, signature) ? null : ChainVerification.Problem.BAD_SIGNATURE;
    }

    /** Null when the envelope cannot be a signed device event at all (missing fields, wrong types). */
    static ParsedEvent parse(JsonObject json) {
        try {
            Object rawBody = json.getValue("body");
            Map<String, Object> body = rawBody instanceof JsonObject b ? b.getMap() : Map.of();
            DeviceEvent event = new DeviceEvent(json.getString("eventId"), json.getString("deviceId"), json.getLong("seq"),
                json.getString("type"), json.getLong("at"), json.getLong("monotonicMs", 0L), body, json.getString("prevHash"));
            String photo = json.getString("photoSha256");
            if (photo == null && body.get("photoSha256") instanceof String p) {
                photo = p;
            }
            if (photo != null && !SHA256_HEX.matcher(photo).matches()) {
                return null;
            }
            String hash = json.getString("hash");
            String signature = json.getString("signature");
            if (hash == null || signature == null || event.eventId().length() > 100) {
                return null;
            }
            return new ParsedEvent(new SignedDeviceEvent(event, hash, signature), photo);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            return null;
        }
    }
}
