package com.sealflow.server.approval;

import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.Branch;
import com.sealflow.server.approval.model.Condition;
import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.OnReject;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * BPMN 2.0 XML of a flow with its diagram (BPMN DI, so modelers open it): APPROVAL → userTask with multi-instance
 * (sequential for SEQUENTIAL; completion conditions for ANY, ALL and VOTE) and a decision gateway to a terminating
 * end (rejected, or returned for the return policies: a return is a new round, outside the diagram), HANDLE →
 * userTask offered to its people, CC → sendTask, AUTO → serviceTask, containers → a split and a join gateway of their
 * kind (CONDITION and INCLUSIVE without a default branch get a default flow to the join: nothing taken continues),
 * conditions → JUEL expressions on the sequence flows.
 *
 * <p>Executable in Flowable: the {@code flowable:} attributes name the variables a host supplies. {@code
 * approvers_<nodeId>} (list of user ids) per APPROVAL and HANDLE node, the facts under their field names, a bean {@code
 * sealflowAuto} (a JavaDelegate) for AUTO nodes; every decision completes its task with the boolean {@code approved}
 * (and, for VOTE, the host keeps the count {@code nrOfApprovals}). Added signers, transfers, timeouts and returns to an
 * earlier node are runtime operations of SealFlow with no counterpart in the diagram.
 */
final class BpmnExporter {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String FLOWABLE = "http://flowable.org/bpmn";
    private static final String REJECTED = "${!approved}";
    private static final String APPROVED = "${approved}";

    private final Document doc;
    private final Element process;
    private final BpmnDiagram diagram;
    private final int bottomRow;
    private int flowNo;

    /** Where a chain stands: its last element, the column for the next one, the condition its next flow carries. */
    private record Cursor(String id, int column, String pending) {
    }

