package com.sealflow.server.device;

import com.sealflow.server.request.HandleTasks;
import io.vertx.core.Future;
import java.util.List;

/** Reports a finished HANDLE task to the request module's {@code completeHandle} (idempotent there). */
public final class RequestHandleCompletion implements HandleCompletion {

    private final HandleTasks handles;

    public RequestHandleCompletion(HandleTasks handles) {
        this.handles = handles;
    }

    @Override
    public Future<Void> devicesFinished(String requestId, String handleTaskId, String outcome, List<SealUsage> usage) {
        int presses = usage.stream().mapToInt(SealUsage::copiesUsed).sum();
        String deviceId = usage.isEmpty() ? null : usage.get(0).deviceId();
        return handles.completeHandle(new com.sealflow.server.request.HandleCompletion(handleTaskId, presses,
            com.sealflow.server.request.HandleCompletion.By.DEVICE, deviceId, "PARTIAL".equals(outcome) ? "some seals not used" : null));
    }
}
