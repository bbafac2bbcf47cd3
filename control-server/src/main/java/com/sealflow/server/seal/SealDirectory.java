package com.sealflow.server.seal;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.Set;

/** What the seal registry asks the org directory: which of these user ids do not exist (or are disabled). */
@FunctionalInterface
public interface SealDirectory {

    Future<Set<String>> unknownUsers(Collection<String> userIds);

    /** For tests and tools: every id is a known user. */
    static SealDirectory trustingAll() {
        return ids -> Future.succeededFuture(Set.of());
    }
}
