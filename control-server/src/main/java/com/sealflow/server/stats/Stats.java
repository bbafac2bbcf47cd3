package com.sealflow.server.stats;

import com.sealflow.server.db.Database;
import com.sealflow.server.device.DeviceRegistry;
import com.sealflow.server.org.Department;
import com.sealflow.server.org.Directory;
import com.sealflow.server.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The dashboard's figures, each for a {@link Range}: what the routes and the export serve. */
final class Stats {

    private final Database db;
    private final Clock clock;
    private final ZoneId zone;
    private final Directory directory;
    private final DeviceRegistry devices;
    private final FlowCatalog catalog;
    private final FlowQueries flows;
    private final NodeQueries nodes;
    private final DeviceQueries presses;

    Stats(Database db, Clock clock, ZoneId zone, Directory directory, DeviceRegistry devices, FlowCatalog catalog) {
        this.db = db;
        this.clock = clock;
        this.zone = zone;
        this.directory = directory;
        this.devices = devices;
        this.catalog = catalog;
        RollupSql sql = new RollupSql(Rollup.standardOffset(zone));
        this.flows = new FlowQueries(db, sql);
        this.nodes = new NodeQueries(db, sql);
        this.presses = new DeviceQueries(db, sql);
    }

    Range range(String from, String to) {
        return Range.parse(from, to, clock, zone);
    }

    Clock clock() {
        return clock;
    }

    /** KPIs of the period plus the daily trend (the shape the dashboard's first row draws). */
    Future<JsonObject> summary(Range r, String flowKey) {
        Future<JsonObject> inst = flows.instances(r, flowKey);
        Future<JsonObject> dev = presses.totals(r);
        Future<JsonArray> daily = flows.trend(r, flowKey, false);
        return Future.all(inst, dev, daily).map(x -> inst.result().mergeIn(dev.result()).put("daily", daily.result())
            .put("from", r.from()).put("to", r.to()));
    }

    Future<JsonArray> trend(Range r, String flowKey, boolean weekly) {
        return flows.trend(r, flowKey, weekly);
    }

    Future<JsonArray> flows(Range r) {
        return catalog.flows().compose(list -> {
            Map<String, String> names = new HashMap<>();
            list.forEach(f -> names.put(f.key(), f.name()));
            return flows.flows(r, names);
        });
    }

    Future<JsonArray> nodes(String flowKey, Range r) {
        return catalog.flow(flowKey).compose(f -> {
            if (f == null) {
                return Future.failedFuture(ProblemException.notFound("flow " + flowKey));
            }
            return nodes.nodes(f, r);
        });
    }

    Future<JsonArray> bottlenecks(Range r, int limit) {
        return catalog.flows().compose(list -> nodes.bottlenecks(list, r, limit));
    }

    Future<JsonArray> departments(Range r) {
        return directory.departments(db.pool()).compose(list -> {
            Map<String, String> names = new HashMap<>();
            for (Department d : list) {
                names.put(d.id(), d.name());
            }
            return flows.departments(r, names);
        });
    }

    Future<JsonArray> seals(Range r) {
        return presses.seals(r);
    }

    Future<JsonArray> devices(Range r) {
        return devices.list().compose(list -> presses.devices(r, list));
    }

    /** Every figure of the period, for the export. */
    Future<JsonObject> everything(Range r) {
        Future<JsonObject> s = summary(r, null);
        Future<JsonArray> f = flows(r);
        Future<JsonArray> b = bottlenecks(r, 1000);
        Future<JsonArray> d = departments(r);
        Future<JsonArray> se = seals(r);
        Future<JsonArray> dv = devices(r);
        return Future.all(List.of(s, f, b, d, se, dv)).map(x -> new JsonObject().put("summary", s.result()).put("flows", f.result())
            .put("nodes", b.result()).put("departments", d.result()).put("seals", se.result()).put("devices", dv.result()));
    }
}
