package com.sealflow.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PBKDF2 hashes: salted, self-describing, verified in constant time, upgraded when the cost rises. */
class PasswordsTest {

    @Test
    void hashAndVerify() {
        Passwords p = new Passwords(1000);
        String h1 = p.hash("sealflow");
        String h2 = p.hash("sealflow");
        assertThat(h1).startsWith("pbkdf2-sha256$1000$").isNotEqualTo(h2);
        assertThat(p.verify("sealflow", h1)).isTrue();
        assertThat(p.verify("sealflOw", h1)).isFalse();
        assertThat(p.verify("sealflow", null)).isFalse();
        assertThat(p.verify("sealflow", "garbage")).isFalse();
        assertThat(p.verify("sealflow", "pbkdf2-sha256$x$y$z")).isFalse();
    }

    @Test
    void productionCostIsOwaspAndLowerCostsAreUpgraded() {
        Passwords cheap = new Passwords(1000);
        Passwords owasp = new Passwords(com.sealflow.server.config.ServerConfig.OWASP_PBKDF2_ITERATIONS);
        String old = cheap.hash("pw");
        assertThat(owasp.needsRehash(old)).isTrue();
        assertThat(owasp.verify("pw", old)).isTrue();
        assertThat(owasp.hash("pw")).startsWith("pbkdf2-sha256$600000$");
        assertThat(cheap.needsRehash(old)).isFalse();
    }
}
