package com.sealflow.simulator.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void measuresAProcessByPidAndItselfPerOperation() throws Exception {
        CpuMeter meter = CpuMeter.start(ProcessHandle.current().pid());
        burn();
        String line = meter.summary(1000, 1.0);
        assertThat(line).matches("server CPU [0-9.]+ s = [0-9.]+ ms per operation \\([0-9.]+ cores\\); load tool CPU [0-9.]+ s "
            + "\\([0-9.]+ cores\\); load average \\S+ -> \\S+");
        double tool = Double.parseDouble(line.replaceAll(".*load tool CPU ([0-9.]+) s.*", "$1"));
        double server = Double.parseDouble(line.replaceAll("server CPU ([0-9.]+) s.*", "$1"));
        // a fixed amount of work (about 0.1-0.3 s of CPU), so the figures do not depend on the machine's load
        assertThat(tool).isGreaterThan(0.02);
        assertThat(server).isGreaterThan(0.0);
    }

    @Test
    void withoutAPidSaysTheServerIsUnknown() {
        assertThat(CpuMeter.start(0).summary(10, 1.0)).startsWith("server CPU unknown");
    }

    private static void burn() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[4096];
        for (int i = 0; i < 30_000; i++) {
            block[i % block.length] ^= sha.digest(block)[0];
        }
    }
}
