package com.sealflow.protocol.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolVersionsTest {

    @Test
    void highestCommonVersionWins() {
        assertThat(ProtocolVersions.negotiate(List.of(1, 2, 3), List.of(2, 3, 4)).getAsInt()).isEqualTo(3);
        assertThat(ProtocolVersions.negotiate(List.of(1, 2, 3, 4))).hasValue(1);
    }

    @Test
    void noCommonVersionMeansNoLink() {
        assertThat(ProtocolVersions.negotiate(List.of(2, 3))).isEmpty();
    }
}
