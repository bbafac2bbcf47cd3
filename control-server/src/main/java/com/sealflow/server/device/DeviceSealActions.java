package com.sealflow.server.device;

import com.sealflow.server.request.SealActionCancelled;
import com.sealflow.server.request.SealActionDue;
import com.sealflow.server.request.SealActionListener;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/** The request module's listener, inside its transaction: unlock grants when a HANDLE node is reached, revocation when called off. */
public final class DeviceSealActions implements SealActionListener {

    private final DeviceCommands commands;

    public DeviceSealActions(DeviceCommands commands) {
        this.commands = commands;
    }

    @Override
    public Future<Void> sealActionDue(SqlConnection conn, SealActionDue due) {
        return commands.issueUnlocks(conn, toUnlockRequest(due)).mapEmpty();
    }

    @Override
    public Future<Void> sealActionCancelled(SqlConnection conn, SealActionCancelled cancelled) {
        return commands.revokeRequest(conn, cancelled.requestId(), cancelled.reason().name()).mapEmpty();
    }

    static UnlockRequest toUnlockRequest(SealActionDue due) {
        return new UnlockRequest(due.requestId(), due.requestNo(), due.action().name(), due.seals().stream()
            .map(s -> new UnlockRequest.SealUnlock(s.sealId(), s.deviceId(), s.slot(), s.copies())).toList(),
            due.custodianIds(), due.taskId());
    }
}
