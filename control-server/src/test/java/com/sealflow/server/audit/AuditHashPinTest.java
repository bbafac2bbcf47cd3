package com.sealflow.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Audit hashes are stored with every row and checked by the verifier for the life of the log: the encoding must never
 * change. These values were computed by the original encoding; decimals stay exactly as given (no normalising).
 */
class AuditHashPinTest {

    static JsonObject details() {
        return new JsonObject().put("zeta", "末").put("amount", new BigDecimal("1000.50"))
            .put("nested", new JsonObject().put("b", 2).put("a", new JsonArray().add(new JsonObject().put("y", true).put("x", 1.5))))
            .put("comment", "同意，按期报送 \"quoted\"").put("none", (Object) null);
    }

    @Test
    void theCanonicalDetailsAndTheRowHashAreThoseOfTheOriginalEncoding() {
        String canonical = AuditHash.canonical(details());
        assertThat(canonical).isEqualTo(
            "{\"amount\":1000.50,\"comment\":\"同意，按期报送 \\\"quoted\\\"\","
            + "\"nested\":{\"a\":[{\"x\":1.5,\"y\":true}],\"b\":2},\"none\":null,\"zeta\":\"末\"}");
        assertThat(AuditHash.canonical(null)).isEqualTo("{}");
        String first = AuditHash.hash(1, 1_767_225_600_000L, "u-zhangsan", "REQUEST_APPROVED", "request", null, canonical,
            AuditHash.GENESIS);
        assertThat(first).isEqualTo("a1e3fef4576b961e697e257d6ec6c55e64fd1ea37577be9754b41e73e9735acb");
        assertThat(AuditHash.hash(2, 1_767_225_601_000L, null, "LOGIN", null, "", "{}", first))
            .isEqualTo("7b59cae45f54d976b8ae3965a2f9837418e5c3ee9d2fadd332b0a26975f00123");
    }
}
