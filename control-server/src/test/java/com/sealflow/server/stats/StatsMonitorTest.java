package com.sealflow.server.stats;

import static com.sealflow.server.stats.History.HOUR;
import static com.sealflow.server.stats.History.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.Dialect;
import com.sealflow.server.evidence.EvidenceListener;
import com.sealflow.server.org.User;
import com.sealflow.server.web.Role;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The periodic monitoring check on a hand-moved clock: each alert reaches the right people once. */
class StatsMonitorTest {

    private static StatsMonitor monitor(History h) {
        return new StatsMonitor(h.db, h.clock, History.ZONE, h.directory, h.notifications, h.catalog);
    }

    private static List<String> inbox(History h, User u) {
        List<String> kinds = new ArrayList<>();
        for (Row r : await(h.db.execute("SELECT kind FROM notifications WHERE user_id = $1 ORDER BY created_at", u.id()))) {
            kinds.add(r.getString("kind"));
        }
        return kinds;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aNodeWhoseP90ExceedsItsLimitAlertsFlowAdminsOnce(Dialect dialect) {
        try (History h = new History(dialect)) {
            User flowAdmin = h.user("flowadmin", h.sales, Set.of(Role.FLOW_ADMIN));
            User security = h.user("guard", h.sales, Set.of(Role.SECURITY));
            String flow = h.deploy("slow", Duration.ofHours(1));
            StatsMonitor m = monitor(h);
            for (int i = 0; i < 4; i++) {
                String id = h.start(flow, h.alice.id(), "slow-" + i);
                h.after(HOUR.multipliedBy(2));
                h.approve(id);
            }
            assertThat(await(m.check())).as("four stays are too few to judge").isZero();
            String id = h.start(flow, h.alice.id(), "slow-4");
            h.after(Duration.ofMinutes(30));
            h.approve(id);
            // five stays: 2 2 2 2 0.5 hours, p90 2 h > limit 1 h
            assertThat(await(m.check())).isEqualTo(1);
            assertThat(inbox(h, flowAdmin)).containsExactly("stats.node-slow");
            assertThat(inbox(h, security)).isEmpty();
            assertThat(await(m.check())).as("sent once a day").isZero();
            assertThat(inbox(h, flowAdmin)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anAnomalySpikeAlertsSecurity(Dialect dialect) {
        try (History h = new History(dialect)) {
            User security = h.user("guard", h.sales, Set.of(Role.SECURITY));
            StatsMonitor m = monitor(h);
            h.after(Duration.ofDays(8));
            anomaly(h, h.clock.millis() - Duration.ofDays(2).toMillis());
            anomaly(h, h.clock.millis() - 1000);
            anomaly(h, h.clock.millis() - 500);
            assertThat(await(m.check())).as("two in the last hour is no spike").isZero();
            anomaly(h, h.clock.millis() - 100);
            assertThat(await(m.check())).isEqualTo(1);
            assertThat(inbox(h, security)).containsExactly("stats.anomaly-spike");
            assertThat(await(m.check())).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aDeviceOfflineInBusinessHoursAlertsDeviceAdminsAndSecurity(Dialect dialect) {
        try (History h = new History(dialect)) {
            User sealAdmin = h.user("sealadmin", h.sales, Set.of(Role.SEAL_ADMIN));
            User security = h.user("guard", h.sales, Set.of(Role.SECURITY));
            User other = h.user("carol", h.sales, Set.of());
            StatsMonitor m = monitor(h);
            // Wednesday 10:00 in Shanghai
            h.after(Duration.ofHours(10));
            await(h.projection.deviceStatus("dev-1", "OFFLINE", h.clock.millis()));
            h.after(Duration.ofMinutes(10));
            assertThat(await(m.check())).as("within the grace").isZero();
            h.after(Duration.ofMinutes(10));
            assertThat(await(m.check())).isEqualTo(1);
            assertThat(inbox(h, sealAdmin)).containsExactly("stats.device-offline");
            assertThat(inbox(h, security)).containsExactly("stats.device-offline");
            assertThat(inbox(h, other)).isEmpty();
            assertThat(await(m.check())).isZero();
            // back online, off again on Saturday: no one is called at the weekend
            await(h.projection.deviceStatus("dev-1", "ONLINE", h.clock.millis()));
            h.after(Duration.ofDays(3));
            await(h.projection.deviceStatus("dev-1", "OFFLINE", h.clock.millis()));
            h.after(Duration.ofHours(1));
            assertThat(await(m.check())).isZero();
        }
    }

    private static void anomaly(History h, long at) {
        await(h.db.inTransaction(tx -> h.projection.onAnomaly(tx, new EvidenceListener.Anomaly("TAMPER", "dev-1", null, at))));
    }
}
