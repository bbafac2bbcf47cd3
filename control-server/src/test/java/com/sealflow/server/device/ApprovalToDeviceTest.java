package com.sealflow.server.device;

import static com.sealflow.server.device.DeviceFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.device.broker.BrokerSessions;
import com.sealflow.server.request.RequestApp;
import com.sealflow.server.request.RequestEvidence;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With the real request module and approval engine: the final approval writes the unlock grant (in its own
 * transaction, through {@link DeviceSealActions}); the device's DONE completes the custodian's handle task through
 * {@link RequestHandleCompletion}; the request detail shows the unlock.
 */
class ApprovalToDeviceTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void finalApprovalIssuesTheUnlockAndDeviceDoneCompletesTheRequest(Dialect dialect) throws Exception {
        try (RequestApp app = new RequestApp(dialect)) {
            SigningKeys keys = SigningKeys.load(Files.createTempDirectory("sealflow-keys-"));
            DeviceSettings settings = DeviceSettings.defaults("tcp://127.0.0.1:1883", "http://127.0.0.1:8080");
            DeviceCommands commands = new DeviceCommands(app.db, app.clock, settings, keys,
                new RequestHandleCompletion(app.requests.approvalEvents().handles()), () -> { });
            DeviceRegistry registry = new DeviceRegistry(app.db, app.clock, settings, keys, BrokerSessions.NONE,
                (tx, id) -> commands.revokeDevice(tx, id).mapEmpty());
            registry.setSealSource((client, deviceId) -> app.seals.boundTo(client, deviceId)
                .map(list -> list.stream().map(s -> new SealBinding(s.id(), s.slot())).toList()));
            app.requests.setSealActionListener(new DeviceSealActions(commands));
            app.module.queries().setEvidence(new RequestEvidence() {
                @Override
                public Future<JsonArray> unlocks(SqlClient reads, String requestId) {
                    return commands.unlocksOf(reads, requestId);
                }

                @Override
                public Future<JsonArray> presses(SqlClient reads, String requestId) {
                    return Future.succeededFuture(new JsonArray());
                }
            });
            await(registry.create(new DeviceRegistry.NewDevice("CAB-01", "SN-CAB", DeviceKind.CABINET, "行政部", List.of())));
            assertThat(await(registry.get("CAB-01")).seals()).extracting(SealBinding::slot).containsExactly(1, 2, 3);
            EnrolmentCode code = await(registry.issueEnrolmentCode("CAB-01"));
            await(registry.enroll(code.code(), Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded()), "1.0.0"));

            JsonObject body = new JsonObject().put("type", "SEAL_USE").put("sealIds", new JsonArray().add(app.seal("HT-001")))
                .put("documentType", "CONTRACT").put("documentName", "年度采购合同").put("copies", 2).put("reason", "签约")
                .put("amount", 600000).put("counterparty", "某某贸易有限公司").put("form", new JsonObject().put("project", "华东"))
                .put("submit", true);
            TestHttp.Res created = app.as("zhangsan").post("/api/requests", body);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().getString("id");
            for (String approver : List.of("lisi", "zhaoliu", "qianqi", "sunba")) {
                approve(app, approver, id);
                assertThat(await(commands.unlocksOf(id))).isEmpty();
            }
            approve(app, "zhoujiu", id);

            JsonArray unlocks = await(commands.unlocksOf(id));
            assertThat(unlocks).hasSize(1);
            JsonObject unlock = unlocks.getJsonObject(0);
            assertThat(unlock.getString("deviceId")).isEqualTo("CAB-01");
            assertThat(unlock.getInteger("slot")).isEqualTo(2);
            assertThat(unlock.getInteger("pressesAllowed")).isEqualTo(2);
            assertThat(unlock.getString("state")).isEqualTo("QUEUED");
            JsonObject detail = app.as("zhangsan").get("/api/requests/" + id).json();
            assertThat(detail.getJsonArray("unlocks").getJsonObject(0).getString("commandId")).isEqualTo(unlock.getString("commandId"));

            String cmd = unlock.getString("commandId");
            await(commands.onResult("CAB-01", cmd, new JsonObject().put("state", "ACCEPTED")));
            await(commands.onResult("CAB-01", cmd, new JsonObject().put("state", "DONE").put("pressesUsed", 2)));
            long deadline = System.nanoTime() + 10_000_000_000L;
            String status = null;
            while (System.nanoTime() < deadline) {
                await(commands.reportFinishedHandles());
                status = app.as("zhangsan").get("/api/requests/" + id).json().getString("status");
                if ("COMPLETED".equals(status)) {
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(status).isEqualTo("COMPLETED");
        }
    }

    static void approve(RequestApp app, String user, String requestId) {
        TestHttp.Res tasks = app.as(user).get("/api/tasks?status=pending");
        String task = tasks.json().getJsonArray("items").stream().map(o -> (JsonObject) o)
            .filter(t -> requestId.equals(t.getString("requestId"))).findFirst()
            .orElseThrow(() -> new AssertionError(user + " has no task: " + tasks.body())).getString("id");
        TestHttp.Res res = app.as(user).post("/api/tasks/" + task + "/approve", new JsonObject());
        assertThat(res.status()).as(user + ": " + res.body()).isEqualTo(200);
    }
}
