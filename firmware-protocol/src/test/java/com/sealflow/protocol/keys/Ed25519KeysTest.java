package com.sealflow.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.protocol.vectors.TestKeys;
import java.security.KeyPair;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {

    @Test
    void base64FormsRoundTrip() {
        KeyPair pair = Ed25519Keys.generate();
        assertThat(Ed25519Keys.publicKeyFromBase64(Ed25519Keys.publicKeyToBase64(pair.getPublic()))).isEqualTo(pair.getPublic());
        assertThat(Ed25519Keys.privateKeyFromBase64(Ed25519Keys.privateKeyToBase64(pair.getPrivate())).getEncoded())
                .isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void rawPublicKeyIsTheRfc8032Bytes() {
        assertThat(HexFormat.of().formatHex(Ed25519Keys.rawPublicKey(TestKeys.SERVER_PUBLIC)))
                .isEqualTo("17dbc3bac9dec7585fc3be2f27f705ca53674f6ed616e49654a158f506b25923");
        assertThat(Ed25519Keys.publicKeyFromRaw(Ed25519Keys.rawPublicKey(TestKeys.DEVICE_PUBLIC))).isEqualTo(TestKeys.DEVICE_PUBLIC);
    }

    @Test
    void malformedKeysAreIllegalArguments() {
        assertThatThrownBy(() -> Ed25519Keys.publicKeyFromBase64("AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519Keys.publicKeyFromBase64("not base64!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519Keys.publicKeyFromRaw(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
