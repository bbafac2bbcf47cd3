package com.sealflow.server.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The aggregate's transitions and the filing-code rule, without a database. */
class SealModelTest {

    static Seal seal(SealStatus status) {
        return new Seal("s1", "C-1", "章", SealType.OFFICIAL, status, null, "u1", "u2", "CAB-01", 1, null, null,
            List.of(DocumentType.CONTRACT), null, 1, 0, 0);
    }

    @Test
    void everyStatusAllowsExactlyItsTransitions() {
        assertThat(seal(SealStatus.ACTIVE).suspend(1).status()).isEqualTo(SealStatus.SUSPENDED);
        assertThat(seal(SealStatus.SUSPENDED).resume(1).status()).isEqualTo(SealStatus.ACTIVE);
        assertThat(seal(SealStatus.OUT).reportLost(1).status()).isEqualTo(SealStatus.LOST);
        assertThat(seal(SealStatus.ACTIVE).checkOut(1).checkIn(2).status()).isEqualTo(SealStatus.ACTIVE);
        assertThat(seal(SealStatus.LOST).destroy(1)).satisfies(s -> {
            assertThat(s.status()).isEqualTo(SealStatus.DESTROYED);
            assertThat(s.deviceId()).isNull();
            assertThat(s.version()).isEqualTo(2);
        });
        for (SealStatus from : List.of(SealStatus.SUSPENDED, SealStatus.OUT, SealStatus.LOST, SealStatus.DESTROYED)) {
            assertThatThrownBy(() -> seal(from).suspend(1)).isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).status()).isEqualTo(409));
        }
        assertThatThrownBy(() -> seal(SealStatus.LOST).resume(1)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> seal(SealStatus.DESTROYED).destroy(1)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> seal(SealStatus.SUSPENDED).checkOut(1)).isInstanceOf(DomainException.class);
    }

    @Test
    void usageNormsAndCustodians() {
        Seal s = seal(SealStatus.ACTIVE);
        assertThat(s.allows(DocumentType.CONTRACT)).isTrue();
        assertThat(s.allows(DocumentType.INVOICE)).isFalse();
        assertThat(s.custodians()).containsExactly("u1", "u2");
        assertThat(SealStatus.ACTIVE.usable()).isTrue();
        assertThat(SealStatus.SUSPENDED.usable()).isFalse();
    }

    @Test
    void filingCodesAreThirteenDigitsFromAProvince() {
        assertThat(FilingCode.problem("3101150000001")).isNull();
        assertThat(FilingCode.problem("310115000000")).isNotNull();
        assertThat(FilingCode.problem("31011500000012")).isNotNull();
        assertThat(FilingCode.problem("31011500000a1")).isNotNull();
        assertThat(FilingCode.problem("9901150000001")).isNotNull();
        assertThat(FilingCode.problem("3101150000000")).isNotNull();
        assertThat(FilingCode.problem(null)).isNotNull();
    }
}
