package com.sealflow.agent.session;

import com.sealflow.agent.device.McuPort;
import com.sealflow.agent.journal.Journal;
import com.sealflow.protocol.serial.Message;
import java.sql.SQLException;

/**
 * The UNLOCK counter the MCU checks for replay: a fresh one per UNLOCK, above both the agent's persisted value and
 * the MCU's last accepted one (from HELLO), persisted before the UNLOCK is sent.
 */
final class UnlockCounter {

    private UnlockCounter() {
    }

    static long next(Journal journal, McuPort mcu) throws SQLException {
        long stored = journal.kvGet("unlock_counter").map(Long::parseLong).orElse(0L);
        long mcuLast = mcu.deviceHello().map(Message.Hello::lastUnlockCounter).orElse(0L);
        long next = Math.max(stored, mcuLast) + 1;
        journal.kvPut("unlock_counter", Long.toString(next));
        return next;
    }
}