    private BpmnExporter(FlowDefinition flow) throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        doc = f.newDocumentBuilder().newDocument();
        Element defs = doc.createElementNS(BPMN, "bpmn:definitions");
        defs.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", XSI);
        defs.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:flowable", FLOWABLE);
        defs.setAttribute("id", "sealflow-" + flow.key());
        defs.setAttribute("targetNamespace", "https://sealflow.dev/bpmn");
        defs.setAttribute("exporter", "SealFlow");
        doc.appendChild(defs);
        process = doc.createElementNS(BPMN, "bpmn:process");
        process.setAttribute("id", xmlId(flow.key()));
        process.setAttribute("name", flow.name());
        process.setAttribute("isExecutable", "true");
        defs.appendChild(process);
        diagram = new BpmnDiagram(doc, defs, xmlId(flow.key()));
        bottomRow = rows(flow.root());
    }

    static String export(FlowDefinition flow) {
        try {
            BpmnExporter x = new BpmnExporter(flow);
            x.element("startEvent", flow.root().id(), flow.root().name(), 0, 0);
            Cursor last = x.chain(flow.root().next(), new Cursor(xmlId(flow.root().id()), 1, null), null, 0);
            x.element("endEvent", "sealflow_end", "结束", last.column(), 0);
            x.flow(last.id(), "sealflow_end", last.pending());
            x.diagram.finish();
            StringWriter out = new StringWriter();
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.transform(new DOMSource(x.doc), new StreamResult(out));
            return out.toString();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("BPMN export failed", e);
        }
    }

    /** Rows of the diagram a chain needs: one, or the stacked branches of its tallest container. */
    private static int rows(FlowNode first) {
        int rows = 1;
        for (FlowNode n = first; n != null; n = n.next()) {
            if (n.type().isContainer()) {
                int sum = 0;
                for (Branch b : n.branches()) {
                    sum += rows(b.next());
                }
                rows = Math.max(rows, sum + (hasDefaultFlow(n) ? 1 : 0));
            }
        }
        return rows;
    }

    /** CONDITION and INCLUSIVE without a default branch continue when nothing holds: a default flow to the join. */
    private static boolean hasDefaultFlow(FlowNode n) {
        return n.type() != NodeType.PARALLEL && n.branches().stream().noneMatch(Branch::defaultBranch);
    }

    /** Emits a chain after {@code from} on diagram row {@code row}; the first flow carries {@code condition}. */
    private Cursor chain(FlowNode first, Cursor from, String condition, int row) {
        Cursor prev = new Cursor(from.id(), from.column(), condition);
        for (FlowNode n = first; n != null; n = n.next()) {
            String id = xmlId(n.id());
            if (n.type().isContainer()) {
                prev = container(n, prev, row);
                continue;
            }
            Element e = switch (n.type()) {
                case APPROVAL, HANDLE -> element("userTask", n.id(), n.name(), prev.column(), row);
                case CC -> element("sendTask", n.id(), n.name(), prev.column(), row);
                default -> element("serviceTask", n.id(), n.name(), prev.column(), row);
            };
            describe(e, n);
            flow(prev.id(), id, prev.pending());
            prev = new Cursor(id, prev.column() + 1, null);
            if (n.type() == NodeType.APPROVAL) {
                String gateway = id + "_decision";
                element("exclusiveGateway", gateway, n.name(), prev.column(), row);
                flow(id, gateway, null);
                boolean terminate = n.onReject() == null || n.onReject().policy() == OnReject.Policy.TERMINATE;
                flow(gateway, rejectEnd(terminate, prev.column()), REJECTED);
                prev = new Cursor(gateway, prev.column() + 1, APPROVED);
            }
        }
        return prev;
    }

    private Cursor container(FlowNode n, Cursor prev, int row) {
        String id = xmlId(n.id());
        String kind = switch (n.type()) {
            case PARALLEL -> "parallelGateway";
            case INCLUSIVE -> "inclusiveGateway";
            default -> "exclusiveGateway";
        };
        Element split = element(kind, n.id(), n.name(), prev.column(), row);
        String join = id + "_join";
        element(kind, join, n.name(), prev.column(), row);
        flow(prev.id(), id, prev.pending());
        List<Cursor> ends = new ArrayList<>();
        int branchRow = row;
        int last = prev.column() + 1;
        for (Branch b : n.branches()) {
            String when = n.type() == NodeType.PARALLEL || b.defaultBranch() || b.when() == null ? null : "${" + expression(b.when()) + "}";
            if (b.next() == null) {
                String flowId = flow(id, join, when);
                if (b.defaultBranch()) {
                    split.setAttribute("default", flowId);
                }
            } else {
                Cursor end = chain(b.next(), new Cursor(id, prev.column() + 1, null), when, branchRow);
                if (b.defaultBranch()) {
                    split.setAttribute("default", diagram.firstFlowFrom(id, xmlId(b.next().id())));
                }
                ends.add(end);
                last = Math.max(last, end.column());
            }
            branchRow += rows(b.next());
        }
        if (hasDefaultFlow(n)) {
            split.setAttribute("default", flow(id, join, null));
        }
        for (Cursor end : ends) {
            flow(end.id(), join, end.pending());
        }
        diagram.move(join, last, row);
        return new Cursor(join, last + 1, null);
    }

    /** The terminating end a rejection leads to, made on first use. */
    private String rejectEnd(boolean terminate, int column) {
        String id = terminate ? "sealflow_rejected" : "sealflow_returned";
        if (!diagram.has(id)) {
            Element end = element("endEvent", id, terminate ? "驳回" : "退回", column, bottomRow);
            end.appendChild(doc.createElementNS(BPMN, "bpmn:terminateEventDefinition"));
        }
        return id;
    }

    private void describe(Element e, FlowNode n) {
        Element doc1 = doc.createElementNS(BPMN, "bpmn:documentation");
        List<String> parts = new ArrayList<>();
        parts.add("type=" + n.type());
        if (n.approvers() != null) {
            parts.add("approvers=" + n.approvers().type());
        }
        if (n.action() != null) {
            parts.add("action=" + n.action());
        }
        doc1.setTextContent(String.join("; ", parts));
        e.appendChild(doc1);
        String people = "${approvers_" + n.id().replaceAll("\\W", "_") + "}";
        switch (n.type()) {
            case HANDLE -> e.setAttributeNS(FLOWABLE, "flowable:candidateUsers", people);
            case AUTO -> e.setAttributeNS(FLOWABLE, "flowable:delegateExpression", "${sealflowAuto}");
            case APPROVAL -> e.setAttributeNS(FLOWABLE, "flowable:assignee", "${assignee}");
            default -> {
                return;
            }
        }
        if (n.type() != NodeType.APPROVAL) {
            return;
        }
        ApprovalMode mode = n.effectiveMode();
        Element mi = doc.createElementNS(BPMN, "bpmn:multiInstanceLoopCharacteristics");
        mi.setAttribute("isSequential", String.valueOf(mode == ApprovalMode.SEQUENTIAL));
        mi.setAttributeNS(FLOWABLE, "flowable:collection", people);
        mi.setAttributeNS(FLOWABLE, "flowable:elementVariable", "assignee");
        String completion = switch (mode) {
            case ANY -> "${nrOfCompletedInstances >= 1}";
            case VOTE -> "${!approved || nrOfApprovals / nrOfInstances >= " + (n.passRatio() == null ? "1" : n.passRatio().toPlainString())
                + "}";
            default -> REJECTED;
        };
        Element cc = doc.createElementNS(BPMN, "bpmn:completionCondition");
        cc.setAttributeNS(XSI, "xsi:type", "bpmn:tFormalExpression");
        cc.setTextContent(completion);
        mi.appendChild(cc);
        e.appendChild(mi);
    }

    private Element element(String kind, String id, String name, int column, int row) {
        Element e = doc.createElementNS(BPMN, "bpmn:" + kind);
        e.setAttribute("id", xmlId(id));
        if (name != null) {
            e.setAttribute("name", name);
        }
        process.appendChild(e);
        diagram.shape(xmlId(id), kind, column, row);
        return e;
    }

    /** A sequence flow; returns its id. */
    private String flow(String from, String to, String condition) {
        Element f = doc.createElementNS(BPMN, "bpmn:sequenceFlow");
        String id = "flow_" + (++flowNo);
        f.setAttribute("id", id);
        f.setAttribute("sourceRef", from);
        f.setAttribute("targetRef", to);
        if (condition != null) {
            Element c = doc.createElementNS(BPMN, "bpmn:conditionExpression");
            c.setAttributeNS(XSI, "xsi:type", "bpmn:tFormalExpression");
            c.setTextContent(condition);
            f.appendChild(c);
        }
        process.appendChild(f);
        diagram.edge(id, from, to);
        return id;
    }

    static String expression(Condition c) {
        return c.anyOf().stream().map(cl -> "(" + cl.allOf().stream().map(BpmnExporter::predicate)
            .collect(Collectors.joining(" && ")) + ")").collect(Collectors.joining(" || "));
    }

    private static String predicate(Condition.Predicate p) {
        String f = p.field();
        Object v = p.value();
        return switch (p.op()) {
            case EQ -> f + " == " + literal(v);
            case NE -> f + " != " + literal(v);
            case GT -> f + " > " + literal(v);
            case GTE -> f + " >= " + literal(v);
            case LT -> f + " < " + literal(v);
            case LTE -> f + " <= " + literal(v);
            case IN -> "(" + ((List<?>) v).stream().map(x -> f + " == " + literal(x)).collect(Collectors.joining(" || ")) + ")";
            case NOT_IN -> "(" + ((List<?>) v).stream().map(x -> f + " != " + literal(x)).collect(Collectors.joining(" && ")) + ")";
            case CONTAINS -> f + ".contains(" + literal(v) + ")";
            case BETWEEN -> "(" + f + " >= " + literal(((List<?>) v).get(0)) + " && " + f + " <= " + literal(((List<?>) v).get(1)) + ")";
            case IS_EMPTY -> (Boolean.FALSE.equals(v) ? "!" : "") + "empty " + f;
        };
    }

    private static String literal(Object v) {
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return "'" + String.valueOf(v).replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** BPMN ids are XML NCNames. */
    static String xmlId(String id) {
        String s = id.replaceAll("[^A-Za-z0-9_.-]", "_");
        return Character.isLetter(s.isEmpty() ? '0' : s.charAt(0)) || s.startsWith("_") ? s : "n_" + s;
    }
}
