package com.sealflow.server.stats;

import com.sealflow.server.MutableClock;
import com.sealflow.server.approval.ApprovalCommand;
import com.sealflow.server.approval.ApprovalEngine;
import com.sealflow.server.approval.StartCommand;
import com.sealflow.server.approval.TaskView;
import com.sealflow.server.approval.model.AllowedAction;
import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.approval.model.TimeLimit;
import com.sealflow.server.audit.AuditLog;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import com.sealflow.server.notify.LiveEvents;
import com.sealflow.server.notify.Notifications;
import com.sealflow.server.org.Department;
import com.sealflow.server.org.Directory;
import com.sealflow.server.org.OrgAdmin;
import com.sealflow.server.org.User;
import com.sealflow.server.web.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real engine and the statistics projection on a fresh database of one dialect, a hand-moved clock, and two
 * departments with one applicant each; flows are two approval nodes with time limits, driven step by step.
 */
final class History implements AutoCloseable {

    static final Vertx VERTX = Vertx.vertx();
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Wednesday 2027-01-06 00:00 in Shanghai. */
    static final long T0 = java.time.LocalDate.of(2027, 1, 6).atStartOfDay(ZONE).toInstant().toEpochMilli();
    static final Duration HOUR = Duration.ofHours(1);

    final Database db;
    final MutableClock clock = new MutableClock(T0);
    final Directory directory;
    final ApprovalEngine engine;
    final Projection projection;
    final Rollup rollup;
    final FlowCatalog catalog;
    final Stats stats;
    final Notifications notifications;
    final OrgAdmin org;
    Department sales;
    Department rnd;
    User alice;
    User bob;

    History(Dialect dialect) {
        db = TestDatabases.open(VERTX, dialect);
        org = new OrgAdmin(db, new AuditLog(db, clock), clock);
        directory = org.directory();
        engine = new ApprovalEngine(db, (spec, ctx) -> Future.succeededFuture(List.of()), clock);
        catalog = new FlowCatalog(engine);
        rollup = new Rollup(db, ZONE, catalog::limits);
        projection = new Projection(db, directory, rollup);
        engine.onEvent(projection);
        stats = new Stats(db, clock, ZONE, directory, null, catalog);
        notifications = new Notifications(db, clock, new LiveEvents(VERTX));
        sales = await(db.inTransaction(tx -> org.createDepartment(tx, "admin", new OrgAdmin.DepartmentInput("SALES", "销售部", null, null))));
        rnd = await(db.inTransaction(tx -> org.createDepartment(tx, "admin", new OrgAdmin.DepartmentInput("RND", "研发部", null, null))));
        alice = user("alice", sales, Set.of());
        bob = user("bob", rnd, Set.of());
    }

    User user(String username, Department dept, Set<Role> roles) {
        return await(db.inTransaction(tx -> org.createUser(tx, "admin",
            new OrgAdmin.UserInput(username, username, dept.id(), null, true, roles))));
    }

    /** START → dept (limit {@code deptLimit}) → legal (limit 48 h, may return to the applicant). */
    String deploy(String key, Duration deptLimit) {
        FlowNode legal = node("legal", "法务审核", "u-legal", Duration.ofHours(48), null);
        FlowNode dept = node("dept", "部门负责人", "u-dept", deptLimit, legal);
        FlowNode start = new FlowNode("start", NodeType.START, "发起", dept, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);
        await(engine.saveDraft(new FlowDefinition(key, "用印申请", List.of(), start), "admin"));
        await(engine.publish(key, "admin"));
        return key;
    }

    /** START → two people in turn (依次, limit 2 h): one stay that continues from the first task to the second. */
    String deploySequential(String key) {
        TimeLimit tl = new TimeLimit(Duration.ofHours(2), null, null, null, null, new TimeLimit.Timeout(TimeLimit.Timeout.Action.REMIND,
            null));
        FlowNode pair = new FlowNode("pair", NodeType.APPROVAL, "会签", null, ApproverSpec.users("u-one", "u-two"),
            ApprovalMode.SEQUENTIAL, null, null, null, null, tl, null, Set.of(AllowedAction.RETURN), null, null, null, null, null);
        FlowNode start = new FlowNode("start", NodeType.START, "发起", pair, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);
        await(engine.saveDraft(new FlowDefinition(key, "依次审批", List.of(), start), "admin"));
        await(engine.publish(key, "admin"));
        return key;
    }

    /** START → two people at once (会签, all must approve, limit 2 h): one stay open while either task is. */
    String deployTogether(String key) {
        TimeLimit tl = new TimeLimit(Duration.ofHours(2), null, null, null, null, new TimeLimit.Timeout(TimeLimit.Timeout.Action.REMIND,
            null));
        FlowNode both = new FlowNode("both", NodeType.APPROVAL, "会签", null, ApproverSpec.users("u-one", "u-two"),
            ApprovalMode.ALL, null, null, null, null, tl, null, Set.of(AllowedAction.RETURN), null, null, null, null, null);
        FlowNode start = new FlowNode("start", NodeType.START, "发起", both, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);
        await(engine.saveDraft(new FlowDefinition(key, "会签审批", List.of(), start), "admin"));
        await(engine.publish(key, "admin"));
        return key;
    }

    private static FlowNode node(String id, String name, String user, Duration limit, FlowNode next) {
        TimeLimit tl = new TimeLimit(limit, null, null, null, null, new TimeLimit.Timeout(TimeLimit.Timeout.Action.REMIND, null));
        return new FlowNode(id, NodeType.APPROVAL, name, next, ApproverSpec.users(user), ApprovalMode.ANY, null, null, null, null,
            tl, null, Set.of(AllowedAction.RETURN), null, null, null, null, null);
    }

    String start(String flowKey, String applicant, String businessKey) {
        return await(engine.start(new StartCommand(flowKey, businessKey, applicant, Map.of(), null))).instanceId();
    }

    void after(Duration d) {
        clock.advance(d);
    }

    private TaskView pending(String instanceId) {
        return await(engine.instance(instanceId)).tasks().stream().filter(t -> t.status() == TaskStatus.PENDING).findFirst()
            .orElseThrow();
    }

    void approve(String instanceId) {
        TaskView t = pending(instanceId);
        await(engine.execute(new ApprovalCommand.Approve(t.id(), t.assigneeId(), "ok"), null));
    }

    void reject(String instanceId) {
        TaskView t = pending(instanceId);
        await(engine.execute(new ApprovalCommand.Reject(t.id(), t.assigneeId(), "no"), null));
    }

    void returnToApplicant(String instanceId) {
        TaskView t = pending(instanceId);
        await(engine.execute(new ApprovalCommand.Return(t.id(), t.assigneeId(), "start", "fix it"), null));
    }

    void withdraw(String instanceId, String applicant) {
        await(engine.execute(new ApprovalCommand.Withdraw(instanceId, applicant, "never mind"), null));
    }

    static <T> T await(Future<T> f) {
        try {
            return f.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        await(db.close());
    }
}
