package com.sealflow.agent.session;

import com.sealflow.agent.device.McuPort;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.journal.TokenLedger;
import com.sealflow.protocol.serial.Message;
import java.sql.SQLException;

/**
 * The UNLOCK counter the MCU checks for replay: a fresh one per UNLOCK, above both the agent's persisted value and
 * the MCU's last accepted one (from HELLO), persisted before the UNLOCK is sent (in the session's own transaction).
 */
final class UnlockCounter {

    private UnlockCounter() {
    }

    /**
     * The next counter, not yet stored: the caller stores it ({@link TokenLedger#sessionStart(String, long, long, long, Long)})
     * in the transaction that starts the session, before the UNLOCK is sent.
     */
    static long next(Journal journal, McuPort mcu) throws SQLException {
        long stored = journal.kvGet(TokenLedger.UNLOCK_COUNTER).map(Long::parseLong).orElse(0L);
        long mcuLast = mcu.deviceHello().map(Message.Hello::lastUnlockCounter).orElse(0L);
        return Math.max(stored, mcuLast) + 1;
    }
}
