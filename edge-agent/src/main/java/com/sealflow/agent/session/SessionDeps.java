package com.sealflow.agent.session;

import com.sealflow.agent.clock.AgentClock;
import com.sealflow.agent.device.McuPort;
import com.sealflow.agent.gpio.GpioBoard;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.token.TokenGate;
import java.time.Duration;

/** Everything the {@link SessionController} is wired to. */
public record SessionDeps(String deviceId, boolean cabinet, TokenGate gate, Journal journal, CustodianAuth custodians,
                          EvidenceRecorder evidence, CommandResults results, McuPort mcu, GpioBoard gpio, AgentClock clock,
                          ClockSkew skew, Duration timeLimit, byte[] linkKey) {
}
