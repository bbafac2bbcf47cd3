package com.sealflow.server.approval.flowable;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.MutableClock;
import com.sealflow.server.approval.ActionResult;
import com.sealflow.server.approval.ApprovalCommand;
import com.sealflow.server.approval.ApprovalEngine;
import com.sealflow.server.approval.DemoRequests;
import com.sealflow.server.approval.FlowJson;
import com.sealflow.server.approval.InstanceView;
import com.sealflow.server.approval.StartCommand;
import com.sealflow.server.approval.TaskView;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.GraphicInfo;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.history.HistoricActivityInstance;
import org.flowable.task.api.Task;
import org.flowable.task.api.history.HistoricTaskInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BPMN export of seal-use deploys into Flowable 8.0.0 and, for the same requests and the same decisions, Flowable
 * visits the same nodes, asks the same people and ends the same way as SealFlow's engine.
 */
class FlowableConformanceTest {

    private static Vertx vertx;
    private static Database db;
    private static ApprovalEngine engine;
    private static ProcessEngine flowable;
    private static String sealflowKey;

    /** A request and the decisions: {@code node} or {@code node:user} → false rejects; everything else approves. */
    record Scenario(String name, DemoRequests.Request request, Map<String, Boolean> decisions, String end) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Scenario> scenarios() {
        List<DemoRequests.Request> r = DemoRequests.ALL;
        List<Scenario> out = new ArrayList<>();
        r.forEach(x -> out.add(new Scenario(x.name() + ": all approve", x, Map.of(), "APPROVED")));
        out.add(new Scenario("department head rejects", r.get(2), Map.of("dept", false), "REJECTED"));
        out.add(new Scenario("legal returns to the applicant", r.get(1), Map.of("legal", false), "RETURNED"));
        out.add(new Scenario("finance rejects while legal is open", r.get(3), Map.of("finance", false), "REJECTED"));
        out.add(new Scenario("one executive of the 会签 rejects", r.get(3), Map.of("ceo:zhoujiu", false), "REJECTED"));
        return out;
    }

