package com.sealflow.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.PoolWaits;
import com.sealflow.server.seal.HttpGlue;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * The request detail page and the request list take one database connection each for all their reads (they had taken
 * one per statement, about ten for the detail page, each a wait in the pool's queue under load), and answer as before;
 * so does a request read from the pool. A submit reads its seals and its flow's form on one connection and the request
 * it answers with inside its transaction; an approver's to-do list and a decision's checks read on one connection.
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

    /** The request log's lines while open: how many connections a request over HTTP took ({@code pool_turns}). */
    private static final class RequestLines implements AutoCloseable {
        private final ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("http");
        private final ch.qos.logback.classic.Level level = log.getLevel();
        private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

        RequestLines() {
            lines.start();
            log.addAppender(lines);
            log.setLevel(ch.qos.logback.classic.Level.INFO);
        }

        /** The turns of the latest such request; its line is written once its body ended, so it may come a little later. */
        int turns(String method, String path) throws InterruptedException {
            String prefix = "method=" + method + " path=" + path + " ";
            for (int i = 0; i < 200; i++) {
                List<ILoggingEvent> seen = List.copyOf(lines.list);
                for (int j = seen.size() - 1; j >= 0; j--) {
                    String line = seen.get(j).getFormattedMessage();
                    if (line.startsWith(prefix)) {
                        lines.list.clear();
                        return Integer.parseInt(line.substring(line.indexOf("pool_turns=") + "pool_turns=".length()));
                    }
                }
                Thread.sleep(10);
            }
            throw new AssertionError("no request log line for " + method + " " + path);
        }

        @Override
        public void close() {
            log.detachAppender(lines);
            log.setLevel(level);
        }
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
    void aSubmitTakesThreeConnectionsAndAnswersWithTheCommittedRequest(Dialect dialect) throws Exception {
        try (RequestApp app = new RequestApp(dialect)) {
            // create and submit at once: the seals and the flow's form (one read connection), the request's number (a
            // statement of its own), the engine's start with the draft's rows and the request read back (one transaction)
            Counted created = counted(app, () -> app.requests.create(HttpGlue.actor(app.user("zhangsan")),
                JourneyTest.contract(app, true)).map(SealRequest::toJson));
            assertThat(created.turns()).isEqualTo(3);
            String id = created.json().getString("id");
            assertThat(created.json().getString("status")).isEqualTo("IN_PROGRESS");
            assertThat(created.json().getLong("submittedAt")).isNotNull();
            assertThat(created.json().getJsonObject("flow").getInteger("version")).isNotNull();
            assertThat(created.json()).isEqualTo(app.requests.reread(id).map(SealRequest::toJson).await(10, TimeUnit.SECONDS));

            // a draft submitted later: the request (one read connection), its seals and form (one), the start (one)
            String draft = app.as("zhangsan").post("/api/requests", JourneyTest.contract(app, false)).json().getString("id");
            Counted submitted = counted(app, () -> app.requests.submit(HttpGlue.actor(app.user("zhangsan")), draft)
                .map(SealRequest::toJson));
            assertThat(submitted.turns()).isEqualTo(3);
            assertThat(submitted.json().getString("status")).isEqualTo("IN_PROGRESS");
            assertThat(submitted.json()).isEqualTo(app.requests.reread(draft).map(SealRequest::toJson).await(10, TimeUnit.SECONDS));

            // a refused submit still answers 4xx and leaves nothing behind (on SQLite a held connection would block the read)
            JsonObject unknownSeal = JourneyTest.contract(app, true).put("sealIds", new JsonArray().add("no-such-seal"));
            assertThat(app.as("zhangsan").post("/api/requests", unknownSeal).status()).isEqualTo(422);
            assertThat(counted(app, () -> app.requests.reread(id).map(SealRequest::toJson)).turns()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theToDoListTakesOneConnectionAndADecisionTwo(Dialect dialect) throws Exception {
        try (RequestApp app = new RequestApp(dialect); RequestLines http = new RequestLines()) {
            String id = app.as("zhangsan").post("/api/requests", JourneyTest.contract(app, true)).json().getString("id");

            TestHttp.Res todo = app.as("lisi").get("/api/tasks?status=pending&page=1&size=5");
            assertThat(todo.status()).as(todo.body()).isEqualTo(200);
            assertThat(http.turns("GET", "/api/tasks")).as("the to-do page, its count and the names").isEqualTo(1);
            JsonObject task = todo.json().getJsonArray("items").getJsonObject(0);
            assertThat(todo.json().getLong("total")).isEqualTo(1L);
            assertThat(task.getString("requestId")).isEqualTo(id);
            assertThat(task.getString("assigneeId")).isEqualTo(app.id("lisi"));
            assertThat(task.getString("assigneeName")).isEqualTo(app.user("lisi").name());

            // the task and the request's frozen flag on one read connection, then the engine's transaction
            String path = "/api/tasks/" + task.getString("id") + "/approve";
            TestHttp.Res approved = app.as("lisi").post(path, new JsonObject().put("comment", "同意"));
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(http.turns("POST", path)).isEqualTo(2);

            // someone else's task is still a 404, its connection given back
            TestHttp.Res notMine = app.as("chenyu").post(path, new JsonObject());
            assertThat(notMine.status()).isEqualTo(404);
            assertThat(app.as("lisi").get("/api/tasks?status=done").json().getLong("total")).isEqualTo(1L);
            assertThat(http.turns("GET", "/api/tasks")).isEqualTo(1);
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
