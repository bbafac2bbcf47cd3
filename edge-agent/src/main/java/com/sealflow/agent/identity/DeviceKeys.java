package com.sealflow.agent.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The device's Ed25519 identity. The private key lives in {@code <data>/keys/device-ed25519.pk8} (PKCS#8 DER, 0600),
 * the public key beside it as X.509 SubjectPublicKeyInfo DER, which is also what enrolment sends (base64).
 */
public final class DeviceKeys {

    public static final String PRIVATE_FILE = "keys/device-ed25519.pk8";
    public static final String PUBLIC_FILE = "keys/device-ed25519.spki";

    private final KeyPair pair;

    public DeviceKeys(KeyPair pair) {
        this.pair = pair;
    }

    public static DeviceKeys generate() {
        try {
            return new DeviceKeys(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks Ed25519", e);
        }
    }

    public static boolean exist(Path dataDir) {
        return Files.exists(dataDir.resolve(PRIVATE_FILE));
    }

    public static DeviceKeys load(Path dataDir) throws IOException {
        try {
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dataDir.resolve(PRIVATE_FILE))));
            PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(dataDir.resolve(PUBLIC_FILE))));
            return new DeviceKeys(new KeyPair(pub, priv));
        } catch (GeneralSecurityException e) {
            throw new IOException("device key files are corrupt", e);
        }
    }

    public void store(Path dataDir) throws IOException {
        SecureFiles.writeSecret(dataDir.resolve(PRIVATE_FILE), pair.getPrivate().getEncoded());
        SecureFiles.writeSecret(dataDir.resolve(PUBLIC_FILE), pair.getPublic().getEncoded());
    }

    public PrivateKey privateKey() {
        return pair.getPrivate();
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
