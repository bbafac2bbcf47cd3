package com.sealflow.server.device;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The server's Ed25519 token-signing keys, kept as files under {@code <dataDir>/keys/token-signing}:
 * {@code k<n>.key} (PKCS#8, owner-only) and {@code k<n>.pub} (X.509 SubjectPublicKeyInfo). Key ids grow with
 * each rotation. Several server nodes must share this folder (or a copy of it).
 */
public final class SigningKeys {

    /** One key: its id, and the private half when this node holds it. */
    public record Key(String kid, PublicKey publicKey, PrivateKey privateKey, int number) {

        public String publicKeyBase64() {
            return Base64.getEncoder().encodeToString(publicKey.getEncoded());
        }
    }

    private final Path dir;
    private volatile List<Key> keys;

    private SigningKeys(Path dir, List<Key> keys) {
        this.dir = dir;
        this.keys = keys;
    }

    /** Loads the keys, creating the first one when there is none. Blocking (start-up). */
    public static SigningKeys load(Path dataDir) {
        Path dir = dataDir.resolve("keys").resolve("token-signing");
        try {
            Files.createDirectories(dir);
            SigningKeys loaded = new SigningKeys(dir, read(dir));
            if (loaded.keys.isEmpty()) {
                loaded.rotate();
            }
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing keys in " + dir, e);
        }
    }

    private static List<Key> read(Path dir) throws IOException {
        List<Key> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path pub : files.filter(p -> p.getFileName().toString().matches("k\\d+\\.pub")).toList()) {
                String kid = pub.getFileName().toString().replace(".pub", "");
                Path priv = dir.resolve(kid + ".key");
                try {
                    KeyFactory factory = KeyFactory.getInstance("Ed25519");
                    PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub)));
                    PrivateKey privateKey = Files.exists(priv)
                        ? factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv))) : null;
                    out.add(new Key(kid, publicKey, privateKey, Integer.parseInt(kid.substring(1))));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("signing key " + kid + " is damaged", e);
                }
            }
        }
        out.sort(Comparator.comparingInt(Key::number));
        return Collections.unmodifiableList(out);
    }

    /** Adds a new key (the newest); devices learn it through {@code cmd/config} before it is used for them. */
    public synchronized Key rotate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            int number = keys.isEmpty() ? 1 : keys.get(keys.size() - 1).number() + 1;
            String kid = "k" + number;
            Path priv = dir.resolve(kid + ".key");
            Files.write(priv, pair.getPrivate().getEncoded());
            try {
                Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the data dir's own permissions protect it
            }
            Files.write(dir.resolve(kid + ".pub"), pair.getPublic().getEncoded());
            Key key = new Key(kid, pair.getPublic(), pair.getPrivate(), number);
            List<Key> next = new ArrayList<>(keys);
            next.add(key);
            keys = Collections.unmodifiableList(next);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a signing key to " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
        }
    }

    public List<Key> all() {
        return keys;
    }

    public Key newest() {
        return keys.get(keys.size() - 1);
    }

    public Optional<Key> byKid(String kid) {
        return keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
    }

    /** {@code [{"kid","publicKey"}]}: what enrolment answers and {@code cmd/config} carries. */
    public JsonArray publicKeySet() {
        JsonArray out = new JsonArray();
        keys.forEach(k -> out.add(new JsonObject().put("kid", k.kid()).put("publicKey", k.publicKeyBase64())));
        return out;
    }
}
