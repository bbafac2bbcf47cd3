package com.sealflow.server.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.db.Dialect;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Simulation (nothing written, reasons per branch) and BPMN export (parses, has the expected elements). */
class SimulationAndBpmnTest {

    @Test
    void simulationShowsThePathApproversAndWhyEachBranch() {
        Harness h = Harness.shared(Dialect.SQLITE);
        String key = h.deploy(DemoFlows.sealUse());
        int instancesBefore = Harness.await(h.db.execute("SELECT COUNT(*) FROM approval_instance")).iterator().next().getInteger(0);
        Simulation s = Harness.await(h.engine.simulate(key, 1, "zhangsan", Map.of("amount", 120000, "documentType", "CONTRACT",
            "sealType", List.of("CONTRACT"), "sealIds", List.of("seal-contract"))));
        assertThat(s.path()).extracting(Simulation.Step::nodeId)
            .containsExactly("start", "dept", "review", "legal", "finance", "exec", "stamp", "archive");
        Simulation.Step dept = s.path().get(1);
        assertThat(dept.mode()).isEqualTo(ApprovalMode.ANY);
        assertThat(dept.approvers()).containsExactly(new Simulation.UserRef("lisi", "李四"));
        Simulation.Step exec = s.path().get(5);
        assertThat(exec.branches()).extracting(Simulation.BranchDecision::branchId, Simulation.BranchDecision::taken)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("big", false), org.assertj.core.groups.Tuple.tuple("small", true));
        assertThat(exec.branches().get(0).reason()).contains("amount gte 500000: 120000 → false")
            .contains("sealType in [OFFICIAL, LEGAL_REP]");
        assertThat(s.path().get(2).branches()).allMatch(Simulation.BranchDecision::taken);
        assertThat(s.path().get(6).approvers()).extracting(Simulation.UserRef::id).containsExactly("wushi");
        int instancesAfter = Harness.await(h.db.execute("SELECT COUNT(*) FROM approval_instance")).iterator().next().getInteger(0);
        assertThat(instancesAfter).isEqualTo(instancesBefore);
    }

    @Test
    void simulationNotesPolicies() {
        Harness h = Harness.shared(Dialect.SQLITE);
        Simulation s = Harness.await(h.engine.simulate(DemoFlows.takeOut(), "sunba", Map.of("sealIds", List.of("seal-finance"))));
        Simulation.Step gm = s.path().stream().filter(p -> p.nodeId().equals("gm")).findFirst().orElseThrow();
        assertThat(gm.note()).contains("skipped");
        assertThat(gm.approvers()).isEmpty();
        assertThat(s.path().get(1).note()).contains("no approver");
    }

    @Test
    void bpmnExportIsValidXmlWithTheExpectedElements() throws Exception {
        String xml = BpmnExporter.export(DemoFlows.sealUse());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        String ns = BpmnExporter.BPMN;
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("definitions");
        assertThat(doc.getElementsByTagNameNS(ns, "process").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagNameNS(ns, "startEvent").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagNameNS(ns, "endEvent").getLength()).as("done, rejected, returned").isEqualTo(3);
        assertThat(doc.getElementsByTagNameNS(ns, "userTask").getLength()).isEqualTo(5);
        assertThat(doc.getElementsByTagNameNS(ns, "serviceTask").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagNameNS(ns, "inclusiveGateway").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagNameNS(ns, "exclusiveGateway").getLength()).as("exec split and join, 4 decisions")
            .isEqualTo(6);
        NodeList mi = doc.getElementsByTagNameNS(ns, "multiInstanceLoopCharacteristics");
        assertThat(mi.getLength()).isEqualTo(4);
        var xpath = XPathFactory.newInstance().newXPath();
        Element ceo = (Element) xpath.evaluate("//*[local-name()='userTask'][@id='ceo']", doc, XPathConstants.NODE);
        assertThat(ceo.getElementsByTagNameNS(ns, "completionCondition").item(0).getTextContent()).isEqualTo("${!approved}");
        assertThat(xpath.evaluate("//*[local-name()='sequenceFlow'][@sourceRef='legal_decision'][@targetRef='sealflow_returned']", doc,
            XPathConstants.NODE)).as("legal returns to the applicant").isNotNull();
        Element dept = (Element) xpath.evaluate("//*[local-name()='userTask'][@id='dept']", doc, XPathConstants.NODE);
        assertThat(dept.getElementsByTagNameNS(ns, "completionCondition").item(0).getTextContent())
            .isEqualTo("${nrOfCompletedInstances >= 1}");
        String bigCondition = xpath.evaluate("//*[local-name()='sequenceFlow'][@targetRef='ceo']/*[local-name()='conditionExpression']",
            doc);
        assertThat(bigCondition).isEqualTo("${(amount >= 500000) || ((sealType == 'OFFICIAL' || sealType == 'LEGAL_REP'))}");
        Element exec = (Element) xpath.evaluate("//*[local-name()='exclusiveGateway'][@id='exec']", doc, XPathConstants.NODE);
        String defaultFlow = exec.getAttribute("default");
        assertThat(xpath.evaluate("//*[local-name()='sequenceFlow'][@id='" + defaultFlow + "']/@targetRef", doc)).isEqualTo("exec_join");
        String review = xpath.evaluate("//*[local-name()='inclusiveGateway'][@id='review']/@default", doc);
        assertThat(xpath.evaluate("//*[local-name()='sequenceFlow'][@id='" + review + "']/@targetRef", doc))
            .as("no branch taken continues").isEqualTo("review_join");
        NodeList flows = doc.getElementsByTagNameNS(ns, "sequenceFlow");
        for (int i = 0; i < flows.getLength(); i++) {
            Element fl = (Element) flows.item(i);
            for (String ref : List.of(fl.getAttribute("sourceRef"), fl.getAttribute("targetRef"))) {
                assertThat(xpath.evaluate("count(//*[@id='" + ref + "'])", doc)).as("flow end %s exists", ref).isEqualTo("1");
            }
            assertThat(xpath.evaluate("count(//*[local-name()='BPMNEdge'][@bpmnElement='" + fl.getAttribute("id") + "']/*)", doc))
                .as("flow %s is drawn", fl.getAttribute("id")).isNotIn("0", "1");
        }
        NodeList nodes = (NodeList) xpath.evaluate("//*[local-name()='process']/*[local-name()!='sequenceFlow']", doc,
            XPathConstants.NODESET);
        assertThat(nodes.getLength()).isEqualTo(18);
        for (int i = 0; i < nodes.getLength(); i++) {
            String id = ((Element) nodes.item(i)).getAttribute("id");
            assertThat(xpath.evaluate("count(//*[local-name()='BPMNShape'][@bpmnElement='" + id + "']/*[local-name()='Bounds'])", doc))
                .as("%s is placed", id).isEqualTo("1");
        }
    }

    @Test
    void bpmnOfAPublishedVersionComesFromTheEngine() {
        Harness h = Harness.shared(Dialect.SQLITE);
        String key = h.deploy(DemoFlows.takeOut());
        assertThat(Harness.await(h.engine.exportBpmn(key, 1))).contains("bpmn:process").contains("id=\"checkin\"");
        assertThat(h.failure(() -> Harness.await(h.engine.exportBpmn(key, 2)))).isInstanceOf(ApprovalNotFoundException.class);
    }
}
