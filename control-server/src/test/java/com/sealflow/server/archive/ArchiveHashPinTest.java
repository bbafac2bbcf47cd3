package com.sealflow.server.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Archive entry hashes are stored and re-checked for as long as the archive is kept: the encoding must never change.
 * These values were computed by the original encoding; decimals are normalised (1000.50 and 1000.5 hash alike).
 */
class ArchiveHashPinTest {

    static JsonObject body(String amount) {
        return new JsonObject().put("requestId", "req-7").put("amount", new BigDecimal(amount))
            .put("presses", new JsonArray().add(new JsonObject().put("seq", 2).put("photoSha256", "ab".repeat(32)).put("at", 17L)))
            .put("documentName", "2026年三季度财务报表").put("approvals", new JsonArray().add("lisi").add("qianqi"));
    }

    @Test
    void theCanonicalBodyAndTheEntryHashAreThoseOfTheOriginalEncoding() {
        String canonical = ArchiveHash.canonical(body("1000.50"));
        assertThat(canonical).isEqualTo("{\"amount\":\"1000.5\",\"approvals\":[\"lisi\",\"qianqi\"],\"documentName\":\"2026年三季度财务报表\","
            + "\"presses\":[{\"at\":17,\"photoSha256\":\"" + "ab".repeat(32) + "\",\"seq\":2}],\"requestId\":\"req-7\"}");
        assertThat(ArchiveHash.canonical(body("1000.5"))).isEqualTo(canonical);
        String first = ArchiveHash.entryHash(7, "REQUEST", "ARC-2026-000007", 1_767_225_600_000L, canonical, ArchiveHash.GENESIS);
        assertThat(first).isEqualTo("2a42171cffc40afc0519634e566f366ec4e12aac4b454f6be6f25b5857fac0d1");
        assertThat(ArchiveHash.entryHash(8, "NOTE", null, 1_767_225_601_000L, "{}", first))
            .isEqualTo("de719915c1b6a065f82187ef29a76a78554205c843dea9d3854e15f46aaf82a8");
        assertThat(ArchiveHash.sha256("印流")).isEqualTo("f739768c42101ccafffdcacd3d1815e37c37ba40562655c542521f76cec0ff10");
    }
}
