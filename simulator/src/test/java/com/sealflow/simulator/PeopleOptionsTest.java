package com.sealflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code people} command's warm-up and start options. */
class PeopleOptionsTest {

    @Test
    void withoutAWarmUpTheMeasuredWindowStartsWithTheFirstRequestAsBefore() {
        SimulatorMain.People people = new SimulatorMain.People();
        new CommandLine(people).parseArgs("--server", "http://127.0.0.1:8080");
        assertThat(people.warmUp).isEqualTo(Duration.ZERO);
        assertThat(people.startSpread).isEqualTo(Duration.ZERO);
        assertThat(people.duration).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aWarmUpIsAnIsoDuration() {
        SimulatorMain.People people = new SimulatorMain.People();
        new CommandLine(people).parseArgs("--server", "http://127.0.0.1:8080", "--warm-up", "PT15S", "--duration", "PT1M");
        assertThat(people.warmUp).isEqualTo(Duration.ofSeconds(15));
        assertThat(people.duration).isEqualTo(Duration.ofMinutes(1));

        assertThatThrownBy(() -> new CommandLine(new SimulatorMain.People()).parseArgs("--server", "http://x", "--warm-up", "15s"))
            .isInstanceOf(CommandLine.ParameterException.class);
    }
}
