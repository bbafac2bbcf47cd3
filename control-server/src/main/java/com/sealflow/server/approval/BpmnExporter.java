package com.sealflow.server.approval;

import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.Branch;
import com.sealflow.server.approval.model.Condition;
import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.NodeType;
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
 * BPMN 2.0 XML of a flow (process only, no diagram interchange): APPROVAL → userTask with multi-instance (sequential
 * for SEQUENTIAL; completion conditions for ANY and VOTE), HANDLE → userTask, CC → sendTask, AUTO → serviceTask,
 * containers → a split and a join gateway of their kind, conditions → JUEL expressions on the sequence flows.
 */
final class BpmnExporter {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private final Document doc;
    private final Element process;
    private int flowNo;

    private BpmnExporter(FlowDefinition flow) throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        doc = f.newDocumentBuilder().newDocument();
        Element defs = doc.createElementNS(BPMN, "bpmn:definitions");
        defs.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", XSI);
        defs.setAttribute("id", "sealflow-" + flow.key());
        defs.setAttribute("targetNamespace", "https://sealflow.dev/bpmn");
        defs.setAttribute("exporter", "SealFlow");
        doc.appendChild(defs);
        process = doc.createElementNS(BPMN, "bpmn:process");
        process.setAttribute("id", xmlId(flow.key()));
        process.setAttribute("name", flow.name());
        process.setAttribute("isExecutable", "true");
        defs.appendChild(process);
    }

    static String export(FlowDefinition flow) {
        try {
            BpmnExporter x = new BpmnExporter(flow);
            Element start = x.element("startEvent", flow.root().id(), flow.root().name());
            String last = x.chain(flow.root().next(), start.getAttribute("id"), null);
            x.element("endEvent", "sealflow_end", "结束");
            x.flow(last, "sealflow_end", null);
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

    /** Emits a chain after {@code from}; the first flow carries {@code condition}. Returns the id of its last element. */
    private String chain(FlowNode first, String from, Condition condition) {
        String prev = from;
        Condition pending = condition;
        for (FlowNode n = first; n != null; n = n.next()) {
            String id = xmlId(n.id());
            if (n.type().isContainer()) {
                String kind = switch (n.type()) {
                    case PARALLEL -> "parallelGateway";
                    case INCLUSIVE -> "inclusiveGateway";
                    default -> "exclusiveGateway";
                };
                Element split = element(kind, n.id(), n.name());
                element(kind, n.id() + "_join", n.name());
                flow(prev, id, pending);
                for (Branch b : n.branches()) {
                    String flowId = "flow_" + (flowNo + 1);
                    if (b.defaultBranch()) {
                        split.setAttribute("default", flowId);
                    }
                    Condition when = n.type() == NodeType.PARALLEL || b.defaultBranch() ? null : b.when();
                    if (b.next() == null) {
                        flow(id, id + "_join", when);
                    } else {
                        String end = chain(b.next(), id, when);
                        flow(end, id + "_join", null);
                    }
                }
                prev = id + "_join";
            } else {
                Element e = switch (n.type()) {
                    case APPROVAL, HANDLE -> element("userTask", n.id(), n.name());
                    case CC -> element("sendTask", n.id(), n.name());
                    default -> element("serviceTask", n.id(), n.name());
                };
                describe(e, n);
                flow(prev, id, pending);
                prev = id;
            }
            pending = null;
        }
        return prev;
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
        if (n.type() != NodeType.APPROVAL) {
            return;
        }
        ApprovalMode mode = n.effectiveMode();
        Element mi = doc.createElementNS(BPMN, "bpmn:multiInstanceLoopCharacteristics");
        mi.setAttribute("isSequential", String.valueOf(mode == ApprovalMode.SEQUENTIAL));
        String completion = switch (mode) {
            case ANY -> "${nrOfCompletedInstances >= 1}";
            case VOTE -> "${nrOfApprovals / nrOfInstances >= " + (n.passRatio() == null ? "1" : n.passRatio().toPlainString()) + "}";
            default -> null;
        };
        if (completion != null) {
            Element cc = doc.createElementNS(BPMN, "bpmn:completionCondition");
            cc.setAttributeNS(XSI, "xsi:type", "bpmn:tFormalExpression");
            cc.setTextContent(completion);
            mi.appendChild(cc);
        }
        e.appendChild(mi);
    }

    private Element element(String kind, String id, String name) {
        Element e = doc.createElementNS(BPMN, "bpmn:" + kind);
        e.setAttribute("id", xmlId(id));
        if (name != null) {
            e.setAttribute("name", name);
        }
        process.appendChild(e);
        return e;
    }

    private void flow(String from, String to, Condition when) {
        Element f = doc.createElementNS(BPMN, "bpmn:sequenceFlow");
        f.setAttribute("id", "flow_" + (++flowNo));
        f.setAttribute("sourceRef", from);
        f.setAttribute("targetRef", to);
        if (when != null) {
            Element c = doc.createElementNS(BPMN, "bpmn:conditionExpression");
            c.setAttributeNS(XSI, "xsi:type", "bpmn:tFormalExpression");
            c.setTextContent("${" + expression(when) + "}");
            f.appendChild(c);
        }
        process.appendChild(f);
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
