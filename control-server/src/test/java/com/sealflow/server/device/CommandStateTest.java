package com.sealflow.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandStateTest {

    @Test
    void terminalStatesNeverMoveAndAnswersMayOvertakeThePublishAck() {
        for (CommandState terminal : new CommandState[] {CommandState.DONE, CommandState.REJECTED, CommandState.EXPIRED,
            CommandState.REVOKED}) {
            assertThat(terminal.isTerminal()).isTrue();
            for (CommandState next : CommandState.values()) {
                assertThat(terminal.canMoveTo(next)).isFalse();
            }
        }
        assertThat(CommandState.QUEUED.canMoveTo(CommandState.ACCEPTED)).isTrue();
        assertThat(CommandState.SENT.canMoveTo(CommandState.DONE)).isTrue();
        assertThat(CommandState.ACCEPTED.canMoveTo(CommandState.SENT)).isFalse();
        assertThat(CommandState.ACCEPTED.canMoveTo(CommandState.ACCEPTED)).isFalse();
    }

    @Test
    void topicsNameDevicesAndRefuseWildcardIds() {
        assertThat(Topics.command("SD-01", "unlock")).isEqualTo("sealflow/v1/dev/SD-01/cmd/unlock");
        assertThat(Topics.shared("evt")).isEqualTo("$share/sealflow/sealflow/v1/dev/+/evt");
        assertThat(Topics.deviceIdOf("sealflow/v1/dev/CAB-01/cmd-res/c1")).isEqualTo("CAB-01");
        assertThat(Topics.leafOf("sealflow/v1/dev/CAB-01/cmd-res/c1")).isEqualTo("cmd-res/c1");
        assertThat(Topics.deviceIdOf("other/topic")).isNull();
        assertThat(Topics.validDeviceId("SD-01")).isTrue();
        assertThat(Topics.validDeviceId("a/b")).isFalse();
        assertThat(Topics.validDeviceId("+")).isFalse();
        assertThat(Topics.validDeviceId("#")).isFalse();
        assertThat(Topics.validDeviceId("$SYS")).isFalse();
        assertThat(Topics.validDeviceId("")).isFalse();
    }
}
