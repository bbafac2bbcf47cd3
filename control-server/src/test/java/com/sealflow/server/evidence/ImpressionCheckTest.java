package com.sealflow.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImpressionCheckTest {

    @Test
    void aStampedPageHasEnoughStrongRedAndIsNotBlank() {
        ImpressionCheck.Result r = ImpressionCheck.check(TestImages.page(true));
        assertThat(r.decoded()).isTrue();
        assertThat(r.redFraction()).isGreaterThan(ImpressionCheck.MIN_RED_FRACTION);
        assertThat(r.flags()).isEmpty();
    }

    @Test
    void aPageWithoutASealIsFlaggedNoImpressionButNotBlank() {
        ImpressionCheck.Result r = ImpressionCheck.check(TestImages.page(false));
        assertThat(r.flags()).containsExactly(AnomalyKind.NO_SEAL_IMPRESSION);
        assertThat(r.lumaStdDev()).isGreaterThan(ImpressionCheck.MIN_LUMA_STDDEV);
    }

    @Test
    void aBlankSheetIsFlaggedBlankAndWithoutImpression() {
        assertThat(ImpressionCheck.check(TestImages.blank()).flags())
            .containsExactlyInAnyOrder(AnomalyKind.NO_SEAL_IMPRESSION, AnomalyKind.BLANK_PAGE);
    }

    @Test
    void undecodableBytesCountAsBlankWithoutImpression() {
        assertThat(ImpressionCheck.check(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3}).decoded()).isFalse();
    }
}
