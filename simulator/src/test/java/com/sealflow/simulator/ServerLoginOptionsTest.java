package com.sealflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code people} and {@code idle} take the same --server, --admin and --admin-password, with the same defaults. */
class ServerLoginOptionsTest {

    @Test
    void peopleAndIdleReadTheServerAndTheAdminAccount() {
        SimulatorMain.People people = new SimulatorMain.People();
        new CommandLine(people).parseArgs("--server", "http://10.0.0.5:8080", "--admin", "ops", "--admin-password", "s3cret");
        assertThat(people.login.server).isEqualTo("http://10.0.0.5:8080");
        assertThat(people.login.admin).isEqualTo("ops");
        assertThat(people.login.adminPassword).isEqualTo("s3cret");

        SimulatorMain.Idle idle = new SimulatorMain.Idle();
        new CommandLine(idle).parseArgs("--server=http://127.0.0.1:8080", "--devices", "5", "--admin=root", "--admin-password=pw");
        assertThat(idle.login.server).isEqualTo("http://127.0.0.1:8080");
        assertThat(idle.login.admin).isEqualTo("root");
        assertThat(idle.login.adminPassword).isEqualTo("pw");
    }

    @Test
    void theAdminAccountDefaultsToTheDemoOneAndTheServerIsRequired() {
        for (Object command : new Object[] {new SimulatorMain.People(), new SimulatorMain.Idle()}) {
            CommandLine cli = new CommandLine(command);
            cli.parseArgs("--server", "http://127.0.0.1:8080");
            ServerLogin login = command instanceof SimulatorMain.People p ? p.login : ((SimulatorMain.Idle) command).login;
            assertThat(login.admin).isEqualTo("admin");
            assertThat(login.adminPassword).isEqualTo("sealflow");
            assertThat(cli.getCommandSpec().findOption("--admin-password")).isNotNull();
            assertThatThrownBy(() -> new CommandLine(command).parseArgs("--admin", "x"))
                .isInstanceOf(CommandLine.MissingParameterException.class).hasMessageContaining("--server");
        }
    }
}