    @BeforeAll
    static void engines() throws java.io.IOException {
        vertx = Vertx.vertx();
        db = TestDatabases.open(vertx, Dialect.SQLITE);
        engine = new ApprovalEngine(db, DemoRequests.demoOrg(), new MutableClock(1_800_000_000_000L));
        await(engine.saveDraft(FlowJson.parse(DemoRequests.sealUseJson()), "admin"));
        sealflowKey = await(engine.publish("seal-use", "admin")).key();
        flowable = FlowableEngines.inMemory("conformance");
        String xml = DemoRequests.bpmn(DemoRequests.sealUseJson());
        // for people to open in a modeler
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "seal-use.bpmn20.xml"), xml);
        FlowableEngines.deploy(flowable, "seal-use.bpmn20.xml", xml);
    }

    @AfterAll
    static void close() {
        flowable.close();
        await(db.close());
        await(vertx.close());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void flowableRunsTheExportLikeTheEngine(Scenario s) {
        Outcome ours = runSealFlow(s);
        Outcome theirs = runFlowable(s);
        System.out.printf("conformance %s: SealFlow %s | Flowable %s%n", s, ours, theirs);
        assertThat(ours.end()).as("SealFlow end").isEqualTo(s.end());
        assertThat(theirs).as("Flowable on the BPMN export").isEqualTo(ours);
        if (s.decisions().isEmpty()) {
            assertThat(ours.people().keySet()).as("nodes with people").isEqualTo(new TreeSet<>(s.request().path().stream()
                .filter(p -> p.contains("[")).map(p -> p.substring(0, p.indexOf('['))).toList()));
        }
    }

    @Test
    void flowableReadsTheDiagramOfEveryElementAndFlow() {
        String definition = flowable.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("seal-use")
            .singleResult().getId();
        BpmnModel model = flowable.getRepositoryService().getBpmnModel(definition);
        Process process = model.getMainProcess();
        assertThat(process.getFlowElements()).hasSizeGreaterThan(30);
        for (FlowElement e : process.getFlowElements()) {
            if (e instanceof SequenceFlow) {
                assertThat(model.getFlowLocationGraphicInfo(e.getId())).as("waypoints of %s", e.getId()).hasSizeGreaterThanOrEqualTo(2);
            } else {
                GraphicInfo g = model.getGraphicInfo(e.getId());
                assertThat(g).as("bounds of %s", e.getId()).isNotNull();
                assertThat(g.getWidth()).isPositive();
            }
        }
    }

    /** What both engines must agree on: the end, the nodes visited and the people each task node asked. */
    record Outcome(String end, TreeSet<String> visited, TreeMap<String, TreeSet<String>> people) {
    }

    private static boolean decide(Scenario s, String node, String user) {
        return s.decisions().getOrDefault(node + ":" + user, s.decisions().getOrDefault(node, true));
    }

    private static Outcome runSealFlow(Scenario s) {
        DemoRequests.Request r = s.request();
        String id = await(engine.start(new StartCommand(sealflowKey, "req-" + System.nanoTime(), r.applicant(), r.facts(), null)))
            .instanceId();
        for (int i = 0; i < 50; i++) {
            InstanceView v = await(engine.instance(id));
            List<TaskView> open = v.tasks().stream().filter(t -> t.status() == TaskStatus.PENDING)
                .sorted(Comparator.comparing(TaskView::nodeId).thenComparing(TaskView::assigneeId)).toList();
            if (open.isEmpty()) {
                break;
            }
            TaskView t = open.get(0);
            ApprovalCommand c = t.kind() == TaskKind.HANDLE ? new ApprovalCommand.CompleteHandle(t.id(), t.assigneeId(), null)
                : decide(s, t.nodeId(), t.assigneeId()) ? new ApprovalCommand.Approve(t.id(), t.assigneeId(), null)
                : new ApprovalCommand.Reject(t.id(), t.assigneeId(), null);
            ActionResult ignored = await(engine.execute(c, null));
        }
        InstanceView v = await(engine.instance(id));
        TreeSet<String> visited = new TreeSet<>();
        v.history().stream().filter(h -> h.nodeId() != null).forEach(h -> visited.add(h.nodeId()));
        TreeMap<String, TreeSet<String>> people = new TreeMap<>();
        v.tasks().forEach(t -> people.computeIfAbsent(t.nodeId(), k -> new TreeSet<>()).add(t.assigneeId()));
        return new Outcome(v.status().name(), visited, people);
    }

    private static Outcome runFlowable(Scenario s) {
        DemoRequests.Request r = s.request();
        Map<String, Object> vars = new HashMap<>(r.facts());
        vars.remove("sealIds");
        DemoRequests.approversByNode(DemoRequests.sealUseJson(), r.applicant(), r.facts())
            .forEach((k, v) -> vars.put(k, new ArrayList<>(v)));
        String id = flowable.getRuntimeService().startProcessInstanceByKey("seal-use", vars).getId();
        for (int i = 0; i < 50; i++) {
            List<Task> open = flowable.getTaskService().createTaskQuery().processInstanceId(id).list().stream()
                .sorted(Comparator.comparing(Task::getTaskDefinitionKey)
                    .thenComparing(t -> t.getAssignee() == null ? "" : t.getAssignee())).toList();
            if (open.isEmpty()) {
                break;
            }
            Task t = open.get(0);
            boolean approved = t.getAssignee() == null || decide(s, t.getTaskDefinitionKey(), t.getAssignee());
            flowable.getTaskService().complete(t.getId(), Map.of("approved", approved));
        }
        var history = flowable.getHistoryService();
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery().processInstanceId(id).list();
        String end = activities.stream().filter(a -> "endEvent".equals(a.getActivityType())).map(a -> switch (a.getActivityId()) {
            case "sealflow_end" -> "APPROVED";
            case "sealflow_rejected" -> "REJECTED";
            case "sealflow_returned" -> "RETURNED";
            default -> a.getActivityId();
        }).findFirst().orElse("RUNNING");
        TreeSet<String> visited = new TreeSet<>();
        activities.stream().map(HistoricActivityInstance::getActivityId)
            .filter(a -> !a.endsWith("_join") && !a.endsWith("_decision") && !a.startsWith("sealflow_") && !a.startsWith("flow_"))
            .forEach(visited::add);
        TreeMap<String, TreeSet<String>> people = new TreeMap<>();
        for (HistoricTaskInstance t : history.createHistoricTaskInstanceQuery().processInstanceId(id).list()) {
            TreeSet<String> who = people.computeIfAbsent(t.getTaskDefinitionKey(), k -> new TreeSet<>());
            if (t.getAssignee() != null) {
                who.add(t.getAssignee());
            } else {
                history.getHistoricIdentityLinksForTask(t.getId()).stream().filter(l -> "candidate".equals(l.getType()))
                    .forEach(l -> who.add(l.getUserId()));
            }
        }
        return new Outcome(end, visited, people);
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }
}
