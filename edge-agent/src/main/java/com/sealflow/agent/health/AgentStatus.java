package com.sealflow.agent.health;

import java.util.List;
import java.util.Map;

/** What {@code status} prints and the simulator panel shows; also written to {@code <data>/status.json}. */
public record AgentStatus(String deviceId, long at, boolean mqttConnected, boolean mcuUp, String transport, String camera,
                          List<String> armedTokens, String activeToken, int sessionPresses, long journalEvents,
                          long unpublishedEvents, long photosPending, long lastSeq, long storeFreeBytes, boolean storeFull,
                          Long clockSkewMs, Map<String, String> lastErrors) {
}
