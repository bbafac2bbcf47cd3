package com.sealflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The build's training run for the class-data archive starts a real production server and finds it ready. */
class StartupArchiveTest {

    @Test
    void trainingRunStartsAReadyServerAndStopsIt() throws Exception {
        assertThat(StartupArchive.run()).isEqualTo(200);
    }
}
