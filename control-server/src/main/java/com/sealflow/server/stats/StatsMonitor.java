package com.sealflow.server.stats;

import com.sealflow.server.db.Database;
import com.sealflow.server.notify.Notifications;
import com.sealflow.server.org.Directory;
import com.sealflow.server.org.User;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Periodic monitoring (流程监控): tells flow admins when a node's p90 over the last week exceeds its time limit,
 * security staff when anomaly flags spike, and device admins and security when a device stays offline during
 * business hours. Each alert is sent once per key (node per day, spike per hour, device per outage).
 */
final class StatsMonitor {

    static final Duration NODE_WINDOW = Duration.ofDays(7);
    static final int NODE_MIN_SAMPLES = 5;
    static final int SPIKE_MIN = 3;
    static final int SPIKE_FACTOR = 3;
    static final Duration OFFLINE_GRACE = Duration.ofMinutes(15);
    static final LocalTime OPENS = LocalTime.of(9, 0);
    static final LocalTime CLOSES = LocalTime.of(18, 0);

    private final Database db;
    private final Clock clock;
    private final ZoneId zone;
    private final Directory directory;
    private final Notifications notifications;
    private final FlowCatalog catalog;
    private final NodeQueries nodes;

    StatsMonitor(Database db, Clock clock, ZoneId zone, Directory directory, Notifications notifications, FlowCatalog catalog) {
        this.db = db;
        this.clock = clock;
        this.zone = zone;
        this.directory = directory;
        this.notifications = notifications;
        this.catalog = catalog;
        this.nodes = new NodeQueries(db, new RollupSql(Rollup.standardOffset(zone)));
    }

    /** Runs every check once; completes with the number of alerts sent. */
    Future<Integer> check() {
        long now = clock.millis();
        List<Future<Integer>> all = List.of(slowNodes(now), anomalySpike(now), offlineDevices(now));
        return Future.all(all).map(cf -> all.stream().mapToInt(Future::result).sum());
    }

    private Future<Integer> slowNodes(long now) {
        Range week = new Range(now - NODE_WINDOW.toMillis(), now + 1);
        String day = ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), zone).toLocalDate().toString();
        return catalog.flows().compose(flows -> {
            List<Future<Integer>> sent = new ArrayList<>();
            for (FlowCatalog.FlowInfo f : flows) {
                sent.add(nodes.nodes(f, week).compose(rows -> {
                    Future<Integer> chain = Future.succeededFuture(0);
                    for (Object o : rows) {
                        JsonObject n = (JsonObject) o;
                        FlowCatalog.NodeInfo info = f.nodes().get(n.getString("nodeId"));
                        Long p90 = n.getLong("p90Ms");
                        if (info == null || info.limitMs() == null || p90 == null || n.getLong("count") < NODE_MIN_SAMPLES
                            || p90 <= info.limitMs()) {
                            continue;
                        }
                        String body = String.format("「%s」的「%s」近 7 天 P90 耗时 %.1f 小时，超过时限 %.1f 小时（%d 次处理，超时率 %.0f%%）",
                            f.name(), info.name(), p90 / 3_600_000.0, info.limitMs() / 3_600_000.0, n.getLong("count"),
                            n.getDouble("overdueRate") * 100);
                        chain = chain.compose(k -> alert("node-p90:" + f.key() + ":" + info.id() + ":" + day, Set.of(Role.FLOW_ADMIN),
                            "stats.node-slow", "审批节点耗时超限", body, "/stats").map(x -> k + x));
                    }
                    return chain;
                }));
            }
            return Future.all(sent).map(cf -> sent.stream().mapToInt(Future::result).sum());
        });
    }

    private Future<Integer> anomalySpike(long now) {
        long hour = Duration.ofHours(1).toMillis();
        long baselineFrom = now - hour - NODE_WINDOW.toMillis();
        return db.execute("SELECT SUM(CASE WHEN at >= $1 THEN 1 ELSE 0 END) AS recent, SUM(CASE WHEN at < $2 THEN 1 ELSE 0 END) AS before "
                + "FROM stats_anomaly WHERE at >= $3 AND at <= $4", now - hour, now - hour, baselineFrom, now)
            .compose(rs -> {
                long recent = Num.lng(rs.iterator().next(), "recent");
                double perHour = Num.lng(rs.iterator().next(), "before") / (double) (NODE_WINDOW.toHours());
                if (recent < SPIKE_MIN || recent <= SPIKE_FACTOR * perHour) {
                    return Future.succeededFuture(0);
                }
                String body = String.format("最近 1 小时出现 %d 条用印异常（近 7 天平均每小时 %.1f 条），请尽快核查", recent, perHour);
                return alert("anomaly-spike:" + (now / hour), Set.of(Role.SECURITY), "stats.anomaly-spike", "用印异常激增", body,
                    "/evidence");
            });
    }

    private Future<Integer> offlineDevices(long now) {
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), zone);
        boolean open = t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY
            && !t.toLocalTime().isBefore(OPENS) && t.toLocalTime().isBefore(CLOSES);
        if (!open) {
            return Future.succeededFuture(0);
        }
        return db.execute("SELECT device_id, since FROM stats_device WHERE state = 'OFFLINE' AND since <= $1",
            now - OFFLINE_GRACE.toMillis()).compose(rs -> {
                Future<Integer> chain = Future.succeededFuture(0);
                for (var r : rs) {
                    String id = r.getString("device_id");
                    long since = r.getLong("since");
                    String body = String.format("设备 %s 自 %s 起离线，已超过 %d 分钟（工作时间）", id,
                        ZonedDateTime.ofInstant(Instant.ofEpochMilli(since), zone).toLocalTime().withNano(0),
                        Duration.ofMillis(now - since).toMinutes());
                    chain = chain.compose(k -> alert("device-offline:" + id + ":" + since, Set.of(Role.SEAL_ADMIN, Role.SECURITY),
                        "stats.device-offline", "设备工作时间离线", body, "/devices").map(x -> k + x));
                }
                return chain;
            });
    }

    /** Claims the key and notifies every active holder of the roles in one transaction; 1 when sent, 0 when sent before. */
    private Future<Integer> alert(String key, Set<Role> roles, String kind, String title, String body, String link) {
        return db.inTransaction(tx -> db.execute(tx, "INSERT INTO stats_alert (alert_key, raised_at) VALUES ($1, $2) "
                + "ON CONFLICT (alert_key) DO NOTHING", key, clock.millis())
            .compose(rs -> {
                if (rs.rowCount() == 0) {
                    return Future.succeededFuture(0);
                }
                Set<String> users = new LinkedHashSet<>();
                Future<Void> found = Future.succeededFuture();
                for (Role role : roles) {
                    found = found.compose(v -> directory.usersWithRole(tx, role).map(list -> {
                        list.stream().filter(User::active).map(User::id).forEach(users::add);
                        return null;
                    }));
                }
                return found.compose(v -> {
                    Future<Void> sent = Future.succeededFuture();
                    for (String u : users) {
                        sent = sent.compose(x -> notifications.notify(tx, u, kind, title, body, link).mapEmpty());
                    }
                    return sent.map(x -> 1);
                });
            }));
    }
}
