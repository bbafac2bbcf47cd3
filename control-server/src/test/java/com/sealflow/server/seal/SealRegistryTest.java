package com.sealflow.server.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.request.Apps;
import com.sealflow.server.request.RequestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The registry and lifecycle over HTTP: who may change seals, what a valid seal is, which transitions exist. */
class SealRegistryTest {

    static final Apps APPS = new Apps();

    @AfterAll
    static void close() throws Exception {
        APPS.close();
    }

    static JsonObject newSeal(RequestApp app, String code, String device, Integer slot) {
        return new JsonObject().put("code", code).put("name", "项目章 " + code).put("type", "DEPARTMENT")
            .put("custodianId", app.id("wushi")).put("backupCustodianId", app.id("zhengyi"))
            .put("deviceId", device).put("slot", slot).put("filingCode", "1101080000123")
            .put("allowedDocumentTypes", new JsonArray().add("OTHER").add("CERTIFICATE"));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void demoSealsAreThereForEveryone(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        TestHttp.Res res = app.as("zhangsan").get("/api/seals");
        assertThat(res.status()).isEqualTo(200);
        JsonArray list = res.array();
        assertThat(list.stream().map(o -> ((JsonObject) o).getString("code"))).contains("GZ-001", "HT-001", "FR-001", "CW-001", "FP-001");
        JsonObject contract = app.as("zhangsan").get("/api/seals/" + app.seal("HT-001")).json();
        assertThat(contract.getString("custodianId")).isEqualTo(app.id("wushi"));
        assertThat(contract.getString("deviceId")).isEqualTo("CAB-01");
        assertThat(contract.getInteger("slot")).isEqualTo(2);
        assertThat(contract.getString("flowKey")).isNull();
        assertThat(app.as("zhangsan").get("/api/seals/" + app.seal("FP-001")).json().getString("deviceId")).isEqualTo("SD-02");
        assertThat(app.as("zhangsan").get("/api/seals?type=FINANCE").array()).hasSize(1);
        assertThat(app.as("zhangsan").get("/api/seals?status=BROKEN").status()).isEqualTo(422);
        assertThat(app.as("zhangsan").get("/api/seals/not-a-seal").status()).isEqualTo(404);
        assertThat(app.anonymous().get("/api/seals").status()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void onlySealAdminsRegisterAndTheInputIsChecked(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        String code = "XM-" + dialect.name();
        assertThat(app.as("zhangsan").post("/api/seals", newSeal(app, code, null, null)).status()).isEqualTo(403);
        TestHttp.Res created = app.as("admin").post("/api/seals", newSeal(app, code, null, null));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getString("status")).isEqualTo("ACTIVE");
        assertThat(app.as("admin").post("/api/seals", newSeal(app, code, null, null)).status()).isEqualTo(409);

        TestHttp.Res bad = app.as("admin").post("/api/seals", newSeal(app, code + "-2", null, null)
            .put("filingCode", "12345").put("type", "ROUND").put("custodianId", "nobody").put("slot", 2));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().getJsonArray("errors").stream().map(o -> ((JsonObject) o).getString("field")))
            .contains("filingCode", "type", "slot");
        TestHttp.Res ghost = app.as("admin").post("/api/seals", newSeal(app, code + "-3", null, null).put("custodianId", "nobody"));
        assertThat(ghost.status()).isEqualTo(422);
        assertThat(ghost.body()).contains("custodianId");
        assertThat(app.as("admin").post("/api/seals", newSeal(app, code + "-4", null, null).put("filingCode", "9901080000123"))
            .status()).isEqualTo(422);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aSlotHoldsOneSealUntilItIsDestroyed(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        assertThat(app.as("admin").post("/api/seals", newSeal(app, "SLOT-" + dialect, "CAB-01", 1)).status()).isEqualTo(409);
        TestHttp.Res placed = app.as("admin").post("/api/seals", newSeal(app, "SLOT-" + dialect, "CAB-09", 4));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String id = placed.json().getString("id");
        assertThat(app.as("admin").post("/api/seals", newSeal(app, "SLOT2-" + dialect, "CAB-09", 4)).status()).isEqualTo(409);
        TestHttp.Res destroyed = app.as("admin").post("/api/seals/" + id + "/destroy", null);
        assertThat(destroyed.status()).isEqualTo(200);
        assertThat(destroyed.json().getString("deviceId")).isNull();
        assertThat(app.as("admin").post("/api/seals", newSeal(app, "SLOT2-" + dialect, "CAB-09", 4)).status()).isEqualTo(201);
        assertThat(app.as("admin").patch("/api/seals/" + id, new JsonObject().put("name", "x")).status()).isEqualTo(409);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void lifecycleTransitionsAreGuarded(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        String id = app.as("admin").post("/api/seals", newSeal(app, "LC-" + dialect, null, null)).json().getString("id");
        String base = "/api/seals/" + id;
        assertThat(app.as("admin").post(base + "/resume", null).status()).isEqualTo(409);
        assertThat(app.as("zhangsan").post(base + "/suspend", null).status()).isEqualTo(403);
        assertThat(app.as("admin").post(base + "/suspend", null).json().getString("status")).isEqualTo("SUSPENDED");
        assertThat(app.as("admin").post(base + "/suspend", null).status()).isEqualTo(409);
        assertThat(app.as("admin").post(base + "/resume", null).json().getString("status")).isEqualTo("ACTIVE");
        assertThat(app.as("zhangsan").post(base + "/report-lost", null).status()).isEqualTo(403);
        // the backup custodian may report it lost
        assertThat(app.as("zhengyi").post(base + "/report-lost", null).json().getString("status")).isEqualTo("LOST");
        assertThat(app.as("admin").post(base + "/resume", null).status()).isEqualTo(409);
        assertThat(app.as("admin").post(base + "/destroy", null).json().getString("status")).isEqualTo("DESTROYED");
        assertThat(app.as("admin").post(base + "/destroy", null).status()).isEqualTo(409);
        assertThat(app.as("admin").post("/api/seals/forged-id/suspend", null).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void patchChangesFieldsButNeverStatus(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        String id = app.as("admin").post("/api/seals", newSeal(app, "PT-" + dialect, null, null)).json().getString("id");
        TestHttp.Res ok = app.as("admin").patch("/api/seals/" + id, new JsonObject().put("flowKey", "special-flow")
            .put("allowedDocumentTypes", new JsonArray().add("CONTRACT")));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().getString("flowKey")).isEqualTo("special-flow");
        assertThat(ok.json().getLong("version")).isEqualTo(2L);
        assertThat(app.as("admin").patch("/api/seals/" + id, new JsonObject().put("status", "ACTIVE")).status()).isEqualTo(422);
        assertThat(app.as("admin").patch("/api/seals/" + id, new JsonObject().put("colour", "red")).status()).isEqualTo(422);
        assertThat(app.as("admin").patch("/api/seals/" + id, new JsonObject().put("copies", "x")).status()).isEqualTo(422);
        assertThat(app.as("wushi").patch("/api/seals/" + id, new JsonObject().put("name", "x")).status()).isEqualTo(403);
    }
}
