package com.sealflow.server.device;

import com.sealflow.server.demo.DemoSeed;
import com.sealflow.server.web.ProblemException;
import io.vertx.core.Future;
import java.util.List;

/**
 * The demo company's devices (DESIGN §7): cabinet {@code CAB-01} (公章, 合同专用章, 法定代表人章 in slots 1-3) and smart
 * seal devices {@code SD-01} (财务专用章) and {@code SD-02} (发票专用章). Created pending enrolment; the demo's
 * simulated agents enrol with codes from {@link DeviceRegistry#issueEnrolmentCode}. Seal bindings come from the
 * seal registry. Idempotent.
 */
final class DemoDevices implements DemoSeed {

    private final DeviceRegistry registry;

    DemoDevices(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "devices";
    }

    @Override
    public Future<Void> seed() {
        return ensure("CAB-01", "SF-CAB-0001", DeviceKind.CABINET, "行政部 印章柜")
            .compose(v -> ensure("SD-01", "SF-SD-0001", DeviceKind.SEAL_DEVICE, "财务部"))
            .compose(v -> ensure("SD-02", "SF-SD-0002", DeviceKind.SEAL_DEVICE, "财务部"));
    }

    private Future<Void> ensure(String id, String serialNo, DeviceKind kind, String location) {
        return registry.get(id).<Void>mapEmpty().recover(e -> e instanceof ProblemException p && p.status() == 404
            ? registry.create(new DeviceRegistry.NewDevice(id, serialNo, kind, location, List.of()), "demo").mapEmpty()
            : Future.failedFuture(e));
    }
}
