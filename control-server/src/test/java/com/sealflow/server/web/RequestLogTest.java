package com.sealflow.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The access log's pool wait reads as before: milliseconds with one decimal, rounded half up. */
class RequestLogTest {

    @Test
    void poolWaitIsMillisecondsWithOneDecimal() {
        assertThat(RequestLog.tenthsOfMs(0)).isEqualTo("0.0");
        assertThat(RequestLog.tenthsOfMs(49_999)).isEqualTo("0.0");
        assertThat(RequestLog.tenthsOfMs(50_000)).isEqualTo("0.1");
        assertThat(RequestLog.tenthsOfMs(1_234_567)).isEqualTo("1.2");
        assertThat(RequestLog.tenthsOfMs(2_960_000)).isEqualTo("3.0");
        assertThat(RequestLog.tenthsOfMs(12_345_678_901L)).isEqualTo("12345.7");
        for (long nanos = 0; nanos < 30_000_000; nanos += 77_777) {
            assertThat(RequestLog.tenthsOfMs(nanos)).isEqualTo(String.format(Locale.ROOT, "%.1f", nanos / 1e6));
        }
    }
}
