package com.sealflow.agent.session;

import com.sealflow.agent.token.ArmedToken;

/** A running stamping session: the token it consumed, the MCU session id, presses counted by the agent. */
final class ActiveSession {

    final ArmedToken armed;
    final long sessionId;
    final long startedMonoNanos;
    final long limitNanos;
    int pressesUsed;

    ActiveSession(ArmedToken armed, long sessionId, long startedMonoNanos, long limitNanos) {
        this.armed = armed;
        this.sessionId = sessionId;
        this.startedMonoNanos = startedMonoNanos;
        this.limitNanos = limitNanos;
    }
}
