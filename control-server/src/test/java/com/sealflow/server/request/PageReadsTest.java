package com.sealflow.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.PoolWaits;
import com.sealflow.server.seal.HttpGlue;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The request detail page and the request list take one database connection each for all their reads (they had taken
 * one per statement, about ten for the detail page, each a wait in the pool's queue under load), and answer as before;
 * so does a request read from the pool.
 */
class PageReadsTest {

    /** What {@code page} answered, and how many connections it took from the pools, counted as a request's tally is. */
    private record Counted(JsonObject json, int turns) {
    }

    private static Counted counted(RequestApp app, Supplier<Future<JsonObject>> page) throws Exception {
        ContextInternal request = ((ContextInternal) app.vertx.getOrCreateContext()).duplicate();
        Promise<Counted> done = Promise.promise();
        request.runOnContext(v -> {
            PoolWaits.Tally tally = PoolWaits.startTally();
            page.get().onComplete(json -> done.complete(new Counted(json, tally.turns())), done::fail);
        });
        return done.future().await(20, TimeUnit.SECONDS);
    }

    private static Counted detail(RequestApp app, String username, String id) throws Exception {
        return counted(app, () -> app.module.queries().detail(HttpGlue.actor(app.user(username)), id));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void detailAndListTakeOneConnectionEach(Dialect dialect) throws Exception {
        try (RequestApp app = new RequestApp(dialect)) {
            TestHttp.Res created = app.as("zhangsan").post("/api/requests", JourneyTest.contract(app, true));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().getString("id");
            JourneyTest.decide(app, "lisi", id, "approve", new JsonObject().put("comment", "同意"));

            // the applicant, an approver (seen through the engine's tasks), a custodian of its seal, an auditor
            for (String who : new String[] {"zhangsan", "lisi", "wushi", "auditor"}) {
                Counted page = detail(app, who, id);
                assertThat(page.turns()).as(who + "'s detail page").isEqualTo(1);
                JsonObject overHttp = app.as(who).get("/api/requests/" + id).json();
                assertThat(new JsonObject(page.json().encode())).as(who + "'s detail page as the API answers it").isEqualTo(overHttp);
                assertThat(page.json().getJsonArray("timeline")).isNotEmpty();
                assertThat(page.json().getJsonArray("tasks")).isNotEmpty();
                assertThat(page.json().getJsonArray("seals").getJsonObject(0).getString("code")).isEqualTo("HT-001");
            }

            Counted mine = counted(app, () -> app.module.queries().list(HttpGlue.actor(app.user("zhangsan")), "mine", null, null, 1, 20));
            assertThat(mine.turns()).isEqualTo(1);
            assertThat(mine.json().getLong("total")).isEqualTo(1L);
            assertThat(mine.json().getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(id);

            // a request read from the pool (its row and its lists), as after a submit
            Counted reread = counted(app, () -> app.requests.reread(id).map(SealRequest::toJson));
            assertThat(reread.turns()).isEqualTo(1);
            assertThat(reread.json().getJsonArray("sealIds")).containsExactly(app.seal("HT-001"));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aRequestNobodyMaySeeIsStillA404AndGivesItsConnectionBack(Dialect dialect) throws Exception {
        try (RequestApp app = new RequestApp(dialect)) {
            TestHttp.Res created = app.as("zhangsan").post("/api/requests", JourneyTest.contract(app, false));
            String id = created.json().getString("id");
            for (int i = 0; i < 3; i++) {
                assertThat(app.as("chenyu").get("/api/requests/" + id).status()).isEqualTo(404);
                assertThat(app.as("chenyu").get("/api/requests/" + "x".repeat(65)).status()).isEqualTo(404);
            }
            // on SQLite the one connection would still be held by a failed page: this read would never get it
            assertThat(detail(app, "zhangsan", id).turns()).isEqualTo(1);
        }
    }
}
