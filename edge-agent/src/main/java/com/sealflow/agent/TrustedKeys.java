package com.sealflow.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.sealflow.agent.identity.Enrolment;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's token-signing keys by key id: from enrolment, extended by {@code cmd/config} (rotation adds, never drops). */
final class TrustedKeys {

    private static final Logger LOG = LoggerFactory.getLogger(TrustedKeys.class);

    private final Path dataDir;
    private final boolean persist;
    private volatile Enrolment enrolment;
    private volatile Map<String, PublicKey> keys;

    TrustedKeys(Path dataDir, Enrolment enrolment, boolean persist) {
        this.dataDir = dataDir;
        this.persist = persist;
        this.enrolment = enrolment;
        this.keys = decode(enrolment.tokenKeys());
    }

    Map<String, PublicKey> keys() {
        return keys;
    }

    /**
     * Adds keys from a {@code cmd/config}: the contract's {@code tokenKeys: [{kid, publicKey}]} or the protocol
     * record's {@code trustedKeys: {kid: publicKey}}.
     */
    synchronized void add(JsonNode params) {
        List<Enrolment.TokenKey> added = new ArrayList<>();
        JsonNode list = params.get("tokenKeys");
        if (list != null && list.isArray()) {
            list.forEach(k -> added.add(new Enrolment.TokenKey(k.path("kid").asText(), k.path("publicKey").asText())));
        }
        JsonNode map = params.get("trustedKeys");
        if (map != null && map.isObject()) {
            map.fields().forEachRemaining(e -> added.add(new Enrolment.TokenKey(e.getKey(), e.getValue().asText())));
        }
        if (added.isEmpty()) {
            return;
        }
        enrolment = enrolment.withTokenKeys(added);
        keys = decode(enrolment.tokenKeys());
        if (persist) {
            try {
                enrolment.store(dataDir);
            } catch (IOException e) {
                LOG.error("cannot persist rotated token keys", e);
            }
        }
    }

    static Map<String, PublicKey> decode(List<Enrolment.TokenKey> list) {
        Map<String, PublicKey> out = new LinkedHashMap<>();
        for (Enrolment.TokenKey k : list) {
            try {
                out.put(k.kid(), KeyFactory.getInstance("Ed25519")
                        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(k.publicKey()))));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                LOG.error("token key {} is not an Ed25519 SPKI key; ignored", k.kid());
            }
        }
        return Map.copyOf(out);
    }
}
