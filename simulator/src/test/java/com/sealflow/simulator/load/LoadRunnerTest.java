package com.sealflow.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadRunnerTest {

    @Test
    void aShortRunStampsWithRealAgentsAndPrintsFigures(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean passed = new LoadRunner(new LoadRunner.Options(2, 20, Duration.ofSeconds(3), 2, dir.resolve("a"), null, null))
                .run(new PrintStream(out, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(passed).as(report).isTrue();
        assertThat(report).contains("lost 0").contains("press -> ACK").contains("p99.9=").contains("PASSED");
        assertThat(report).doesNotContain("presses 0,");
    }

    @Test
    void anExpectationThatDoesNotHoldFailsTheRun(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean passed = new LoadRunner(new LoadRunner.Options(1, 20, Duration.ofSeconds(2), 2, dir.resolve("b"), 0.000_001, 1e9))
                .run(new PrintStream(out, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(passed).as(report).isFalse();
        assertThat(report).contains("FAILED");
    }

    @Test
    void percentilesAreTakenFromTheSortedSamples() {
        Latencies l = new Latencies();
        for (int i = 1000; i >= 1; i--) {
            l.add(i * 1_000_000L);
        }
        assertThat(l.percentileMillis(0.5)).isEqualTo(500.0);
        assertThat(l.percentileMillis(0.99)).isEqualTo(990.0);
        assertThat(l.percentileMillis(0.999)).isEqualTo(999.0);
        assertThat(l.percentileMillis(1.0)).isEqualTo(1000.0);
        assertThat(new Latencies().percentileMillis(0.5)).isNaN();
    }
}
