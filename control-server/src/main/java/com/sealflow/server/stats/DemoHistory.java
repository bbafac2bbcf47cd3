package com.sealflow.server.stats;

import com.sealflow.server.db.Database;
import com.sealflow.server.demo.DemoSeed;
import com.sealflow.server.device.Device;
import com.sealflow.server.device.DeviceRegistry;
import com.sealflow.server.device.SealBinding;
import com.sealflow.server.org.Department;
import com.sealflow.server.org.Directory;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Optional demo seed ({@code SEALFLOW_DEMO_STATS_HISTORY=true}): 90 days of generated history for the published demo
 * flows, departments, seals and devices, written into the statistics tables only, so a fresh demo's dashboard has
 * something to draw. Requests made in the running demo are counted on top. Seeds once (business keys {@code DEMO-…}).
 */
final class DemoHistory implements DemoSeed {

    static final String ENV = "SEALFLOW_DEMO_STATS_HISTORY";
    private static final int REQUESTS = 1500;

    private final Database db;
    private final Clock clock;
    private final Directory directory;
    private final DeviceRegistry devices;
    private final FlowCatalog catalog;
    private final Rollup rollup;

    DemoHistory(Database db, Clock clock, Directory directory, DeviceRegistry devices, FlowCatalog catalog, Rollup rollup) {
        this.rollup = rollup;
        this.db = db;
        this.clock = clock;
        this.directory = directory;
        this.devices = devices;
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "statistics history";
    }

    @Override
    public Future<Void> seed() {
        return db.execute("SELECT COUNT(*) AS n FROM stats_instance WHERE business_key LIKE 'DEMO-%'").compose(rs -> {
            if (Num.lng(rs.iterator().next(), "n") > 0) {
                return Future.succeededFuture();
            }
            return Future.all(catalog.flows(), directory.departments(db.pool()), devices.list()).compose(all -> {
                List<HistoryGenerator.FlowShape> flows = new ArrayList<>();
                double weight = 6;
                for (FlowCatalog.FlowInfo f : all.<List<FlowCatalog.FlowInfo>>resultAt(0)) {
                    List<HistoryGenerator.NodeShape> nodes = new ArrayList<>();
                    int i = 0;
                    for (FlowCatalog.NodeInfo n : f.nodes().values()) {
                        double typical = "HANDLE".equals(n.type()) ? 1.5 : n.limitMs() != null ? n.limitMs() / 3_600_000.0 * 0.55
                            : 2 + 3 * (i++ % 3);
                        nodes.add(new HistoryGenerator.NodeShape(n.id(), n.name(), n.type(), typical));
                    }
                    if (!nodes.isEmpty()) {
                        flows.add(new HistoryGenerator.FlowShape(f.key(), weight, nodes));
                        weight = Math.max(1, weight / 2);
                    }
                }
                List<String> depts = all.<List<Department>>resultAt(1).stream().map(Department::id).toList();
                List<String> seals = new ArrayList<>();
                List<String> deviceIds = new ArrayList<>();
                for (Device d : all.<List<Device>>resultAt(2)) {
                    for (SealBinding s : d.seals()) {
                        seals.add(s.sealId());
                        deviceIds.add(d.id());
                    }
                }
                if (flows.isEmpty() || depts.isEmpty()) {
                    return Future.succeededFuture();
                }
                long now = clock.millis();
                return new HistoryGenerator(db).generate(new HistoryGenerator.Shape(flows, depts, seals, deviceIds), REQUESTS,
                    now - Duration.ofDays(90).toMillis(), now - Duration.ofHours(1).toMillis(), 20261126L, "DEMO")
                    .compose(v -> rollup.rebuild());
            });
        });
    }
}
