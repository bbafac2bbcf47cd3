package com.sealflow.server.request;

import java.util.List;

/**
 * A request's device actions are off: withdrawn, rejected, returned or frozen (a seal was lost). The
 * device module revokes any unused token it issued for this request.
 */
public record SealActionCancelled(String requestId, String requestNo, Reason reason, List<String> sealIds) {

    public SealActionCancelled {
        sealIds = List.copyOf(sealIds);
    }

    /** Why. */
    public enum Reason { WITHDRAWN, REJECTED, RETURNED, FROZEN }
}
