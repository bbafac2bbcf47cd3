package com.sealflow.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.TestServer;
import com.sealflow.server.db.Dialect;
import com.sealflow.simulator.people.PeopleLoad;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The short variant of {@code simulator people}: ten people against a real demo server for a few seconds. It checks
 * that the load tool really drives the journey (log-in, CSRF, apply, approve) without errors; the figures come from
 * the long variant in docs/benchmarks.md.
 */
class PeopleLoadTest {

    @Test
    void tenPeopleApplyAndApproveThroughTheHttpApiWithoutErrors() throws Exception {
        try (TestServer server = TestServer.start(Dialect.SQLITE, Map.of("demo", "true"))) {
            PeopleLoad load = new PeopleLoad(new PeopleLoad.Options("http://127.0.0.1:" + server.server.port(), "admin", "sealflow",
                List.of(10), Duration.ofSeconds(4), Duration.ofMillis(100), 60_000.0, 10));
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            boolean ok = load.run(new PrintStream(printed, true, StandardCharsets.UTF_8));
            String report = printed.toString(StandardCharsets.UTF_8);

            assertThat(ok).as(report).isTrue();
            PeopleLoad.StepResult step = load.results().get(0);
            assertThat(step.people()).isEqualTo(10);
            assertThat(step.errors()).as(report).isZero();
            assertThat(step.submitted()).as(report).isPositive();
            assertThat(step.approvals()).as(report).isPositive();
            assertThat(step.perOperation().get("login").count()).isEqualTo(10);
            assertThat(report).contains("== 10 people", "approve", "p99=");
            assertThat(load.warmUps()).isEmpty();
            assertThat(report).doesNotContain("warm-up");
        }
    }

    @Test
    void aWarmUpRunsTheSameRoundsUnmeasuredBeforeTheWindow() throws Exception {
        try (TestServer server = TestServer.start(Dialect.SQLITE, Map.of("demo", "true"))) {
            PeopleLoad load = new PeopleLoad(new PeopleLoad.Options("http://127.0.0.1:" + server.server.port(), "admin", "sealflow",
                List.of(10), Duration.ofSeconds(3), Duration.ofMillis(100), null, 10)).warmUp(Duration.ofSeconds(2));
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            boolean ok = load.run(new PrintStream(printed, true, StandardCharsets.UTF_8));
            String report = printed.toString(StandardCharsets.UTF_8);

            assertThat(ok).as(report).isTrue();
            PeopleLoad.WarmUp warmUp = load.warmUps().get(0);
            assertThat(warmUp.people()).isEqualTo(10);
            assertThat(warmUp.length()).isEqualTo(Duration.ofSeconds(2));
            assertThat(warmUp.opsPerSecond()).as(report).isPositive();
            assertThat(warmUp.worstP99Millis()).as(report).isPositive();
            assertThat(warmUp.errors()).as(report).isZero();
            PeopleLoad.StepResult step = load.results().get(0);
            assertThat(step.errors()).as(report).isZero();
            assertThat(step.perOperation().get("list-mine").count()).as(report).isPositive();
            assertThat(step.perOperation().get("todo").count()).as(report).isPositive();
            assertThat(step.perOperation().get("login").count()).isEqualTo(10);
            assertThat(report).containsSubsequence("warm-up PT2S (not measured):", "operations/s, worst p99", "== 10 people");
            assertThat(report).contains("measured window (UTC): ");
        }
    }
}
