package com.sealflow.protocol.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnlockMacTest {

    private static final byte[] KEY = SampleMessages.LINK_KEY;
    private final Message.Unlock unlock = UnlockMac.sign(KEY, "SF-DEV-0001", 7, 0, 3, 180, 42);

    @Test
    void signedUnlockVerifies() {
        assertThat(UnlockMac.verify(KEY, "SF-DEV-0001", unlock)).isTrue();
    }

    @Test
    void anyChangedFieldFailsVerification() {
        byte[] mac = unlock.mac();
        List<Message.Unlock> altered = List.of(
                new Message.Unlock(8, 0, 3, 180, 42, mac),
                new Message.Unlock(7, 1, 3, 180, 42, mac),
                new Message.Unlock(7, 0, 30, 180, 42, mac),
                new Message.Unlock(7, 0, 3, 18_000, 42, mac),
                new Message.Unlock(7, 0, 3, 180, 43, mac));
        for (Message.Unlock u : altered) {
            assertThat(UnlockMac.verify(KEY, "SF-DEV-0001", u)).as("%s", u).isFalse();
        }
    }

    @Test
    void macIsBoundToDeviceAndKey() {
        assertThat(UnlockMac.verify(KEY, "SF-DEV-0002", unlock)).isFalse();
        assertThat(UnlockMac.verify(SampleMessages.bytes(1, 32), "SF-DEV-0001", unlock)).isFalse();
    }

    @Test
    void flippedMacBitFails() {
        byte[] mac = unlock.mac();
        mac[15] ^= 1;
        assertThat(UnlockMac.verify(KEY, "SF-DEV-0001", new Message.Unlock(7, 0, 3, 180, 42, mac))).isFalse();
    }

    @Test
    void unlockDoesNotExposeItsMacArrayForMutation() {
        unlock.mac()[0] ^= 1;
        assertThat(UnlockMac.verify(KEY, "SF-DEV-0001", unlock)).isTrue();
    }

    @Test
    void keyMustBe32Bytes() {
        assertThatThrownBy(() -> UnlockMac.compute(new byte[16], "d", 1, 0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
