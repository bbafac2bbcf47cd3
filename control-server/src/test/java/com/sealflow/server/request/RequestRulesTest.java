package com.sealflow.server.request;

import static com.sealflow.server.request.JourneyTest.contract;
import static com.sealflow.server.request.JourneyTest.decide;
import static com.sealflow.server.request.JourneyTest.pendingTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Usage norms, lost seals, take-out with checkout and checkin, numbering under concurrency. */
class RequestRulesTest {

    static final Apps APPS = new Apps();

    @AfterAll
    static void close() throws Exception {
        APPS.close();
    }

    static String newSeal(RequestApp app, String code) {
        TestHttp.Res res = app.as("admin").post("/api/seals", new JsonObject().put("code", code).put("name", code)
            .put("type", "OTHER").put("custodianId", app.id("wushi")).put("deviceId", "CAB-X-" + code).put("slot", 1));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        return res.json().getString("id");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void usageNormsAreCheckedWhenApplying(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        TestHttp.Res wrongDoc = app.as("zhangsan").post("/api/requests", contract(app, true).put("documentType", "INVOICE"));
        assertThat(wrongDoc.status()).as(wrongDoc.body()).isEqualTo(422);
        assertThat(wrongDoc.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("documentType");

        String seal = newSeal(app, "NORM-" + dialect);
        app.as("admin").post("/api/seals/" + seal + "/suspend", null);
        JsonObject onSuspended = contract(app, true).put("sealIds", new JsonArray().add(seal)).put("documentType", "OTHER");
        assertThat(app.as("zhangsan").post("/api/requests", onSuspended).status()).isEqualTo(409);
        app.as("admin").post("/api/seals/" + seal + "/resume", null);
        assertThat(app.as("zhangsan").post("/api/requests", onSuspended).status()).isEqualTo(201);

        TestHttp.Res unknown = app.as("zhangsan").post("/api/requests", contract(app, true)
            .put("sealIds", new JsonArray().add("forged-seal-id")));
        assertThat(unknown.status()).isEqualTo(422);
        TestHttp.Res badForm = app.as("zhangsan").post("/api/requests", contract(app, true)
            .put("form", new JsonObject().put("budget", 5)));
        assertThat(badForm.status()).isEqualTo(422);
        assertThat(badForm.body()).contains("form.budget");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void sealFlowKeyOverridesTheDefaultFlow(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        String seal = newSeal(app, "FLOW-" + dialect);
        app.as("admin").patch("/api/seals/" + seal, new JsonObject().put("flowKey", "take-out"));
        JsonObject body = contract(app, true).put("sealIds", new JsonArray().add(seal)).put("documentType", "OTHER");
        // the take-out flow has no custom fields: the seal-use form's values do not fit it
        assertThat(app.as("zhangsan").post("/api/requests", body).status()).isEqualTo(422);
        body.remove("form");
        TestHttp.Res res = app.as("zhangsan").post("/api/requests", body);
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        assertThat(res.json().getJsonObject("flow").getString("key")).isEqualTo("take-out");
        app.as("admin").patch("/api/seals/" + seal, new JsonObject().put("flowKey", "never-published"));
        assertThat(app.as("zhangsan").post("/api/requests", body).status()).isEqualTo(422);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void lostSealFreezesItsOpenRequestsAndCancelsDeviceActions(Dialect dialect) {
        RequestApp app = APPS.get(dialect);
        String seal = newSeal(app, "LOST-" + dialect);
        JsonObject body = contract(app, true).put("sealIds", new JsonArray().add(seal)).put("documentType", "OTHER");
        String running = app.as("zhangsan").post("/api/requests", body).json().getString("id");
        String draft = app.as("zhangsan").post("/api/requests", body.copy().put("submit", false)).json().getString("id");
        String lisiTask = pendingTask(app, "lisi", running);

        TestHttp.Res lost = app.as("wushi").post("/api/seals/" + seal + "/report-lost", null);
        assertThat(lost.status()).as(lost.body()).isEqualTo(200);
        assertThat(app.as("zhangsan").get("/api/requests/" + running).json().getBoolean("frozen")).isTrue();
        assertThat(app.as("zhangsan").get("/api/requests/" + draft).json().getBoolean("frozen")).isTrue();
        assertThat(app.cancelled.stream().filter(c -> c.requestId().equals(running)).findFirst().orElseThrow().reason())
            .isEqualTo(SealActionCancelled.Reason.FROZEN);

        TestHttp.Res refused = app.as("lisi").post("/api/tasks/" + lisiTask + "/approve", new JsonObject());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(app.as("zhangsan").post("/api/requests/" + draft + "/submit", null).status()).isEqualTo(409);
        assertThat(app.as("zhangsan").post("/api/requests", body).status()).isEqualTo(409);
        TestHttp.Res withdrawn = app.as("zhangsan").post("/api/requests/" + running + "/withdraw", null);
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().getString("status")).isEqualTo("WITHDRAWN");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void takeOutChecksTheSealOutAndBackIn(Dialect dialect) throws Exception {
        RequestApp app = APPS.get(dialect);
        String seal = newSeal(app, "OUT-" + dialect);
        long due = app.clock.millis() + Duration.ofDays(2).toMillis();
        JsonObject body = new JsonObject().put("type", "TAKE_OUT").put("sealIds", new JsonArray().add(seal))
            .put("documentType", "OTHER").put("documentName", "工商变更").put("copies", 1).put("reason", "到工商局办理变更")
            .put("takeOut", new JsonObject().put("expectedReturnAt", due).put("destination", "市场监督管理局")).put("submit", true);
        TestHttp.Res created = app.as("zhangsan").post("/api/requests", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().getString("id");
        assertThat(created.json().getString("no")).startsWith("WD-");
        decide(app, "lisi", id, "approve", null);
        decide(app, "sunba", id, "approve", null);

        SealActionDue checkout = app.due.stream().filter(d -> d.requestId().equals(id)).findFirst().orElseThrow();
        assertThat(checkout.action()).isEqualTo(HandleAction.CHECKOUT);
        TestHttp.Res byHand = app.as("wushi").post("/api/requests/" + id + "/handle",
            new JsonObject().put("taskId", checkout.taskId()));
        assertThat(byHand.status()).isEqualTo(422);
        assertThat(app.as("zhengyi").post("/api/requests/" + id + "/handle",
            new JsonObject().put("taskId", checkout.taskId()).put("reason", "x")).status()).isEqualTo(404);
        TestHttp.Res out = app.as("wushi").post("/api/requests/" + id + "/handle",
            new JsonObject().put("taskId", checkout.taskId()).put("reason", "柜门传感器故障，人工取出"));
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertThat(app.as("zhangsan").get("/api/seals/" + seal).json().getString("status")).isEqualTo("OUT");

        SealActionDue checkin = app.due.stream().filter(d -> d.requestId().equals(id) && d.action() == HandleAction.CHECKIN)
            .findFirst().orElseThrow();
        assertThat(checkin.dueAt()).isEqualTo(due);
        app.requests.approvalEvents().handles().completeHandle(new HandleCompletion(checkin.taskId(), null,
            HandleCompletion.By.DEVICE, "CAB-X-OUT-" + dialect, null)).await(10, TimeUnit.SECONDS);
        assertThat(app.as("zhangsan").get("/api/seals/" + seal).json().getString("status")).isEqualTo("ACTIVE");
        assertThat(app.as("zhangsan").get("/api/requests/" + id).json().getString("status")).isEqualTo("COMPLETED");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void parallelCreatesGetDistinctConsecutiveNumbers(Dialect dialect) throws Exception {
        RequestApp app = APPS.get(dialect);
        int n = 16;
        CyclicBarrier barrier = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<CompletableFuture<TestHttp.Res>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        barrier.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return app.as("chenyu").post("/api/requests", contract(app, false));
                }, pool));
            }
            Set<String> numbers = new HashSet<>();
            for (CompletableFuture<TestHttp.Res> f : all) {
                TestHttp.Res res = f.get(60, TimeUnit.SECONDS);
                assertThat(res.status()).as(res.body()).isEqualTo(201);
                numbers.add(res.json().getString("no"));
            }
            assertThat(numbers).hasSize(n);
            List<Integer> seqs = numbers.stream().map(s -> Integer.parseInt(s.substring(s.lastIndexOf('-') + 1))).sorted().toList();
            assertThat(seqs.get(n - 1) - seqs.get(0)).isEqualTo(n - 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
