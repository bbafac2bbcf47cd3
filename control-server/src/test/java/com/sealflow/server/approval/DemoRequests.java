package com.sealflow.server.approval;

import com.sealflow.server.approval.model.ApproverType;
import com.sealflow.server.approval.model.FlowNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Representative requests through the demo flow {@code seal-use} (DESIGN §7), shared by the simulation-vs-execution test
 * and the BPMN conformance test: applicant, facts, and the path expected (node id → approvers, in visiting order).
 */
public final class DemoRequests {

    /**
     * One request; {@code facts} use the shapes the request module sends (decimal amounts, seal ids, seal types);
     * {@code path}: the nodes it visits when everyone approves, in order, people in brackets ({@code dept[lisi]}).
     */
    public record Request(String name, String applicant, Map<String, Object> facts, List<String> path) {
    }

    public static final List<Request> ALL = List.of(
        new Request("small amount, OTHER document", "zhangsan", Map.of("amount", new BigDecimal("3000.00"),
            "documentType", "OTHER", "sealType", "FINANCE", "sealIds", List.of("seal-finance")),
            List.of("start", "dept[lisi]", "review", "exec", "stamp[zhengyi]", "archive")),
        new Request("contract", "chenyu", Map.of("amount", new BigDecimal("20000.00"), "documentType", "CONTRACT",
            "sealType", "CONTRACT", "sealIds", List.of("seal-contract")),
            List.of("start", "dept[liuyang]", "review", "legal[wangwu, zhaoliu]", "exec", "stamp[wushi]", "archive")),
        new Request("financial statement", "zhangsan", Map.of("amount", new BigDecimal("0"),
            "documentType", "FINANCIAL_STATEMENT", "sealType", "FINANCE", "sealIds", List.of("seal-finance")),
            List.of("start", "dept[lisi]", "review", "finance[qianqi]", "exec", "stamp[zhengyi]", "archive")),
        new Request("500,000 or more with the official seal", "chenyu", Map.of("amount", new BigDecimal("650000.00"),
            "documentType", "CONTRACT", "sealType", "OFFICIAL", "sealIds", List.of("seal-official")),
            List.of("start", "dept[liuyang]", "review", "legal[wangwu, zhaoliu]", "finance[qianqi]", "exec",
                "ceo[sunba, zhoujiu]", "stamp[wushi]", "archive")));

    private DemoRequests() {
    }

    /** The seal-use flow as the designer saves it. */
    public static String sealUseJson() {
        return DemoFlows.SEAL_USE;
    }

    /** The demo company as an approver resolver. */
    public static ApproverResolver demoOrg() {
        return new DemoOrg();
    }

    /** {@code approvers_<nodeId>} → the people of every APPROVAL and HANDLE node of {@code flowJson}, as the demo org resolves them. */
    public static Map<String, List<String>> approversByNode(String flowJson, String applicant, Map<String, Object> facts) {
        DemoOrg org = new DemoOrg();
        Map<String, List<String>> out = new LinkedHashMap<>();
        FlowIndex index = new FlowIndex(FlowJson.parse(flowJson), 1);
        for (FlowNode n : index.nodes().values()) {
            if (n.approvers() != null) {
                out.put("approvers_" + n.id(), n.approvers().type() == ApproverType.USERS ? n.approvers().userIds()
                    : org.resolveNow(n.approvers(), applicant, facts));
            }
        }
        return out;
    }

    /** The BPMN 2.0 export of {@code flowJson}. */
    public static String bpmn(String flowJson) {
        return BpmnExporter.export(FlowJson.parse(flowJson));
    }
}
