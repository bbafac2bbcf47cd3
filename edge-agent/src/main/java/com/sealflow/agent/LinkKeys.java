package com.sealflow.agent;

import com.sealflow.agent.config.AgentConfig;
import com.sealflow.agent.identity.SecureFiles;
import com.sealflow.protocol.serial.UnlockMac;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 32-byte key shared with the MCU that authenticates UNLOCK. From {@code link.key} (base64), else
 * {@code <data>/keys/link.key}; when neither exists one is generated (0600) and must be provisioned into the MCU.
 */
final class LinkKeys {

    static final String FILE = "keys/link.key";
    private static final Logger LOG = LoggerFactory.getLogger(LinkKeys.class);

    private LinkKeys() {
    }

    static byte[] load(AgentConfig config) throws IOException {
        if (config.linkKeyBase64().isPresent()) {
            return check(Base64.getDecoder().decode(config.linkKeyBase64().get()));
        }
        Path file = config.dataDir().resolve(FILE);
        if (Files.exists(file)) {
            return check(Files.readAllBytes(file));
        }
        byte[] key = new byte[UnlockMac.KEY_LENGTH];
        new SecureRandom().nextBytes(key);
        SecureFiles.writeSecret(file, key);
        LOG.warn("generated a new MCU link key in {}: provision it into the device MCU", file);
        return key;
    }

    private static byte[] check(byte[] key) throws IOException {
        if (key.length != UnlockMac.KEY_LENGTH) {
            throw new IOException("link key must be " + UnlockMac.KEY_LENGTH + " bytes, is " + key.length);
        }
        return key;
    }
}
