package com.sealflow.simulator.mcu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.protocol.serial.AuthMethod;
import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.LockState;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.SessionEndReason;
import com.sealflow.protocol.serial.TamperKind;
import com.sealflow.protocol.serial.UnlockMac;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SimulatedMcuTest {

    static final byte[] KEY = filled(7);
    static final McuSpec SEAL = new McuSpec("SD-01", McuSpec.Kind.SEAL_DEVICE, 0, "sim-1", KEY);
    static final McuSpec CABINET = new McuSpec("CAB-01", McuSpec.Kind.CABINET, 3, "sim-1", KEY);

    @Test
    void saysHelloWithIdentityCounterAndCapabilities() {
        TestHost host = new TestHost(SEAL);
        Message.Hello hello = host.received(Message.Hello.class).get(0);
        assertThat(hello.deviceId()).isEqualTo("SD-01");
        assertThat(hello.firmwareVersion()).isEqualTo("sim-1");
        assertThat(hello.pressCounter()).isZero();
        assertThat(hello.can(Message.Hello.CAP_PRESS_SENSOR)).isTrue();
        assertThat(hello.can(Message.Hello.CAP_DOOR)).isFalse();
        assertThat(new TestHost(CABINET).received(Message.Hello.class).get(0).slotCount()).isEqualTo(3);
    }

    @Test
    void authThenUnlockThenExactlyTheAllowedPressesThenSessionEnd() {
        TestHost host = new TestHost(SEAL);
        host.mcu.auth(AuthMethod.PIN, "1234");
        assertThat(host.received(Message.Auth.class)).containsExactly(new Message.Auth(AuthMethod.PIN, "1234"));
        assertThat(host.mcu.state().lastAuth()).isEqualTo("ACCEPTED");

        int bad = host.send(UnlockMac.sign(filled(8), "SD-01", 77, 0, 2, 60, 1));
        assertThat(host.answerTo(bad)).isEqualTo(ErrorCode.BAD_MAC);
        assertThat(host.mcu.state().lockState()).isEqualTo(LockState.LOCKED);

        int good = host.send(UnlockMac.sign(KEY, "SD-01", 77, 0, 2, 60, 1));
        assertThat(host.answerTo(good)).isEqualTo(ErrorCode.OK);
        assertThat(host.mcu.state().lockState()).isEqualTo(LockState.UNLOCKED);
        assertThat(host.mcu.state().remainingPresses()).isEqualTo(2);

        assertThat(host.mcu.press().forced()).isFalse();
        assertThat(host.mcu.press().remaining()).isZero();
        assertThat(host.received(Message.Press.class))
                .containsExactly(new Message.Press(77, 1, 1), new Message.Press(77, 2, 0));
        assertThat(host.received(Message.SessionEnd.class))
                .containsExactly(new Message.SessionEnd(77, SessionEndReason.PRESSES_USED, 2));
        assertThat(host.mcu.state().lockState()).isEqualTo(LockState.LOCKED);

        SimulatedMcu.PressOutcome third = host.mcu.press();
        assertThat(third.forced()).isTrue();
        assertThat(host.received(Message.Tamper.class)).containsExactly(new Message.Tamper(TamperKind.FORCED_PRESS));
        assertThat(host.received(Message.Press.class)).last().isEqualTo(new Message.Press(0, 3, 0));
    }

    @Test
    void aRecordedUnlockCannotBeReplayedAndOnlyOneSessionRuns() {
        TestHost host = new TestHost(SEAL);
        Message.Unlock unlock = UnlockMac.sign(KEY, "SD-01", 5, 0, 1, 60, 9);
        assertThat(host.answerTo(host.send(unlock))).isEqualTo(ErrorCode.OK);
        assertThat(host.answerTo(host.send(UnlockMac.sign(KEY, "SD-01", 6, 0, 1, 60, 10)))).isEqualTo(ErrorCode.BUSY);
        host.mcu.press();
        assertThat(host.answerTo(host.send(unlock))).isEqualTo(ErrorCode.REPLAYED);
        assertThat(host.answerTo(host.send(UnlockMac.sign(KEY, "SD-01", 7, 3, 1, 60, 11)))).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void aPressWhoseAckIsLostIsRetransmittedButDeliveredOnce() {
        TestHost host = new TestHost(SEAL);
        host.send(UnlockMac.sign(KEY, "SD-01", 5, 0, 3, 60, 1));
        host.hostToMcu = false; // the host's ACKs vanish
        host.mcu.press();
        host.advance(600);
        assertThat(host.link.duplicatesSuppressed()).isGreaterThanOrEqualTo(1);
        host.hostToMcu = true;
        host.advance(600);
        assertThat(host.received(Message.Press.class)).containsExactly(new Message.Press(5, 1, 2));
        assertThat(host.mcu.state().pending()).isZero();
    }

    @Test
    void aPressIsRepeatedUntilAckedEvenAfterTheLinkGaveUp() {
        TestHost host = new TestHost(SEAL);
        host.mcuToHost = false; // the host hears nothing for a long while
        host.mcu.press();
        host.advance(5_000);
        assertThat(host.received(Message.Press.class)).isEmpty();
        assertThat(host.mcu.state().pending()).isEqualTo(2);
        host.mcuToHost = true;
        host.advance(2_000);
        assertThat(host.received(Message.Press.class)).containsExactly(new Message.Press(0, 1, 0));
        assertThat(host.mcu.state().pending()).isZero();
    }

    @Test
    void powerLossEndsTheSessionKeepsTheCounterAndForgetsTheRest() {
        TestHost host = new TestHost(SEAL);
        host.send(UnlockMac.sign(KEY, "SD-01", 5, 0, 3, 60, 4));
        host.mcu.press();
        host.mcu.tamper(TamperKind.MOVED);
        host.mcu.powerOff();
        assertThatThrownBy(host.mcu::press).isInstanceOf(McuRefusedException.class);
        host.received.clear();
        host.mcu.powerOn();
        Message.Hello hello = host.received(Message.Hello.class).get(0);
        assertThat(hello.pressCounter()).isEqualTo(1);
        assertThat(hello.lastUnlockCounter()).isEqualTo(4);
        assertThat(host.mcu.state().lockState()).isEqualTo(LockState.LOCKED);
        assertThat(host.answerTo(host.send(UnlockMac.sign(KEY, "SD-01", 5, 0, 3, 60, 4)))).isEqualTo(ErrorCode.REPLAYED);
    }

    @Test
    void powerLossDuringASessionIsReportedAfterBoot() {
        TestHost host = new TestHost(SEAL);
        host.send(UnlockMac.sign(KEY, "SD-01", 5, 0, 3, 60, 4));
        host.mcu.press();
        host.mcu.powerOff();
        host.mcu.powerOn();
        host.advance(100);
        assertThat(host.received(Message.SessionEnd.class)).containsExactly(new Message.SessionEnd(5, SessionEndReason.POWER, 1));
    }

    @Test
    void theSessionEndsAtItsTimeLimitAndOnLock() {
        TestHost host = new TestHost(SEAL);
        host.send(UnlockMac.sign(KEY, "SD-01", 5, 0, 3, 2, 1));
        host.advance(2_100);
        assertThat(host.received(Message.SessionEnd.class)).containsExactly(new Message.SessionEnd(5, SessionEndReason.TIME_LIMIT, 0));
        host.send(UnlockMac.sign(KEY, "SD-01", 6, 0, 3, 60, 2));
        assertThat(host.answerTo(host.send(new Message.Lock(99)))).isEqualTo(ErrorCode.NO_SESSION);
        assertThat(host.answerTo(host.send(new Message.Lock(6)))).isEqualTo(ErrorCode.OK);
        assertThat(host.received(Message.SessionEnd.class)).last().isEqualTo(new Message.SessionEnd(6, SessionEndReason.LOCKED_BY_HOST, 0));
    }

    @Test
    void cabinetDoorAndSlotsReportAndForcedDoorIsTamper() {
        TestHost host = new TestHost(CABINET);
        host.mcu.door(true);
        assertThat(host.received(Message.Tamper.class)).containsExactly(new Message.Tamper(TamperKind.DOOR_FORCED));
        host.mcu.door(false);
        host.send(UnlockMac.sign(KEY, "CAB-01", 8, 2, 0, 60, 1));
        assertThat(host.mcu.state().lockRelayOpen()).isTrue();
        host.mcu.door(true);
        host.mcu.slot(2, false);
        host.mcu.door(false);
        assertThat(host.received(Message.Slot.class)).containsExactly(new Message.Slot(2, false));
        assertThat(host.received(Message.Door.class)).extracting(Message.Door::open).containsExactly(true, false, true, false);
        assertThat(host.received(Message.SessionEnd.class)).containsExactly(new Message.SessionEnd(8, SessionEndReason.ENDED_AT_DEVICE, 0));
        assertThat(host.mcu.state().slots()).containsExactly(true, false, true);
        assertThat(host.received(Message.Tamper.class)).hasSize(1);
        assertThatThrownBy(host.mcu::press).isInstanceOf(McuRefusedException.class);
        assertThatThrownBy(() -> host.mcu.slot(1, false)).hasMessageContaining("door is closed");
    }

    @Test
    void aRefusedKeypadEntryIsShown() {
        TestHost host = new TestHost(SEAL);
        host.answer = m -> m instanceof Message.Auth ? ErrorCode.NOT_ALLOWED : ErrorCode.OK;
        host.mcu.auth(AuthMethod.PIN, "0000");
        assertThat(host.mcu.state().lastAuth()).isEqualTo("REFUSED:NOT_ALLOWED");
    }

    @Test
    void answersAHeartbeatWithItsStatus() {
        TestHost host = new TestHost(SEAL);
        host.send(UnlockMac.sign(KEY, "SD-01", 12, 0, 4, 60, 1));
        host.mcu.press();
        host.send(new Message.Heartbeat());
        Message.Status status = host.received(Message.Status.class).get(host.received(Message.Status.class).size() - 1);
        assertThat(status.lockState()).isEqualTo(LockState.UNLOCKED);
        assertThat(status.sessionId()).isEqualTo(12);
        assertThat(status.remainingPresses()).isEqualTo(3);
        assertThat(status.pressCounter()).isEqualTo(1);
    }

    @Test
    void framesLostInLineNoiseAreSentAgainAndDeliveredOnce() {
        TestHost host = new TestHost(SEAL);
        for (int i = 0; i < 5; i++) {
            host.mcu.injectNoise(200);
            host.mcu.press();
            host.advance(1_000);
        }
        assertThat(host.received(Message.Press.class)).extracting(Message.Press::pressCounter).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(host.link.decoder().discardedTotal()).isPositive();
        assertThat(host.mcu.state().pending()).isZero();
    }

    @Test
    void unacknowledgedEvidenceSurvivesAPowerLoss() {
        TestHost host = new TestHost(SEAL);
        host.mcuToHost = false;
        host.mcu.press();
        host.mcu.press();
        host.mcu.powerOff();
        host.mcu.powerOn();
        host.mcuToHost = true;
        host.advance(3_000);
        assertThat(host.received(Message.Press.class)).extracting(Message.Press::pressCounter).containsExactly(1L, 2L);
        assertThat(host.received(Message.Tamper.class)).hasSize(2);
        assertThat(host.received.get(0)).isInstanceOf(Message.Hello.class);
    }

    @Test
    void theCustodianCanEndTheSessionEarly() {
        TestHost host = new TestHost(SEAL);
        host.send(UnlockMac.sign(KEY, "SD-01", 9, 0, 3, 60, 1));
        host.mcu.press();
        host.mcu.endSession();
        assertThat(host.received(Message.SessionEnd.class)).containsExactly(new Message.SessionEnd(9, SessionEndReason.ENDED_AT_DEVICE, 1));
        assertThatThrownBy(host.mcu::endSession).isInstanceOf(McuRefusedException.class);
        assertThat(host.mcu.press().forced()).isTrue();
    }

    @Test
    void lockWhileLockedIsIdempotent() {
        TestHost host = new TestHost(SEAL);
        assertThat(host.answerTo(host.send(new Message.Lock(0)))).isEqualTo(ErrorCode.OK);
        assertThat(host.answerTo(host.send(new Message.Lock(42)))).isEqualTo(ErrorCode.OK);
    }

    @Test
    void aSilentHostEndsTheSessionOnceItIsKnownToSendHeartbeats() {
        TestHost quiet = new TestHost(SEAL);
        quiet.send(UnlockMac.sign(KEY, "SD-01", 5, 0, 3, 60, 1));
        quiet.advance(6_000);
        assertThat(quiet.mcu.state().lockState()).as("no heartbeats seen: silence proves nothing").isEqualTo(LockState.UNLOCKED);

        TestHost host = new TestHost(SEAL);
        host.send(new Message.Heartbeat());
        host.send(UnlockMac.sign(KEY, "SD-01", 5, 0, 3, 60, 1));
        host.advance(4_000);
        assertThat(host.mcu.state().lockState()).isEqualTo(LockState.UNLOCKED);
        host.advance(1_500);
        assertThat(host.received(Message.SessionEnd.class)).containsExactly(new Message.SessionEnd(5, SessionEndReason.HOST_LOST, 0));
    }

    @Test
    void unlockChecksRunInTheDocumentedOrder() {
        TestHost host = new TestHost(SEAL);
        host.send(UnlockMac.sign(KEY, "SD-01", 5, 0, 3, 60, 7));
        // replayed counter AND bad slot AND busy: REPLAYED wins; bad slot AND busy: BAD_ARGUMENT wins
        assertThat(host.answerTo(host.send(UnlockMac.sign(KEY, "SD-01", 6, 2, 3, 60, 7)))).isEqualTo(ErrorCode.REPLAYED);
        assertThat(host.answerTo(host.send(UnlockMac.sign(KEY, "SD-01", 6, 2, 3, 60, 8)))).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(host.answerTo(host.send(UnlockMac.sign(KEY, "SD-01", 6, 0, 3, 60, 8)))).isEqualTo(ErrorCode.BUSY);
        host.send(new Message.Lock(0));
        host.mcu.tamper(TamperKind.CASE_OPENED);
        assertThat(host.answerTo(host.send(UnlockMac.sign(KEY, "SD-01", 6, 0, 3, 60, 8)))).isEqualTo(ErrorCode.NOT_ALLOWED);
    }

    static byte[] filled(int value) {
        byte[] key = new byte[UnlockMac.KEY_LENGTH];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
