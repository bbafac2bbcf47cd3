package com.sealflow.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retries racing with the same Idempotency-Key create once; anonymous traffic never creates a session. */
class IdempotencyAndSessionTest {

    static final Servers SERVERS = Servers.demo();

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void racingRetriesCreateExactlyOnce(Dialect d) throws Exception {
        TestHttp admin = SERVERS.login(d, "admin").header("Idempotency-Key", "race-" + d);
        JsonObject body = new JsonObject().put("code", "RACE" + d.ordinal()).put("name", "竞速部");
        CyclicBarrier barrier = new CyclicBarrier(6);
        List<CompletableFuture<TestHttp.Res>> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    barrier.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return admin.post("/api/departments", body);
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<TestHttp.Res> f : all) {
            statuses.add(f.get(30, TimeUnit.SECONDS).status());
        }
        assertThat(statuses).isSubsetOf(201, 409);
        assertThat(statuses).contains(201);
        assertThat(admin.get("/api/departments").array().stream()
            .filter(o -> ((JsonObject) o).getString("code").equals("RACE" + d.ordinal()))).hasSize(1);
        assertThat(admin.post("/api/departments", body).status()).as("replayed after the race").isEqualTo(201);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anonymousRequestsNeverCreateSessions(Dialect d) throws Exception {
        TestServer server = SERVERS.get(d);
        long before = sessions(server);
        TestHttp anon = server.http();
        for (int i = 0; i < 50; i++) {
            anon.get("/health");
            anon.get("/api/openapi.json");
            anon.get("/api/me");
            anon.get("/api/auth/csrf");
        }
        assertThat(sessions(server)).isEqualTo(before);
        Servers.login(server, "lisi", "sealflow");
        assertThat(sessions(server)).isEqualTo(before + 1);
    }

    private static long sessions(TestServer server) throws Exception {
        return server.server.platform().db().execute("SELECT COUNT(*) AS n FROM sessions").await(10, TimeUnit.SECONDS)
            .iterator().next().getLong("n");
    }
}
