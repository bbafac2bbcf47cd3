package com.sealflow.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

/** The copied-state PBKDF2 gives the published vectors and the JDK's own result for every kind of password. */
class Pbkdf2Sha256Test {

    @Test
    void publishedVectors() {
        // RFC 7914 section 11 (PBKDF2-HMAC-SHA256, dkLen 64): the first 32 bytes are the first block
        assertThat(hex("passwd", "salt", 1)).isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
        assertThat(hex("Password", "NaCl", 80000)).isEqualTo("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56");
    }

    @Test
    void sameAsTheJdkForShortLongAndNonAsciiPasswords() throws Exception {
        Random random = new Random(7);
        String[] passwords = {"x", "Bench-start-2026!", "合同专用章-密码", "p\u00e9\u00df\u20ac\uD83D\uDD12", "a".repeat(64), "b".repeat(65),
            "长".repeat(40), "0123456789".repeat(30)};
        for (String password : passwords) {
            for (int iterations : new int[] {1, 2, 3, 1000, 4321}) {
                byte[] salt = new byte[1 + random.nextInt(40)];
                random.nextBytes(salt);
                assertThat(Pbkdf2Sha256.derive(password.getBytes(StandardCharsets.UTF_8), salt, iterations))
                    .as("%s, %d iterations", password, iterations).isEqualTo(jdk(password, salt, iterations));
            }
        }
    }

    @Test
    void refusesNoIterations() {
        assertThatThrownBy(() -> Pbkdf2Sha256.derive(new byte[] {1}, new byte[] {2}, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String hex(String password, String salt, int iterations) {
        return HexFormat.of().formatHex(Pbkdf2Sha256.derive(password.getBytes(StandardCharsets.UTF_8),
            salt.getBytes(StandardCharsets.UTF_8), iterations));
    }

    private static byte[] jdk(String password, byte[] salt, int iterations) throws Exception {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
    }
}
